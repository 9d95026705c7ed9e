import { availableActions, canTransition, WORK_ORDER_TRANSITIONS } from './work-order';
import { lineAmounts, totals } from './tax';

describe('work-order state machine', () => {
  it('walks the happy path with the right role at each step', () => {
    expect(canTransition('created', 'submit', ['service'])).toBe(true);
    expect(canTransition('pending_dispatch', 'dispatch', ['supervisor'])).toBe(true);
    expect(canTransition('dispatched', 'start', ['technician'])).toBe(true);
    expect(canTransition('in_progress', 'finish', ['technician'])).toBe(true);
    expect(canTransition('finished', 'settle', ['supervisor'])).toBe(true);
    expect(canTransition('pending_followup', 'close', ['followup'])).toBe(true);
    expect(WORK_ORDER_TRANSITIONS.settle.to).toBe('pending_followup');
  });
  it('sends rework back to pending dispatch, and only from follow-up', () => {
    expect(WORK_ORDER_TRANSITIONS.rework.to).toBe('pending_dispatch');
    expect(canTransition('finished', 'rework', ['followup'])).toBe(false);
  });
  it('forbids what the issue forbids', () => {
    expect(canTransition('in_progress', 'settle', ['supervisor'])).toBe(false);
    expect(canTransition('finished', 'settle', ['technician'])).toBe(false);
    expect(canTransition('finished', 'close', ['followup'])).toBe(false);
    expect(canTransition('in_progress', 'cancel', ['admin'])).toBe(false);
  });
  it('offers start only to the assigned technician', () => {
    expect(availableActions('dispatched', ['technician'], true)).toEqual(['start']);
    expect(availableActions('dispatched', ['technician'], false)).toEqual([]);
    expect(availableActions('dispatched', ['supervisor'], false)).toEqual(['reassign', 'cancel']);
  });
});

describe('tax amounts in integer fen', () => {
  it('splits a tax-included price: 113.00 at 13% is 100.00 + 13.00', () => {
    expect(lineAmounts({ unitPrice: 11300, qty: 1, taxRate: 13, taxIncluded: true })).toEqual({ net: 10000, tax: 1300, gross: 11300 });
  });
  it('adds tax to a tax-excluded price: 2 × 35.00 at 13% is 70.00 + 9.10', () => {
    expect(lineAmounts({ unitPrice: 3500, qty: 2, taxRate: 13, taxIncluded: false })).toEqual({ net: 7000, tax: 910, gross: 7910 });
  });
  it('rounds each line half up to the fen', () => {
    // 0.05 × 13% = 0.0065 -> 0.01; 1.00 incl. 13% -> net 0.884955... -> 0.88, tax 0.12
    expect(lineAmounts({ unitPrice: 5, qty: 1, taxRate: 13, taxIncluded: false }).tax).toBe(1);
    expect(lineAmounts({ unitPrice: 100, qty: 1, taxRate: 13, taxIncluded: true })).toEqual({ net: 88, tax: 12, gross: 100 });
    // exactly half: 0.50 × 9% = 0.045 -> 0.05
    expect(lineAmounts({ unitPrice: 50, qty: 1, taxRate: 9, taxIncluded: false }).tax).toBe(5);
  });
  it('sums rounded lines, groups by rate, and takes a discount off the gross', () => {
    const t = totals(
      [
        { unitPrice: 11300, qty: 1, taxRate: 13, taxIncluded: true },
        { unitPrice: 3500, qty: 2, taxRate: 13, taxIncluded: false },
        { unitPrice: 10600, qty: 1, taxRate: 6, taxIncluded: true },
      ],
      1000,
    );
    expect(t).toMatchObject({ net: 27000, tax: 2810, gross: 29810, discount: 1000, payable: 28810 });
    expect(t.byRate).toEqual([
      { taxRate: 13, net: 17000, tax: 2210, gross: 19210 },
      { taxRate: 6, net: 10000, tax: 600, gross: 10600 },
    ]);
  });
  it('refuses fractions of a fen, negative amounts and a discount above the total', () => {
    expect(() => lineAmounts({ unitPrice: 10.5, qty: 1, taxRate: 13, taxIncluded: true })).toThrow(RangeError);
    expect(() => totals([{ unitPrice: 100, qty: 1, taxRate: 0, taxIncluded: true }], 101)).toThrow(/discount/);
  });
});
