import { DEMO_ATTRIBUTION, DEMO_BASEMAP, DEMO_BOUNDS } from './demo-basemap';

describe('R-7.5 offline demo basemap', () => {
  it('says it is not an approved map', () => {
    expect(DEMO_ATTRIBUTION).toContain('演示');
    expect(DEMO_ATTRIBUTION).toContain('无审图号');
  });

  it('covers the Pearl River Delta: coast, the four city outlines, 珠江, expressways and city names', () => {
    const byKind = (k: string) => DEMO_BASEMAP.features.filter((f) => f.properties.kind === k);
    expect(byKind('land')).toHaveLength(1);
    expect(
      byKind('city')
        .map((f) => f.properties.name)
        .sort(),
    ).toEqual(['东莞市', '佛山市', '广州市', '深圳市'].sort());
    expect(byKind('river').map((f) => f.properties.name)).toContain('珠江');
    expect(byKind('expressway').length).toBeGreaterThanOrEqual(5);
    const labels = byKind('label').map((f) => f.properties.name);
    for (const city of ['广州', '深圳', '东莞', '佛山']) expect(labels).toContain(city);
  });

  it('is valid GeoJSON inside its bounds: closed polygon rings, [lng, lat] order', () => {
    const [[w, s], [e, n]] = DEMO_BOUNDS;
    for (const f of DEMO_BASEMAP.features) {
      const g = f.geometry;
      const points =
        g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
      for (const [lng, lat] of points) {
        expect(lng).toBeGreaterThanOrEqual(w);
        expect(lng).toBeLessThanOrEqual(e);
        expect(lat).toBeGreaterThanOrEqual(s);
        expect(lat).toBeLessThanOrEqual(n);
      }
      if (g.type === 'Polygon') {
        for (const ring of g.coordinates) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
      }
    }
  });
});
