/**
 * The trip map in the mini-program: WeChat's native <map> (Tencent's approved map, GCJ-02 — the
 * datum our data is stored in, so nothing is converted). Markers, zone polygons and taps.
 *
 * WeChat's polygons have no holes: a zone's holes are drawn over it as light, dashed polygons so
 * the excluded area reads as cut out. The marker icons are plain discs in the kind's colour,
 * stored as uncompressed PNGs so the build emits them as files (webpack inlines images under 2 KB
 * as data URLs, which a <map> marker cannot show).
 */
import { Map, View } from '@tarojs/components';
import type { LngLat } from '@dzky/contracts';
import { polygonsOf } from './geometry';
import { DEFAULT_CENTER } from './map-config';
import { KIND_COLORS, type MapMarkerKind, type TripMapProps } from './types';
import dropoffIcon from './assets/dropoff.png';
import pickupIcon from './assets/pickup.png';
import stopIcon from './assets/stop.png';
import './map.weapp.scss';

const ICONS: Record<MapMarkerKind, { path: string; size: number }> = {
  stop: { path: stopIcon as string, size: 20 },
  pickup: { path: pickupIcon as string, size: 28 },
  dropoff: { path: dropoffIcon as string, size: 28 },
};

const point = (p: LngLat) => ({ longitude: p.lng, latitude: p.lat });

export function TripMap({ id, className, markers, polygons, fitTo, onTap }: TripMapProps) {
  const centre = fitTo?.length
    ? { lng: fitTo.reduce((s, p) => s + p.lng, 0) / fitTo.length, lat: fitTo.reduce((s, p) => s + p.lat, 0) / fitTo.length }
    : DEFAULT_CENTER;

  const nativeMarkers = markers.map((m, i) => {
    const icon = ICONS[m.kind];
    return {
      id: i + 1,
      ...point(m.position),
      iconPath: icon.path,
      width: icon.size,
      height: icon.size,
      anchor: { x: 0.5, y: 0.5 },
      zIndex: m.kind === 'stop' ? 1 : 2,
      // the name shows on a tap (WeChat's title): permanent names of a whole route would pile up
      title: m.title,
      label: m.label
        ? {
            content: m.label,
            color: '#1f2329',
            fontSize: 11,
            anchorX: icon.size / 2 + 2,
            anchorY: -8,
            borderWidth: 0,
            borderColor: '#ffffff',
            borderRadius: 4,
            bgColor: '#ffffffdd',
            padding: 2,
            textAlign: 'left' as const,
          }
        : undefined,
    };
  });

  const nativePolygons = polygons.flatMap((p) => {
    const color = KIND_COLORS[p.kind];
    return polygonsOf(p.geometry).flatMap(([outer, ...holes]) => [
      {
        points: (outer ?? []).map(([lng, lat]) => point({ lng, lat })),
        strokeWidth: p.active ? 3 : 1,
        strokeColor: color,
        fillColor: `${color}${p.active ? '40' : '1a'}`,
        zIndex: 1,
      },
      ...holes.map((hole) => ({
        points: hole.map(([lng, lat]) => point({ lng, lat })),
        strokeWidth: 1,
        strokeColor: color,
        fillColor: '#ffffffb3',
        dashArray: [6, 4],
        zIndex: 2,
      })),
    ]);
  });

  return (
    <View id={id} className={`trip-map ${className ?? ''}`}>
      <Map
        id={`${id ?? 'trip-map'}-native`}
        className="trip-map__native"
        longitude={centre.lng}
        latitude={centre.lat}
        scale={11}
        markers={nativeMarkers}
        polygons={nativePolygons}
        includePoints={fitTo?.map(point)}
        showScale
        // the native map failed to start (e.g. no map permission for the AppID): say so in the console
        onError={(e) => console.warn('map error', (e as { detail?: unknown }).detail)}
        onTap={(e) => {
          const detail = (e as { detail?: { longitude?: number; latitude?: number } }).detail;
          // base library ≥ 2.9.0 reports where the tap was
          if (typeof detail?.longitude === 'number' && typeof detail.latitude === 'number') {
            onTap?.({ lng: Number(detail.longitude.toFixed(6)), lat: Number(detail.latitude.toFixed(6)) });
          }
        }}
      />
    </View>
  );
}
