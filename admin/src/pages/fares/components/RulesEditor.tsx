import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Empty, Form, Row, Segmented, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { tradingRulesProblems, type RouteFareTable, type RouteListItem, type TradingRules, type TradingRulesView } from '@dzky/contracts';
import { isApiError } from '../../../request';
import { formatTime } from '../../../utils/time';
import { formErrorText, namePathOf } from '../../trips/form-errors';
import { rulesField, rulesFromForm, rulesToForm, tryRulesFromForm, type RulesForm } from '../model';
import { fareApi } from '../service';
import FarePreviewPanel from './FarePreviewPanel';
import RulesFields from './RulesFields';

type Scope = 'operator' | 'route';

interface Props {
  /** whose rules: the operator chosen (platform staff) or the caller's own organisation */
  orgId: number | undefined;
  route: RouteListItem | undefined;
  table: RouteFareTable | null;
  matrixDirty: boolean;
  canWrite: boolean;
}

/**
 * 交易规则: the operator's rules, or one route's own set (an override replaces the operator's
 * whole set for that route). Beside the form, the preview prices a journey under the form's values.
 */
export default function RulesEditor({ orgId, route, table, matrixDirty, canWrite }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<RulesForm>();
  const [scope, setScope] = useState<Scope>('operator');
  const [operatorView, setOperatorView] = useState<TradingRulesView | null>(null);
  // undefined: not loaded; null: the route follows the operator's rules
  const [routeView, setRouteView] = useState<TradingRulesView | null | undefined>(undefined);
  // the user switched a route's own rules on and has not saved them yet
  const [draft, setDraft] = useState(false);
  const [saving, setSaving] = useState(false);
  const formValues = Form.useWatch((v: RulesForm) => v, form);
  const previewRules = useMemo(() => tryRulesFromForm(formValues), [formValues]);

  useEffect(() => {
    setOperatorView(null);
    if (!orgId) return;
    let live = true;
    fareApi.rules(orgId).then((v) => live && setOperatorView(v), () => undefined);
    return () => {
      live = false;
    };
  }, [orgId]);

  useEffect(() => {
    setRouteView(undefined);
    setDraft(false);
    if (!route) {
      setScope('operator');
      return;
    }
    let live = true;
    fareApi.routeRules(route.id).then((v) => live && setRouteView(v), () => live && setRouteView(null));
    return () => {
      live = false;
    };
  }, [route?.id]);

  // which document the form shows
  const routeOwn = scope === 'route' && (routeView || draft);
  const shown: TradingRules | null =
    scope === 'operator' ? (operatorView?.rules ?? null) : routeView ? routeView.rules : (operatorView?.rules ?? null);
  const editable = canWrite && (scope === 'operator' || Boolean(routeOwn));
  const formKey = `${scope}:${orgId}:${route?.id}:${scope === 'operator' ? operatorView?.updatedAt : routeView?.updatedAt}:${draft}:${shown ? 1 : 0}`;

  useEffect(() => {
    if (shown) form.setFieldsValue(rulesToForm(shown));
    // the form is reset only when another document is shown, never while the user edits
  }, [formKey]);

  const save = async (values: RulesForm) => {
    let rules: TradingRules;
    try {
      rules = rulesFromForm(values);
    } catch {
      message.error(t('trip.rules.amountFormat'));
      return;
    }
    // the same checks the bff runs, field by field, before sending
    const problems = tradingRulesProblems(rules);
    if (problems.length) {
      form.setFields(problems.map((p) => ({ name: namePathOf(p.field) as never, errors: [p.reason] })));
      form.scrollToField(namePathOf(problems[0].field), { block: 'center', behavior: 'smooth' });
      message.error(t('trip.rules.fixFields', { count: problems.length }));
      return;
    }
    setSaving(true);
    try {
      if (scope === 'operator' && orgId) {
        setOperatorView(await fareApi.saveRules(orgId, rules));
      } else if (route) {
        setRouteView(await fareApi.saveRouteRules(route.id, rules));
        setDraft(false);
      }
      message.success(t('common.saved'));
    } catch (e) {
      const text = formErrorText(form, e, {}, rulesField);
      const first = isApiError(e) ? e.errors[0]?.field : undefined;
      if (first) form.scrollToField(namePathOf(rulesField(first)), { block: 'center', behavior: 'smooth' });
      message.error(text ?? t('trip.rules.refused'));
    } finally {
      setSaving(false);
    }
  };

  const toggleOwn = (on: boolean) => {
    if (!route) return;
    if (on) {
      setDraft(true);
      return;
    }
    if (!routeView) {
      setDraft(false);
      return;
    }
    modal.confirm({
      title: t('trip.rules.removeOverrideTitle', { route: route.name }),
      content: t('trip.rules.removeOverrideHint'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await fareApi.removeRouteRules(route.id);
          setRouteView(null);
          setDraft(false);
          message.success(t('trip.rules.overrideRemoved'));
        } catch {
          // reported by the request wrapper
        }
      },
    });
  };

  if (!orgId) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trip.fares.pickOperator')} />;

  const view = scope === 'operator' ? operatorView : routeView;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space wrap>
              <Segmented<Scope>
                value={scope}
                onChange={setScope}
                options={[
                  { value: 'operator', label: t('trip.rules.scopeOperator') },
                  { value: 'route', label: t('trip.rules.scopeRoute'), disabled: !route },
                ]}
              />
              {scope === 'route' && route && (
                <Space size={6}>
                  <Switch
                    checked={Boolean(routeOwn)}
                    onChange={toggleOwn}
                    disabled={!canWrite || routeView === undefined}
                    aria-label={t('trip.rules.useOwn')}
                  />
                  <Typography.Text>{t('trip.rules.useOwn')}</Typography.Text>
                </Space>
              )}
              {view?.isDefault && <Tag color="gold">{t('trip.rules.isDefault')}</Tag>}
              {view?.updatedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('trip.fares.updatedAt', { time: formatTime(view.updatedAt, 'YYYY-MM-DD HH:mm') })}
                </Typography.Text>
              )}
            </Space>
            {editable && (
              <Space>
                <Button icon={<UndoOutlined />} onClick={() => shown && form.setFieldsValue(rulesToForm(shown))}>
                  {t('trip.fares.undo')}
                </Button>
                <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()}>
                  {t('trip.rules.save')}
                </Button>
              </Space>
            )}
          </Space>
          {scope === 'route' && route && !routeOwn && routeView !== undefined && (
            <Alert type="info" showIcon message={t('trip.rules.followsOperator', { route: route.name })} />
          )}
          {draft && !routeView && <Alert type="warning" showIcon message={t('trip.rules.draftHint')} />}
          {!shown ? (
            <Skeleton active paragraph={{ rows: 12 }} />
          ) : (
            <Form<RulesForm> form={form} layout="vertical" onFinish={save} disabled={!editable} scrollToFirstError requiredMark={false}>
              <RulesFields disabled={!editable} />
            </Form>
          )}
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        <div className="dzky-sticky">
          <FarePreviewPanel table={table} rules={previewRules} matrixDirty={matrixDirty} />
        </div>
      </Col>
    </Row>
  );
}
