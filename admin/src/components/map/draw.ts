/**
 * What both providers draw the same way, free of any map library: marker HTML, zone and line
 * styles, the zoom for a single point, and keeping drawn objects in step with the page's state
 * without redrawing what did not change.
 */
import type { MapMarker, MapPolygon, MapPolyline } from './types';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A stop marker: a coloured disc with its label, larger when highlighted. */
export function markerHtml(m: MapMarker): { size: number; html: string } {
  const size = m.highlighted ? 30 : m.label ? 24 : 16;
  const color = escapeHtml(m.color ?? '#1677ff');
  const title = m.title ? ` title="${escapeHtml(m.title)}"` : '';
  return {
    size,
    html: `<div class="dzky-map-marker${m.highlighted ? ' dzky-map-marker--hl' : ''}"${title} style="background:${color};width:${size}px;height:${size}px;line-height:${size}px">${escapeHtml(m.label ?? '')}</div>`,
  };
}

/** A zone: its colour, a thicker outline and denser fill when selected. */
export function polygonStyle(p: MapPolygon) {
  return { color: p.color, weight: p.selected ? 4 : 2, fillOpacity: p.selected ? 0.35 : 0.2 };
}

export function polylineStyle(l: MapPolyline) {
  return { color: l.color ?? '#1677ff', weight: l.weight ?? 4, opacity: 0.85, dashed: Boolean(l.dashed) };
}

/** Fitting one point: zoom in to street level, but never out from where the user is. */
export function singlePointZoom(current: number, maxZoom: number): number {
  return Math.max(current, Math.min(14, maxZoom));
}

/** What a zone was drawn from; an equal signature needs no redraw. */
export const polygonSignature = (p: MapPolygon): string =>
  JSON.stringify([p.geometry, p.color, p.label ?? '', Boolean(p.selected)]);

export interface Drawn {
  sig: string;
}

/**
 * Brings the drawn objects (by id) in step with `wanted`: removes those no longer wanted, leaves
 * those whose signature is unchanged (so a vertex being dragged is not interrupted), and lets
 * `upsert` draw or update the rest (`old` is the previous object, if any).
 */
export function reconcile<T extends { id: string }, E extends Drawn>(
  drawn: Map<string, E>,
  wanted: readonly T[],
  ops: {
    signature?: (item: T) => string;
    remove(entry: E, id: string): void;
    upsert(item: T, sig: string, old: E | undefined): E;
  },
): void {
  const { signature = (item: T) => JSON.stringify(item), remove, upsert } = ops;
  const keep = new Set(wanted.map((w) => w.id));
  for (const [id, entry] of drawn) {
    if (keep.has(id)) continue;
    remove(entry, id);
    drawn.delete(id);
  }
  for (const item of wanted) {
    const sig = signature(item);
    const old = drawn.get(item.id);
    if (old && old.sig === sig) continue;
    drawn.set(item.id, upsert(item, sig, old));
  }
}
