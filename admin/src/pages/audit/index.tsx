import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_RETENTION_DAYS, type AuditCategory, type AuditQuery, type AuditRecordView, type AuditResult, type Page } from '@dzky/contracts';
import { canDo } from '../../access';
import PageContainer from '../../components/PageContainer';
import { useProfile } from '../../session';
import { beijingToIso, formatBytes, formatTime } from '../../utils/time';
import AuditDetailDrawer from './components/AuditDetailDrawer';
import { actionLabel, CATEGORIES, CATEGORY_COLOR, displayIp, RESULTS, RESULT_COLOR, targetText } from './components/constants';
import { exportAudit, listAudit } from './service';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  category?: AuditCategory;
  action?: string;
  actorName?: string;
  result?: AuditResult;
}

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

function toFilters(v: FilterValues): Filters {
  return {
    from: v.range?.[0] ? beijingToIso(v.range[0]) : undefined,
    to: v.range?.[1] ? beijingToIso(v.range[1]) : undefined,
    category: v.category,
    action: v.action?.trim() || undefined,
    actorName: v.actorName?.trim() || undefined,
    result: v.result,
  };
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canExport = canDo('audit.export', me.permissions);
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<AuditRecordView> | null>(null);
  const [loading, setLoading] = useState(false);
  const [detail, setDetail] = useState<AuditRecordView | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listAudit({ ...filters, ...paging }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [filters, paging]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = (v: FilterValues) => {
    setFilters(toFilters(v));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const runExport = async () => {
    const key = 'audit-export';
    setExporting(true);
    message.loading({ key, content: t('audit.exporting'), duration: 0 });
    try {
      // export what the form shows now, even if "search" was not pressed
      const { filename } = await exportAudit(toFilters(form.getFieldsValue()), ({ received, total }) => {
        const done = total ? ` ${Math.min(100, Math.round((received / total) * 100))}%` : '';
        message.loading({ key, content: `${t('audit.exporting')}${done} · ${t('audit.received', { size: formatBytes(received) })}`, duration: 0 });
      });
      message.success({ key, content: t('audit.exported', { name: filename }) });
    } catch {
      // the wrapper shows the error; drop the progress toast
      message.destroy(key);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditRecordView> = [
    { title: t('audit.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
    {
      title: t('audit.category'),
      dataIndex: 'category',
      width: 110,
      render: (c: AuditCategory) => (
        <Tag color={CATEGORY_COLOR[c]} bordered={false}>
          {t(`audit.categories.${c}`, { defaultValue: c })}
        </Tag>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 210,
      render: (a: string) => {
        const label = actionLabel(t, a);
        return label ? (
          <span className="dzky-audit-action">
            <span>{label}</span>
            <span className="dzky-audit-action__code">{a}</span>
          </span>
        ) : (
          <Typography.Text code>{a}</Typography.Text>
        );
      },
    },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 130, render: (v: string | null) => v ?? '-' },
    {
      title: t('audit.target'),
      key: 'target',
      width: 170,
      ellipsis: true,
      render: (_, r) => targetText(t, r.targetType, r.targetId),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 90,
      render: (r: AuditResult) => (
        <Tag color={RESULT_COLOR[r]} bordered={false}>
          {t(`audit.results.${r}`, { defaultValue: r })}
        </Tag>
      ),
    },
    { title: t('audit.sourceIp'), dataIndex: 'sourceIp', width: 140, render: (v: string | null) => (v ? displayIp(v) : '-') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setDetail(r)}>
          {t('audit.detailButton')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer subTitle={t('audit.retention', { days: AUDIT_RETENTION_DAYS })}>
      <Card variant="borderless" className="dzky-search-card">
        <Form form={form} onFinish={search} layout="inline" className="dzky-search-form">
          <Row gutter={[24, 16]} style={{ width: '100%' }}>
            <Col xs={24} lg={12} xl={10}>
              <Form.Item name="range" label={t('audit.timeRange')}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="actorName" label={t('audit.actor')}>
                <Input allowClear maxLength={64} placeholder={t('audit.actorPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="action" label={t('audit.action')}>
                <Input allowClear maxLength={64} placeholder={t('audit.actionPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={10}>
              <Form.Item name="category" label={t('audit.category')}>
                <Select allowClear placeholder={t('common.all')} options={CATEGORIES.map((c) => ({ value: c, label: t(`audit.categories.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="result" label={t('audit.result')}>
                <Select allowClear placeholder={t('common.all')} options={RESULTS.map((r) => ({ value: r, label: t(`audit.results.${r}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} xl={7} className="dzky-search-card__actions">
              <Space>
                <Button
                  onClick={() => {
                    form.resetFields();
                    search({});
                  }}
                >
                  {t('common.reset')}
                </Button>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('common.search')}
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card
        variant="borderless"
        title={t('audit.listTitle')}
        extra={
          <Space>
            {canExport && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void runExport()}>
                {exporting ? t('audit.exporting') : t('audit.export')}
              </Button>
            )}
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      >
        <Table<AuditRecordView>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1100 }}
          size="middle"
          onRow={(r) => ({ onDoubleClick: () => setDetail(r) })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
      <AuditDetailDrawer record={detail} onClose={() => setDetail(null)} />
    </PageContainer>
  );
}
