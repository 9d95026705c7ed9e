import { formatFen, formatYuan, parseYuan } from './money';

describe('money in integer fen', () => {
  it('formats fen as yuan with grouping', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123456)).toBe('1,234.56');
    expect(formatFen(-9900)).toBe('-99.00');
    expect(formatFen(100000000, { grouping: false })).toBe('1000000.00');
    expect(formatYuan(1999)).toBe('¥19.99');
  });

  it('refuses non-integer amounts instead of rounding silently', () => {
    expect(() => formatFen(12.5)).toThrow(/integer fen/);
  });

  it('parses yuan text exactly, without floating point', () => {
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('1,234.56')).toBe(123456);
    expect(parseYuan('¥8')).toBe(800);
    expect(parseYuan(19.9)).toBe(1990);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('-3.20')).toBe(-320);
  });

  it('rejects what is not an amount with at most two decimals', () => {
    for (const bad of ['', 'abc', '1.234', '1e5', '12..3', '¥', '１２']) expect(parseYuan(bad)).toBeNull();
  });
});
