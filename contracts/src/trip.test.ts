import { seatsLeftFor, segmentsOf } from './trip';

describe('R-6.2.3 segment inventory', () => {
  it('a journey from stop a to stop b holds segments a … b−1', () => {
    expect(segmentsOf(1, 2)).toEqual([1]);
    expect(segmentsOf(1, 3)).toEqual([1, 2]);
    expect(segmentsOf(2, 5)).toEqual([2, 3, 4]);
  });

  it('refuses what is not a journey', () => {
    expect(() => segmentsOf(2, 2)).toThrow(RangeError);
    expect(() => segmentsOf(3, 1)).toThrow(RangeError);
    expect(() => segmentsOf(0, 2)).toThrow(RangeError);
    expect(() => segmentsOf(1.5, 3)).toThrow(RangeError);
  });

  it('seats left are the fewest free seats over the segments held; other segments do not count', () => {
    const sold = [{ segNo: 1, sold: 19 }, { segNo: 2, sold: 4 }, { segNo: 3, sold: 0 }];
    // a seat sold 1→2 is free again from stop 2
    expect(seatsLeftFor(sold, 19, 1, 2)).toBe(0);
    expect(seatsLeftFor(sold, 19, 2, 4)).toBe(15);
    expect(seatsLeftFor(sold, 19, 1, 4)).toBe(0);
    expect(seatsLeftFor(sold, 19, 3, 4)).toBe(19);
  });

  it('never answers below 0, even when a capacity was cut below what is sold', () => {
    expect(seatsLeftFor([{ segNo: 1, sold: 12 }], 10, 1, 2)).toBe(0);
    expect(seatsLeftFor([], 10, 1, 3)).toBe(10);
  });
});
