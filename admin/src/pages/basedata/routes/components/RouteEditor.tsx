import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  AimOutlined,
  ArrowLeftOutlined,
  BorderOuterOutlined,
  DeleteOutlined,
  EditOutlined,
  ExpandOutlined,
  HistoryOutlined,
  NodeIndexOutlined,
  ScissorOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CoordSys, LineView, LocateResult, RouteView, ZoneKind, ZoneView } from '@dzky/contracts';
import { canDo } from '../../../../access';
import PageContainer from '../../../../components/PageContainer';
import {
  describeGeometry,
  MapView,
  type AreaGeometry,
  type LngLat,
  type MapHandle,
  type MapMarker,
  type MapPolygon,
  type PolygonGeometry,
} from '../../../../components/map';
import { isApiError } from '../../../../request';
import { useProfile } from '../../../../session';
import HistoryDrawer from '../../components/HistoryDrawer';
import { lineApi } from '../../lines/service';
import { km, nameOf } from '../../utils';
import {
  normaliseEnds,
  rowsFromRoute,
  stopProblems,
  stopsOnMap,
  toStopInputs,
  totals,
  ZONE_COLOR,
  zoneIdOf,
  zonesOnMap,
  newKey,
  type StopRow,
} from '../route-model';
import {
  createRoute,
  createZone,
  deleteZone,
  getRoute,
  locate,
  routeApi,
  updateRoute,
  updateZone,
} from '../service';
import LineSelect from './LineSelect';
import LocatePanel from './LocatePanel';
import RouteStopsEditor from './RouteStopsEditor';
import ZoneFormModal, { type ZoneFormValues } from './ZoneFormModal';

interface BasicValues {
  lineId?: number;
  code: string;
  name: string;
}

type ZoneDialog =
  | { mode: 'create'; geometry: PolygonGeometry; initial: ZoneFormValues }
  | { mode: 'edit'; zone: ZoneView; initial: ZoneFormValues };

/** A failed call as one line of text, with the field reasons the bff gave. */
function describeError(e: unknown): string {
  if (!isApiError(e)) return String(e);
  return e.errors.length ? `${e.errorMessage}：${e.errors.map((x) => x.reason).join('；')}` : e.errorMessage;
}

/**
 * 路线编辑: the ordered stops with segment distances and times, and the pickup/drop-off zones on
 * the map. Stops save with 保存; every zone saves on its own through the zones API.
 */
export default function RouteEditor({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('basedata.write', me.permissions);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const isNew = id === 'new';
  const routeId = isNew ? null : Number(id);

  const [form] = Form.useForm<BasicValues>();
  const [route, setRoute] = useState<RouteView | null>(null);
  const [line, setLine] = useState<LineView | null>(null);
  const [loading, setLoading] = useState(!isNew);
  const [missing, setMissing] = useState(false);
  const [rows, setRows] = useState<StopRow[]>(() =>
    isNew
      ? normaliseEnds([
          {
            key: newKey(),
            distanceKm: 0,
            minutes: 0,
            pickup: true,
            dropoff: false,
          },
          {
            key: newKey(),
            distanceKm: 0,
            minutes: 0,
            pickup: false,
            dropoff: true,
          },
        ])
      : [],
  );
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  const [history, setHistory] = useState<{ id: number; title: string } | null>(null);

  const [selectedZone, setSelectedZone] = useState<number | null>(null);
  const [editingVertices, setEditingVertices] = useState(false);
  const [pending, setPending] = useState<ReadonlyMap<number, AreaGeometry>>(new Map());
  const [drawing, setDrawing] = useState<null | ZoneKind | 'cut'>(null);
  const [dialog, setDialog] = useState<ZoneDialog | null>(null);
  const [zoneBusy, setZoneBusy] = useState(false);
  const [zoneError, setZoneError] = useState<string | null>(null);

  const [locating, setLocating] = useState(false);
  const [locateResult, setLocateResult] = useState<LocateResult | null>(null);
  const [locateLoading, setLocateLoading] = useState(false);
  const [routeOnly, setRouteOnly] = useState(true);
  const mapRef = useRef<MapHandle>(null);

  const adopt = useCallback(
    (r: RouteView) => {
      setRoute(r);
      setRows(rowsFromRoute(r.stops, (s) => nameOf(s.stopName)));
      form.setFieldsValue({ code: r.code, name: r.name });
      setDirty(false);
    },
    [form],
  );

  /** Reloads the route after a zone change; the unsaved stop edits stay as they are. */
  const reloadZones = useCallback(async () => {
    if (routeId === null) return;
    const r = await getRoute(routeId);
    setRoute(r);
  }, [routeId]);

  useEffect(() => {
    if (routeId === null) return;
    let live = true;
    setLoading(true);
    getRoute(routeId)
      .then((r) => live && adopt(r))
      .catch((e: unknown) => live && isApiError(e) && e.status === 404 && setMissing(true))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [routeId, adopt]);

  const lineId = Form.useWatch('lineId', form) ?? route?.lineId;
  useEffect(() => {
    if (!lineId) return setLine(null);
    let live = true;
    lineApi.get(lineId).then(
      (l) => live && setLine(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [lineId]);

  // ---- the map ----

  const zones = useMemo(() => route?.zones ?? [], [route]);
  const zone = zones.find((z) => z.id === selectedZone) ?? null;
  const stopLabel = useCallback(
    (seq: number) => {
      const s = route?.stops.find((x) => x.seq === seq);
      return s ? `${seq}. ${nameOf(s.stopName)}` : `#${seq}`;
    },
    [route],
  );
  const zoneLabel = useCallback(
    (z: ZoneView) => `${z.name} · ${t(`basedata.zones.${z.kind}`)} · ${stopLabel(z.stopSeq)}`,
    [t, stopLabel],
  );

  const onMap = useMemo(() => stopsOnMap(rows), [rows]);
  const markers = useMemo<MapMarker[]>(() => {
    const located: MapMarker[] = locateResult
      ? [
          {
            id: 'locate',
            position: [locateResult.point.lng, locateResult.point.lat],
            color: '#f5222d',
            label: '?',
            highlighted: true,
            title: t('basedata.locate.point'),
          },
        ]
      : [];
    return [...onMap.markers, ...located];
  }, [onMap, locateResult, t]);
  const polygons = useMemo<MapPolygon[]>(() => {
    const drawn = zonesOnMap(zones, {
      pending,
      selectedId: selectedZone,
      label: zoneLabel,
    });
    if (dialog?.mode === 'create')
      drawn.push({
        id: 'draft',
        geometry: dialog.geometry,
        color: ZONE_COLOR[dialog.initial.kind],
        selected: true,
        label: t('basedata.zones.draft'),
      });
    return drawn;
  }, [zones, pending, selectedZone, zoneLabel, dialog, t]);

  const runLocate = async (point: LngLat, coordSys: CoordSys) => {
    setLocateLoading(true);
    try {
      const r = await locate({
        lng: point[0],
        lat: point[1],
        coordSys,
        routeId: routeOnly && routeId !== null ? routeId : undefined,
        limit: 5,
      });
      setLocateResult(r);
      mapRef.current?.fitTo([[r.point.lng, r.point.lat]], 15);
    } catch {
      // reported by the request wrapper
    } finally {
      setLocateLoading(false);
    }
  };

  const stopDrawing = () => {
    mapRef.current?.cancelDraw();
    setDrawing(null);
  };

  const startDraw = (kind: ZoneKind) => {
    setLocating(false);
    setSelectedZone(null);
    setEditingVertices(false);
    setDrawing(kind);
    mapRef.current?.startDrawPolygon(ZONE_COLOR[kind]);
  };

  const defaultsFor = (kind: ZoneKind): ZoneFormValues => {
    const stops = route?.stops ?? [];
    const fits = stops.filter((s) => (kind === 'pickup' ? s.pickup : s.dropoff));
    const stop = kind === 'pickup' ? fits[0] : fits[fits.length - 1];
    const n = zones.filter((z) => z.kind === kind).length + 1;
    return {
      name: `${t(`basedata.zones.${kind}`)} ${n}`,
      kind,
      stopSeq: stop?.seq ?? 1,
    };
  };

  const onPolygonDrawn = (g: PolygonGeometry) => {
    const kind = drawing === 'pickup' || drawing === 'dropoff' ? drawing : 'pickup';
    setDrawing(null);
    setZoneError(null);
    setDialog({ mode: 'create', geometry: g, initial: defaultsFor(kind) });
  };

  const onPolygonEdited = (pid: string, g: AreaGeometry) => {
    const zid = zoneIdOf(pid);
    if (zid === null) return;
    setPending((m) => new Map(m).set(zid, g));
    if (drawing === 'cut') setDrawing(null);
  };

  const submitZone = async (v: ZoneFormValues) => {
    if (!route || !dialog) return;
    setZoneBusy(true);
    setZoneError(null);
    try {
      if (dialog.mode === 'create') {
        const saved = await createZone(route.id, {
          name: v.name.trim(),
          kind: v.kind,
          stopSeq: v.stopSeq,
          geometry: dialog.geometry as never,
        });
        setSelectedZone(saved?.id ?? null);
      } else {
        const geometry = pending.get(dialog.zone.id) ?? dialog.zone.geometry;
        await updateZone(route.id, dialog.zone.id, {
          name: v.name.trim(),
          kind: v.kind,
          stopSeq: v.stopSeq,
          geometry: geometry as never,
        });
        setPending((m) => {
          const next = new Map(m);
          next.delete(dialog.zone.id);
          return next;
        });
      }
      setDialog(null);
      message.success(t('common.saved'));
      await reloadZones();
    } catch (e) {
      setZoneError(describeError(e));
    } finally {
      setZoneBusy(false);
    }
  };

  const saveShape = async (z: ZoneView) => {
    const geometry = pending.get(z.id);
    if (!route || !geometry) return;
    setZoneBusy(true);
    try {
      await updateZone(route.id, z.id, {
        name: z.name,
        kind: z.kind,
        stopSeq: z.stopSeq,
        geometry: geometry as never,
      });
      setPending((m) => {
        const next = new Map(m);
        next.delete(z.id);
        return next;
      });
      setEditingVertices(false);
      message.success(t('common.saved'));
      await reloadZones();
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setZoneBusy(false);
    }
  };

  const revertShape = (zid: number) =>
    setPending((m) => {
      const next = new Map(m);
      next.delete(zid);
      return next;
    });

  const removeZone = (z: ZoneView) =>
    modal.confirm({
      title: t('basedata.zones.confirmDelete', { name: z.name }),
      content: t('basedata.zones.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (!route) return;
        try {
          await deleteZone(route.id, z.id);
          setSelectedZone(null);
          setEditingVertices(false);
          revertShape(z.id);
          message.success(t('common.success'));
          await reloadZones();
        } catch {
          // reported by the request wrapper
        }
      },
    });

  // ---- the route itself ----

  const save = async () => {
    let v: BasicValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const problems = stopProblems(rows, t);
    setSaveErrors(problems);
    if (problems.length) return;
    setSaving(true);
    try {
      if (routeId === null) {
        const created = await createRoute({
          lineId: v.lineId as number,
          code: v.code.trim(),
          name: v.name.trim(),
          stops: toStopInputs(rows),
          enabled: true,
        });
        message.success(t('basedata.routes.createdHint'));
        navigate(`/basedata/routes/${created.id}`, { replace: true });
      } else {
        adopt(
          await updateRoute(routeId, {
            code: v.code.trim(),
            name: v.name.trim(),
            stops: toStopInputs(rows),
          }),
        );
        message.success(t('common.saved'));
      }
    } catch (e) {
      if (!isApiError(e)) setSaveErrors([String(e)]);
      else if (e.errors.length === 0) {
        if (e.errorCode === 'BASEDATA.DUPLICATE')
          form.setFields([{ name: 'code', errors: [e.errorMessage] }]);
        else setSaveErrors([e.errorMessage]);
      } else {
        const rest: string[] = [];
        const onForm: { name: keyof BasicValues; errors: string[] }[] = [];
        for (const { field, reason } of e.errors) {
          const stop = /^stops\.(\d+)(?:\.(\w+))?/.exec(field);
          if (field === 'code' || field === 'name' || field === 'lineId')
            onForm.push({ name: field, errors: [reason] });
          else if (stop)
            rest.push(
              t('basedata.routes.rowError', {
                seq: Number(stop[1]) + 1,
                reason,
              }),
            );
          else rest.push(field ? `${field}：${reason}` : reason);
        }
        form.setFields(onForm);
        setSaveErrors(rest.length ? rest : onForm.length ? [] : [e.errorMessage]);
      }
    } finally {
      setSaving(false);
    }
  };

  const toggleEnabled = () => {
    if (!route) return;
    modal.confirm({
      title: route.enabled
        ? t('basedata.routes.confirmDisable', { name: route.name })
        : t('basedata.routes.confirmEnable', { name: route.name }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: route.enabled },
      onOk: async () => {
        try {
          const r = (await (route.enabled
            ? routeApi.disable(route.id)
            : routeApi.enable(route.id))) as RouteView;
          setRoute((cur) =>
            cur
              ? {
                  ...cur,
                  enabled: r.enabled,
                  operable: r.operable,
                  blockers: r.blockers,
                }
              : cur,
          );
          message.success(t('common.success'));
        } catch {
          // reported by the request wrapper
        }
      },
    });
  };

  const back = () => {
    if (!dirty && pending.size === 0) return navigate('/basedata/routes');
    modal.confirm({
      title: t('basedata.routes.leaveTitle'),
      content: t('basedata.routes.leaveHint'),
      okText: t('basedata.routes.leave'),
      cancelText: t('common.cancel'),
      onOk: () => navigate('/basedata/routes'),
    });
  };

  if (missing) {
    return (
      <PageContainer title={t('basedata.routes.editorTitle')}>
        <Result
          status="404"
          title={t('basedata.routes.notFound')}
          extra={<Link to="/basedata/routes">{t('basedata.routes.backToList')}</Link>}
        />
      </PageContainer>
    );
  }

  const sum = totals(rows);
  const allowed = line?.approvedStopIds ?? [];
  const zoneCols = [
    {
      title: t('basedata.zones.name'),
      key: 'name',
      render: (_: unknown, z: ZoneView) => (
        <Space size={4}>
          <Tag color={z.kind === 'pickup' ? 'green' : 'blue'} bordered={false}>
            {t(`basedata.zones.${z.kind}`)}
          </Tag>
          <Typography.Text strong={z.id === selectedZone}>{z.name}</Typography.Text>
          {pending.has(z.id) && (
            <Tag color="orange" bordered={false}>
              {t('basedata.zones.unsaved')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('basedata.zones.stopSeq'),
      key: 'stop',
      render: (_: unknown, z: ZoneView) => stopLabel(z.stopSeq),
    },
    {
      title: t('basedata.zones.shape'),
      key: 'shape',
      width: 150,
      render: (_: unknown, z: ZoneView) => {
        const d = describeGeometry((pending.get(z.id) ?? z.geometry) as AreaGeometry);
        return (
          <Typography.Text type="secondary">
            {t('basedata.zones.shapeShort', {
              vertices: d.vertices,
              holes: d.holes,
            })}
          </Typography.Text>
        );
      },
    },
  ];

  const mapTools = (
    <>
      <Space wrap style={{ justifyContent: 'flex-end' }}>
        {canWrite && (
          <>
            <Tooltip title={!route ? t('basedata.zones.saveRouteFirst') : undefined}>
              <Button
                icon={<BorderOuterOutlined style={{ color: ZONE_COLOR.pickup }} />}
                disabled={!route || drawing !== null}
                onClick={() => startDraw('pickup')}
                autoInsertSpace={false}
                data-testid="draw-pickup"
              >
                {t('basedata.zones.drawPickup')}
              </Button>
            </Tooltip>
            <Tooltip title={!route ? t('basedata.zones.saveRouteFirst') : undefined}>
              <Button
                icon={<BorderOuterOutlined style={{ color: ZONE_COLOR.dropoff }} />}
                disabled={!route || drawing !== null}
                onClick={() => startDraw('dropoff')}
                autoInsertSpace={false}
                data-testid="draw-dropoff"
              >
                {t('basedata.zones.drawDropoff')}
              </Button>
            </Tooltip>
          </>
        )}
        <Button
          type={locating ? 'primary' : 'default'}
          icon={<AimOutlined />}
          disabled={drawing !== null}
          autoInsertSpace={false}
          onClick={() => {
            setLocating((v) => !v);
            setSelectedZone(null);
            setEditingVertices(false);
          }}
        >
          {t('basedata.locate.title')}
        </Button>
        <Tooltip title={t('basedata.zones.fitAll')}>
          <Button
            icon={<ExpandOutlined />}
            aria-label={t('basedata.zones.fitAll')}
            onClick={() => mapRef.current?.fitAll()}
          />
        </Tooltip>
      </Space>
      {drawing && (
        <Card size="small" style={{ width: 300 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {drawing === 'cut' ? t('basedata.zones.cutHint') : t('basedata.zones.drawHint')}
          </Typography.Paragraph>
          <Button size="small" onClick={stopDrawing} autoInsertSpace={false}>
            {t('common.cancel')}
          </Button>
        </Card>
      )}
      {zone && !drawing && (
        <Card size="small" style={{ width: 300 }} title={zoneLabel(zone)} data-testid="zone-panel">
          <Space wrap size={[8, 8]}>
            {canWrite && (
              <>
                <Button
                  size="small"
                  type={editingVertices ? 'primary' : 'default'}
                  icon={<NodeIndexOutlined />}
                  onClick={() => setEditingVertices((v) => !v)}
                  autoInsertSpace={false}
                >
                  {editingVertices ? t('basedata.zones.stopEditing') : t('basedata.zones.editVertices')}
                </Button>
                <Button
                  size="small"
                  icon={<ScissorOutlined />}
                  autoInsertSpace={false}
                  onClick={() => {
                    setDrawing('cut');
                    mapRef.current?.cutHole(`zone-${zone.id}`);
                  }}
                >
                  {t('basedata.zones.cutHole')}
                </Button>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  autoInsertSpace={false}
                  onClick={() => {
                    setZoneError(null);
                    setDialog({
                      mode: 'edit',
                      zone,
                      initial: {
                        name: zone.name,
                        kind: zone.kind,
                        stopSeq: zone.stopSeq,
                      },
                    });
                  }}
                >
                  {t('basedata.zones.attributes')}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => removeZone(zone)}
                  autoInsertSpace={false}
                >
                  {t('common.delete')}
                </Button>
              </>
            )}
          </Space>
          {pending.has(zone.id) && (
            <Space style={{ marginTop: 8 }}>
              <Button
                size="small"
                type="primary"
                loading={zoneBusy}
                onClick={() => void saveShape(zone)}
                autoInsertSpace={false}
                data-testid="zone-shape-save"
              >
                {t('common.save')}
              </Button>
              <Button
                size="small"
                icon={<UndoOutlined />}
                onClick={() => revertShape(zone.id)}
                autoInsertSpace={false}
              >
                {t('basedata.zones.revert')}
              </Button>
            </Space>
          )}
          {editingVertices && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {t('basedata.zones.vertexHint')}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </>
  );

  return (
    <PageContainer
      title={
        route
          ? `${route.code} · ${route.name}`
          : isNew
            ? t('basedata.routes.createTitle')
            : t('basedata.routes.editorTitle')
      }
      subTitle={route ? `${route.licenceNo} · ${route.lineName}` : undefined}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('basedata.routes.backToList')}
          </Button>
          {route && (
            <Button
              icon={<HistoryOutlined />}
              onClick={() => setHistory({ id: route.id, title: route.name })}
            >
              {t('dataTable.historyShort')}
            </Button>
          )}
          {route && canWrite && (
            <Button danger={route.enabled} onClick={toggleEnabled}>
              {route.enabled ? t('common.disable') : t('common.enable')}
            </Button>
          )}
          {canWrite && (
            <Button
              type="primary"
              loading={saving}
              onClick={() => void save()}
              autoInsertSpace={false}
              data-testid="route-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      <Spin spinning={loading}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card variant="borderless" title={t('basedata.routes.basics')} style={{ marginBottom: 16 }}>
              <Form
                form={form}
                name="route"
                layout="vertical"
                onValuesChange={() => setDirty(true)}
                disabled={!canWrite}
                initialValues={{
                  lineId: Number(params.get('lineId')) || undefined,
                }}
              >
                {/* the line is chosen once, when the route is created */}
                <Form.Item
                  name={isNew ? 'lineId' : undefined}
                  label={t('basedata.routes.line')}
                  rules={
                    isNew
                      ? [
                          {
                            required: true,
                            message: t('common.select', { field: t('basedata.routes.line') }),
                          },
                        ]
                      : undefined
                  }
                  extra={
                    line
                      ? `${line.originCity} → ${line.destinationCity} · ${line.validFrom} ~ ${line.validUntil}`
                      : undefined
                  }
                >
                  {isNew ? (
                    <LineSelect allowClear={false} />
                  ) : (
                    <Input disabled value={route ? `${route.licenceNo} · ${route.lineName}` : ''} />
                  )}
                </Form.Item>
                <Row gutter={16}>
                  <Col span={10}>
                    <Form.Item
                      name="code"
                      label={t('basedata.routes.code')}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: t('common.required', {
                            field: t('basedata.routes.code'),
                          }),
                        },
                        {
                          pattern: /^[A-Za-z0-9_-]{1,32}$/,
                          message: t('basedata.stops.codeRule'),
                        },
                      ]}
                    >
                      <Input maxLength={32} />
                    </Form.Item>
                  </Col>
                  <Col span={14}>
                    <Form.Item
                      name="name"
                      label={t('basedata.routes.name')}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: t('common.required', {
                            field: t('basedata.routes.name'),
                          }),
                        },
                      ]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                </Row>
              </Form>
              {route && (
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label={t('common.status')}>
                    <Space size={4}>
                      <Badge
                        status={route.enabled ? 'success' : 'default'}
                        text={route.enabled ? t('common.enabled') : t('common.disabled')}
                      />
                      {route.enabled && !route.operable && (
                        <Tooltip title={route.blockers.join('；')}>
                          <Tag color="red" bordered={false}>
                            {t('basedata.lines.notOperable')}
                          </Tag>
                        </Tooltip>
                      )}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('basedata.routes.total')}>
                    {km(route.totalDistanceM)} ·{' '}
                    {t('basedata.routes.minutesValue', {
                      minutes: route.totalMinutes,
                    })}
                  </Descriptions.Item>
                </Descriptions>
              )}
              {line && allowed.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  message={t('basedata.routes.approvedOnly', {
                    count: allowed.length,
                  })}
                />
              )}
            </Card>
            <Card
              variant="borderless"
              title={t('basedata.routes.stops')}
              extra={
                <Typography.Text type="secondary">
                  {t('basedata.routes.totals', {
                    km: sum.km.toFixed(1),
                    minutes: sum.minutes,
                  })}
                </Typography.Text>
              }
            >
              {saveErrors.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('basedata.routes.cannotSave')}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {saveErrors.map((e, i) => (
                        <li key={i}>{e}</li>
                      ))}
                    </ul>
                  }
                />
              )}
              <RouteStopsEditor
                rows={rows}
                allowed={allowed}
                disabled={!canWrite}
                onChange={(next) => {
                  setRows(next);
                  setDirty(true);
                }}
              />
              {dirty && route && (
                <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('basedata.routes.unsavedStops')}
                </Typography.Paragraph>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card
              variant="borderless"
              title={t('basedata.routes.mapTitle')}
              styles={{ body: { padding: 12 } }}
              extra={
                <Space size={12}>
                  <Space size={4}>
                    <span
                      style={{
                        display: 'inline-block',
                        width: 12,
                        height: 12,
                        background: ZONE_COLOR.pickup,
                        opacity: 0.6,
                      }}
                    />
                    <Typography.Text type="secondary">{t('basedata.zones.pickup')}</Typography.Text>
                  </Space>
                  <Space size={4}>
                    <span
                      style={{
                        display: 'inline-block',
                        width: 12,
                        height: 12,
                        background: ZONE_COLOR.dropoff,
                        opacity: 0.6,
                      }}
                    />
                    <Typography.Text type="secondary">{t('basedata.zones.dropoff')}</Typography.Text>
                  </Space>
                  <Tag bordered={false}>GCJ-02</Tag>
                </Space>
              }
            >
              <MapView
                ref={mapRef}
                height={560}
                data-testid="route-map"
                aria-label={t('basedata.routes.mapTitle')}
                markers={markers}
                polylines={onMap.line}
                polygons={polygons}
                pickMode={locating}
                editingId={editingVertices && selectedZone !== null ? `zone-${selectedZone}` : null}
                fitKey={route ? `route-${route.id}` : undefined}
                onClick={(p) => {
                  if (locating) void runLocate(p, 'gcj02');
                  else if (!editingVertices && !pending.has(selectedZone ?? -1)) setSelectedZone(null);
                }}
                onPolygonClick={(pid) => {
                  const zid = zoneIdOf(pid);
                  if (zid === null || drawing) return;
                  if (zid !== selectedZone) setEditingVertices(false);
                  setSelectedZone(zid);
                }}
                onPolygonDrawn={onPolygonDrawn}
                onPolygonEdited={onPolygonEdited}
                onDrawCancelled={() => setDrawing(null)}
              >
                {mapTools}
              </MapView>
            </Card>
            {locating && (
              <Card
                variant="borderless"
                title={t('basedata.locate.title')}
                style={{ marginTop: 16 }}
                extra={
                  <Button size="small" onClick={() => setLocating(false)}>
                    {t('basedata.locate.close')}
                  </Button>
                }
              >
                <LocatePanel
                  result={locateResult}
                  loading={locateLoading}
                  routeOnly={routeOnly}
                  onRouteOnlyChange={setRouteOnly}
                  onLocate={(p, cs) => void runLocate(p, cs)}
                  routeId={routeId}
                />
              </Card>
            )}
            <Card
              variant="borderless"
              title={t('basedata.zones.listTitle', { count: zones.length })}
              style={{ marginTop: 16 }}
            >
              <Table<ZoneView>
                rowKey="id"
                size="small"
                dataSource={zones}
                columns={zoneCols}
                pagination={false}
                rowClassName={(z) => (z.id === selectedZone ? 'ant-table-row-selected' : '')}
                onRow={(z) => ({
                  onClick: () => {
                    if (drawing) return;
                    if (z.id !== selectedZone) setEditingVertices(false);
                    setSelectedZone(z.id);
                    const d = (pending.get(z.id) ?? z.geometry) as AreaGeometry;
                    mapRef.current?.fitTo(
                      d.type === 'Polygon' ? d.coordinates[0] : d.coordinates.flatMap((p) => p[0]),
                    );
                  },
                  style: { cursor: 'pointer' },
                })}
                locale={{
                  emptyText: (
                    <Empty
                      image={Empty.PRESENTED_IMAGE_SIMPLE}
                      description={route ? t('basedata.zones.empty') : t('basedata.zones.saveRouteFirst')}
                    />
                  ),
                }}
              />
            </Card>
          </Col>
        </Row>
      </Spin>
      <ZoneFormModal
        open={dialog !== null}
        title={dialog?.mode === 'edit' ? t('basedata.zones.editTitle') : t('basedata.zones.createTitle')}
        geometry={
          dialog
            ? dialog.mode === 'create'
              ? dialog.geometry
              : ((pending.get(dialog.zone.id) ?? dialog.zone.geometry) as AreaGeometry)
            : null
        }
        initial={dialog?.initial ?? { name: '', kind: 'pickup', stopSeq: 1 }}
        stops={route?.stops ?? []}
        saving={zoneBusy}
        error={zoneError}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => void submitZone(v)}
      />
      <HistoryDrawer
        target={history}
        load={routeApi.history}
        fieldLabels={{
          code: t('basedata.routes.code'),
          name: t('basedata.routes.name'),
          stops: t('basedata.routes.stops'),
          zones: t('basedata.zones.listTitle', { count: '' }),
          enabled: t('common.status'),
        }}
        onClose={() => setHistory(null)}
      />
    </PageContainer>
  );
}
