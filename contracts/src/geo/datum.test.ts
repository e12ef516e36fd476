import { gcj02ToWgs84, wgs84ToGcj02 } from './datum';

// reference values from gcoord 1.x for the same points
describe('R-7.5 GCJ-02 ↔ WGS-84 for a WGS-84 tile server', () => {
  it('moves 深圳市民中心 the published offset', () => {
    const [lng, lat] = gcj02ToWgs84([114.057868, 22.543099]);
    expect(lng).toBeCloseTo(114.05276, 5);
    expect(lat).toBeCloseTo(22.545826, 5);
    const [glng, glat] = wgs84ToGcj02([114.057868, 22.543099]);
    expect(glng).toBeCloseTo(114.062982, 5);
    expect(glat).toBeCloseTo(22.540382, 5);
  });

  it('round-trips to well under a metre', () => {
    const p: [number, number] = [113.264385, 23.129112];
    const back = wgs84ToGcj02(gcj02ToWgs84(p));
    expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-7);
    expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-7);
  });

  it('leaves points outside China unchanged', () => {
    expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85]);
  });
});
