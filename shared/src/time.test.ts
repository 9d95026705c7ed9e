import { formatDateTime, shanghaiDate, shanghaiDayStart } from './time';
import { docDay, formatDocNumber } from './doc-number';

describe('Asia/Shanghai on screen, UTC underneath', () => {
  it('moves a UTC evening to the next Shanghai day', () => {
    expect(shanghaiDate('2023-10-11T16:30:00Z')).toBe('2023-10-12');
    expect(formatDateTime('2023-10-11T01:05:00Z')).toBe('2023-10-11 09:05');
    expect(formatDateTime(null)).toBe('');
  });
  it('finds the UTC start of a Shanghai day', () => {
    expect(shanghaiDayStart('2024-01-24').toISOString()).toBe('2024-01-23T16:00:00.000Z');
  });
  it('numbers documents per Shanghai day, four digits', () => {
    expect(docDay('2023-10-10T16:00:00Z')).toBe('20231011');
    expect(formatDocNumber('LY', '20231011', 35)).toBe('LY-20231011-0035');
    expect(formatDocNumber('LY', '20231011', 12345)).toBe('LY-20231011-12345');
  });
});
