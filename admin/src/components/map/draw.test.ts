import { describe, expect, it, vi } from 'vitest';
import { markerHtml, polygonStyle, reconcile, singlePointZoom, type Drawn } from './draw';

describe('R-7.5 what both map providers draw alike', () => {
  it('marker HTML escapes label, colour and title, and grows for labels and highlights', () => {
    expect(markerHtml({ id: 'a', position: [0, 0] }).size).toBe(16);
    expect(markerHtml({ id: 'a', position: [0, 0], label: '1' }).size).toBe(24);
    const { size, html } = markerHtml({
      id: 'a',
      position: [0, 0],
      label: '<b>',
      color: '"red',
      title: 'A & B',
      highlighted: true,
    });
    expect(size).toBe(30);
    expect(html).toContain('dzky-map-marker--hl');
    expect(html).toContain('title="A &#38; B"');
    expect(html).toContain('background:&#34;red;');
    expect(html).toContain('>&#60;b&#62;</div>');
    expect(markerHtml({ id: 'a', position: [0, 0] }).html).not.toContain('title=');
  });

  it('a selected zone is drawn thicker and denser', () => {
    const geometry = { type: 'Polygon' as const, coordinates: [] };
    expect(polygonStyle({ id: 'z', geometry, color: '#52c41a' })).toEqual({ color: '#52c41a', weight: 2, fillOpacity: 0.2 });
    expect(polygonStyle({ id: 'z', geometry, color: '#52c41a', selected: true })).toMatchObject({ weight: 4, fillOpacity: 0.35 });
  });

  it('one point zooms in to 14 at most, and never out', () => {
    expect(singlePointZoom(9, 15)).toBe(14);
    expect(singlePointZoom(16, 15)).toBe(16);
    expect(singlePointZoom(9, 12)).toBe(12);
  });

  it('reconcile removes what is gone, leaves what is unchanged and redraws only what changed', () => {
    const drawn = new Map<string, Drawn & { n: number }>();
    const remove = vi.fn();
    const upsert = vi.fn((item: { id: string; v: number }, sig: string, _old?: Drawn & { n: number }) => ({ sig, n: item.v }));
    reconcile(drawn, [{ id: 'a', v: 1 }, { id: 'b', v: 2 }], { remove, upsert });
    expect(upsert).toHaveBeenCalledTimes(2);
    upsert.mockClear();
    reconcile(drawn, [{ id: 'a', v: 1 }, { id: 'c', v: 3 }, { id: 'b', v: 5 }], { remove, upsert });
    expect(upsert.mock.calls.map((c) => c[0].id)).toEqual(['c', 'b']);
    expect(upsert.mock.calls[1][2]).toMatchObject({ n: 2 });
    expect(remove).not.toHaveBeenCalled();
    reconcile(drawn, [{ id: 'c', v: 3 }], { remove, upsert });
    expect(remove.mock.calls.map((c) => c[1])).toEqual(['a', 'b']);
    expect([...drawn.keys()]).toEqual(['c']);
  });
});
