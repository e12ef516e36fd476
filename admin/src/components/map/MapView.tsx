import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { Alert, Button, Spin, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { appMapConfig, DEFAULT_CENTER, DEFAULT_ZOOM, type ResolvedMapConfig } from './config';
import { DEMO_ATTRIBUTION } from '@dzky/contracts';
import { geometryPoints } from './geojson';
import { loadProvider } from './loader';
import type {
  LngLat,
  MapEvents,
  MapMarker,
  MapPolygon,
  MapPolyline,
  MapProvider,
  ProviderKind,
} from './types';
import './map.css';

/** What a page may do with a map beyond the declarative props. Calls before the map is ready do nothing. */
export interface MapHandle {
  startDrawPolygon(color?: string): void;
  cutHole(id: string): void;
  cancelDraw(): void;
  fitTo(points: LngLat[], maxZoom?: number): void;
  /** fits everything shown: markers, lines and polygons */
  fitAll(): void;
  setView(center: LngLat, zoom?: number): void;
}

export interface MapViewProps extends MapEvents {
  markers?: MapMarker[];
  polylines?: MapPolyline[];
  polygons?: MapPolygon[];
  /** crosshair cursor; clicks on markers and zones count as clicks on the map */
  pickMode?: boolean;
  /** the polygon whose vertices can be dragged (null: none) */
  editingId?: string | null;
  /** whenever this value changes (and once the map is ready) the view fits everything shown */
  fitKey?: string | number;
  center?: LngLat;
  zoom?: number;
  height?: number | string;
  className?: string;
  style?: CSSProperties;
  /** for tests and Playwright */
  'data-testid'?: string;
  /** the map's accessible name */
  'aria-label'?: string;
  /** tools drawn over the map's top-right corner */
  children?: ReactNode;
  /** overrides the build's configuration (tests, previews) */
  config?: ResolvedMapConfig;
  onReady?(info: { kind: ProviderKind; demo: boolean }): void;
}

/**
 * The one map component of the admin app. It loads the configured provider on first mount (a
 * separate chunk), draws what the props say, and reports clicks, drags, drawn and edited shapes
 * through the callbacks, always in GCJ-02 `[lng, lat]`.
 */
const MapView = forwardRef<MapHandle, MapViewProps>(function MapView(props, ref) {
  const { t } = useTranslation();
  const {
    markers,
    polylines,
    polygons,
    pickMode,
    editingId,
    fitKey,
    height = 420,
    className,
    style,
    children,
  } = props;
  const config = useMemo(() => props.config ?? appMapConfig(), [props.config]);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [provider, setProvider] = useState<MapProvider | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // the provider calls through these, so it always reaches the latest callbacks
  const latest = useRef(props);
  latest.current = props;
  const events = useMemo<MapEvents>(
    () => ({
      onClick: (p) => latest.current.onClick?.(p),
      onMarkerClick: (id) => latest.current.onMarkerClick?.(id),
      onMarkerDragEnd: (id, p) => latest.current.onMarkerDragEnd?.(id, p),
      onPolygonClick: (id) => latest.current.onPolygonClick?.(id),
      onPolygonDrawn: (g) => latest.current.onPolygonDrawn?.(g),
      onPolygonEdited: (id, g) => latest.current.onPolygonEdited?.(id, g),
      onDrawCancelled: () => latest.current.onDrawCancelled?.(),
    }),
    [],
  );

  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    // a fresh host per attempt: a map still being torn down (StrictMode, retry) keeps its own node
    const host = document.createElement('div');
    host.className = 'dzky-map__host';
    el.appendChild(host);
    let cancelled = false;
    let made: MapProvider | null = null;
    setFailed(null);
    loadProvider(config.provider)
      .then((factory) =>
        factory(host, config, {
          ...events,
          center: latest.current.center ?? DEFAULT_CENTER,
          zoom: latest.current.zoom ?? DEFAULT_ZOOM,
        }),
      )
      .then((p) => {
        made = p;
        if (cancelled) p.destroy();
        else setProvider(p);
      })
      .catch((e: unknown) => {
        console.error('map failed to load', e);
        if (!cancelled) setFailed(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
      made?.destroy();
      host.remove();
      setProvider(null);
    };
  }, [config, events, attempt]);

  // after the handle below points at the new provider, so onReady may use it at once
  useEffect(() => {
    if (provider) latest.current.onReady?.({ kind: provider.kind, demo: provider.demo });
  }, [provider]);
  useEffect(() => provider?.setMarkers(markers ?? []), [provider, markers]);
  useEffect(() => provider?.setPolylines(polylines ?? []), [provider, polylines]);
  useEffect(() => provider?.setPolygons(polygons ?? []), [provider, polygons]);
  useEffect(() => provider?.setPickMode(Boolean(pickMode)), [provider, pickMode]);
  useEffect(() => provider?.editPolygon(editingId ?? null), [provider, editingId]);

  const fitAll = useCallback(() => {
    const { markers: m = [], polylines: l = [], polygons: g = [] } = latest.current;
    const points = [
      ...m.map((x) => x.position),
      ...l.flatMap((x) => x.path),
      ...g.flatMap((x) => geometryPoints(x.geometry)),
    ];
    provider?.fitTo(points);
  }, [provider]);

  useEffect(() => {
    if (provider && fitKey !== undefined) fitAll();
  }, [provider, fitKey, fitAll]);

  useEffect(() => {
    const el = canvasRef.current;
    if (!provider || !el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => provider.resize());
    ro.observe(el);
    return () => ro.disconnect();
  }, [provider]);

  useImperativeHandle(
    ref,
    () => ({
      startDrawPolygon: (color) => provider?.startDrawPolygon(color),
      cutHole: (id) => provider?.cutHole(id),
      cancelDraw: () => provider?.cancelDraw(),
      fitTo: (points, maxZoom) => provider?.fitTo(points, maxZoom),
      fitAll,
      setView: (center, zoom) => provider?.setView(center, zoom),
    }),
    [provider, fitAll],
  );

  return (
    <div
      className={['dzky-map', className].filter(Boolean).join(' ')}
      style={{ height, ...style }}
      data-testid={props['data-testid']}
      data-map-provider={provider?.kind}
      data-map-ready={provider ? 'true' : 'false'}
      role="region"
      aria-label={props['aria-label'] ?? t('basedata.map.label')}
      aria-busy={!provider && !failed}
    >
      <div ref={canvasRef} className="dzky-map__canvas" />
      {provider?.demo && (
        <div className="dzky-map__badge">
          <Tooltip title={`${t('basedata.map.demoHint')}（${DEMO_ATTRIBUTION}）`}>
            <Tag color="orange" bordered={false}>
              {t('basedata.map.demoBadge')}
            </Tag>
          </Tooltip>
        </div>
      )}
      {provider && children && <div className="dzky-map__tools">{children}</div>}
      {!provider && !failed && (
        <div className="dzky-map__overlay">
          <Spin tip={t('basedata.map.loading')}>
            <div style={{ width: 120, height: 60 }} />
          </Spin>
        </div>
      )}
      {failed && (
        <div className="dzky-map__overlay">
          <Alert
            type="error"
            showIcon
            message={t('basedata.map.loadFailed')}
            description={config.provider === 'amap' ? t('basedata.map.amapFailedHint') : failed}
            action={
              <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
                {t('basedata.map.retry')}
              </Button>
            }
          />
        </div>
      )}
      {config.fallback === 'amap-key-missing' && provider && (
        <div
          style={{
            position: 'absolute',
            left: 56,
            bottom: 28,
            zIndex: 900,
            maxWidth: '70%',
          }}
        >
          <Alert type="warning" showIcon banner message={t('basedata.map.amapKeyMissing')} />
        </div>
      )}
    </div>
  );
});

export default MapView;
