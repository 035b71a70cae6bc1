import { describe, expect, it } from 'vitest';
import { AverageWindow } from './averageWindow';

describe('a threshold rule’s average window', () => {
  it('averages exactly the points a plain list would keep, through growth and wrap-around', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const window = new AverageWindow();
    let points: [number, number][] = [];
    let t = 0;
    for (let i = 0; i < 5000; i++) {
      // Irregular arrivals and a window that changes length (a rule edited), as samples really come.
      t += Math.floor(rand() * 3000);
      const spanMs = i < 2500 ? 60_000 : i < 4000 ? 600_000 : 5_000;
      const value = rand() * 100;
      window.add(t, value, t - spanMs);
      points.push([t, value]);
      while (points.length > 1 && points[0]![0] < t - spanMs) points = points.slice(1);
      const expected = points.reduce((sum, p) => sum + p[1], 0) / points.length;
      expect(window.average).toBeCloseTo(expected, 6);
    }
  });

  it('keeps the newest point when every point is older than the window', () => {
    const window = new AverageWindow();
    window.add(0, 10, 0);
    window.add(100_000, 30, 200_000);
    expect(window.average).toBe(30);
  });
});
