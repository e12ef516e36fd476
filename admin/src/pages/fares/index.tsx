import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Card, Col, Empty, Form, Row, Skeleton, Tabs, Tag, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgNode, RouteFareTable, RouteListItem } from '@dzky/contracts';
import { canDo } from '../../access';
import PageContainer from '../../components/PageContainer';
import { useProfile } from '../../session';
import type { OrgTreeOption } from '../../utils/org';
import { useArchiveOrgs } from '../archive/components/orgs';
import RouteSelect from '../trips/components/RouteSelect';
import '../trips/trips.css';
import FareMatrix from './components/FareMatrix';
import RulesEditor from './components/RulesEditor';
import { fareApi } from './service';

/** Trading rules are kept per operator: only operators can be picked (branches use their operator's). */
function operatorOptions(nodes: readonly OrgNode[]): OrgTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: !n.enabled || n.kind !== 'operator',
    children: n.children?.length ? operatorOptions(n.children) : undefined,
  }));
}

/** 票价与规则: a route's price per origin–destination pair, the trading rules, and what a passenger pays. */
export default function FaresPage() {
  const { t } = useTranslation();
  const me = useProfile();
  const platform = me.orgKind === 'platform';
  const canWrite = canDo('fare.write', me.permissions);
  const { orgs } = useArchiveOrgs(platform);
  const orgOptions = useMemo(() => operatorOptions(orgs), [orgs]);
  const [pickedOrg, setPickedOrg] = useState<number | undefined>();
  const orgId = platform ? pickedOrg : me.orgId;
  const [routeId, setRouteId] = useState<number | undefined>();
  const [route, setRoute] = useState<RouteListItem | undefined>();
  const [table, setTable] = useState<RouteFareTable | null>(null);
  const [tableLoading, setTableLoading] = useState(false);
  const [matrixDirty, setMatrixDirty] = useState(false);
  const [tab, setTab] = useState('matrix');
  // operator staff start on their first route rather than an empty page (platform staff choose the operator first)
  const autoPicked = useRef(false);
  const pickFirst = useCallback(
    (rows: RouteListItem[]) => {
      if (platform || autoPicked.current) return;
      autoPicked.current = true;
      if (rows.length > 0) setRouteId((cur) => cur ?? rows[0].id);
    },
    [platform],
  );

  useEffect(() => {
    setTable(null);
    setMatrixDirty(false);
    if (!routeId) return;
    let live = true;
    setTableLoading(true);
    fareApi
      .table(routeId)
      .then((tb) => live && setTable(tb), () => undefined)
      .finally(() => live && setTableLoading(false));
    return () => {
      live = false;
    };
  }, [routeId]);

  const onPicked = useCallback(
    (r: RouteListItem | undefined) => {
      setRoute(r);
      // a route picked first tells platform staff whose rules apply
      if (platform && r && r.orgId !== pickedOrg) setPickedOrg(r.orgId);
    },
    [platform, pickedOrg],
  );

  return (
    <PageContainer subTitle={t('trip.fares.subtitle')}>
      <Card variant="borderless" className="dzky-search-card">
        <Form layout="inline" className="dzky-search-form" component="div">
          <Row gutter={[24, 16]} style={{ width: '100%' }}>
            {platform && (
              <Col xs={24} md={12} xl={8}>
                <Form.Item label={t('trip.common.operator')}>
                  <TreeSelect
                    value={pickedOrg}
                    onChange={(v: number | undefined) => {
                      setPickedOrg(v);
                      setRouteId(undefined);
                      setRoute(undefined);
                    }}
                    treeData={orgOptions}
                    treeDefaultExpandAll
                    showSearch
                    allowClear
                    treeNodeFilterProp="title"
                    placeholder={t('trip.common.operatorRequired')}
                    aria-label={t('trip.common.operator')}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12} xl={platform ? 10 : 12}>
              <Form.Item label={t('trip.trips.route')}>
                <RouteSelect
                  value={routeId}
                  onChange={setRouteId}
                  onPicked={onPicked}
                  onLoaded={pickFirst}
                  orgId={platform ? pickedOrg : undefined}
                  aria-label={t('trip.trips.route')}
                />
              </Form.Item>
            </Col>
            {!canWrite && (
              <Col flex="auto" style={{ textAlign: 'right' }}>
                <Tag>{t('trip.fares.readOnly')}</Tag>
              </Col>
            )}
          </Row>
        </Form>
      </Card>
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'matrix',
              label: t('trip.fares.matrixTab'),
              children: !routeId ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trip.fares.pickRoute')} />
              ) : tableLoading || !table ? (
                <Skeleton active paragraph={{ rows: 6 }} />
              ) : (
                <>
                  <Typography.Paragraph type="secondary">
                    {t('trip.fares.matrixTitle', { route: `${table.routeCode} · ${table.routeName}` })}
                  </Typography.Paragraph>
                  <FareMatrix table={table} canWrite={canWrite} onSaved={setTable} onDirtyChange={setMatrixDirty} />
                </>
              ),
            },
            {
              key: 'rules',
              label: t('trip.fares.rulesTab'),
              children: <RulesEditor orgId={orgId} route={route} table={table} matrixDirty={matrixDirty} canWrite={canWrite} />,
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
