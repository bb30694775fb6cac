import { describe, expect, it } from 'vitest';
import { perSecond, pruneArrivals } from './rate';
import { sparklineArea, sparklinePath } from './sparkline';

describe('perSecond', () => {
  const now = 100_500; // in second 100
  it('counts arrivals per second, oldest first, current second last', () => {
    expect(perSecond([100_000, 100_400, 99_999, 97_000, 50_000, 101_000], now, 5)).toEqual([0, 1, 0, 1, 2]);
  });

  it('is all zeros with nothing seen', () => {
    expect(perSecond([], now, 3)).toEqual([0, 0, 0]);
  });

  it('prunes what falls out of the window', () => {
    expect(pruneArrivals([95_999, 96_000, 100_400], now, 5)).toEqual([96_000, 100_400]);
  });
});

describe('sparkline', () => {
  it('scales the largest value to the top and spreads points across the width', () => {
    expect(sparklinePath([0, 2, 1], 100, 10)).toBe('M0,10 L50,0 L100,5');
  });

  it('keeps a quiet series near the bottom (scale floor of 1)', () => {
    expect(sparklinePath([0, 0], 10, 10)).toBe('M0,10 L10,10');
  });

  it('closes the area down to the baseline', () => {
    expect(sparklineArea([1, 1], 10, 10)).toBe('M0,0 L10,0 L10,10 L0,10 Z');
    expect(sparklinePath([], 10, 10)).toBe('');
    expect(sparklineArea([], 10, 10)).toBe('');
  });
});
