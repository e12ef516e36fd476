import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  INVOICE_KINDS,
  INVOICE_KIND_LABELS,
  INVOICE_STATUSES,
  INVOICE_STATUS_LABELS,
  type AdminInvoiceListItem,
  type AdminInvoiceQuery,
  type InvoiceKind,
  type InvoiceStatus,
} from '@dzky/contracts';
import { canDo } from '../../../access';
import { FilterCard, ListToolbar, usePagedList } from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { isApiError } from '../../../request';
import { useProfile } from '../../../session';
import { formatTime } from '../../../utils/time';
import { labelOf, optionsOf } from '../../archive/components/labels';
import { daysOf, OperatorFilter, yuan } from '../payments/components/FinanceTags';
import { invoiceApi } from './service';

interface Filters {
  orgId?: number;
  status?: InvoiceStatus;
  kind?: InvoiceKind;
  dates?: [Dayjs | null, Dayjs | null] | null;
  orderNo?: string;
}

const toQuery = (f: Filters, paging: { page: number; pageSize: number }): AdminInvoiceQuery => {
  const { from, to } = daysOf(f.dates);
  return { ...paging, orgId: f.orgId, status: f.status, kind: f.kind, orderNo: f.orderNo?.trim() || undefined, dateFrom: from, dateTo: to };
};

const STATUS_COLOR: Record<InvoiceStatus, string> = { issuing: 'processing', issued: 'green', failed: 'red', reversing: 'orange', reversed: 'default' };

/**
 * 发票管理: the electronic invoices passengers asked for — blue ones, their red-letter
 * reversals after refunds and the new ones issued for what was kept — with the PDF to download and
 * 重试 for one the provider failed.
 */
export default function InvoicesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('finance.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList((f: Filters, paging) => invoiceApi.list(toQuery(f, paging)), {});
  const { load, search } = list;
  const [busy, setBusy] = useState<number | null>(null);

  const download = async (r: AdminInvoiceListItem) => {
    // a tab opened after an await is blocked as a pop-up: open it now, point it at the file later
    const tab = window.open('about:blank', '_blank');
    if (tab) tab.opener = null;
    setBusy(r.id);
    try {
      const { url } = await invoiceApi.download(r.id);
      if (tab) tab.location.href = url;
      else window.open(url, '_blank', 'noopener');
    } catch (e) {
      tab?.close();
      if (isApiError(e)) message.error(e.errorMessage);
    } finally {
      setBusy(null);
    }
  };

  const retry = (r: AdminInvoiceListItem) =>
    modal.confirm({
      title: t('invoice.retryConfirm'),
      onOk: async () => {
        try {
          await invoiceApi.retry(r.id);
          message.success(t('invoice.retried'));
        } catch (e) {
          if (isApiError(e)) message.error(e.errorMessage);
        }
        await load();
      },
    });

  const columns: TableColumnsType<AdminInvoiceListItem> = [
    {
      title: t('invoice.orderNo'),
      dataIndex: 'orderNo',
      width: 190,
      fixed: 'left',
      render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
    },
    {
      title: t('invoice.invoiceNo'),
      dataIndex: 'invoiceNo',
      width: 200,
      render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }}>{v}</Typography.Text> : '-'),
    },
    { title: t('payment.common.operator'), dataIndex: 'orgName', width: 130, ellipsis: true },
    {
      title: t('invoice.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (v: InvoiceKind) => (
        <Tag bordered={false} color={v === 'red' ? 'red' : 'blue'}>
          {labelOf(INVOICE_KIND_LABELS, v)}
        </Tag>
      ),
    },
    {
      title: t('invoice.title_'),
      key: 'buyer',
      width: 220,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.buyerType === 'company' ? `${t('invoice.company')} ${r.taxId ?? ''}` : t('invoice.personal')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('invoice.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
    { title: t('invoice.tax'), dataIndex: 'taxFen', width: 90, align: 'right', render: (v: number | null) => (v === null ? '-' : yuan(v)) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (v: InvoiceStatus, r) => {
        const tag = (
          <Tag color={STATUS_COLOR[v]} bordered={false} data-status={v}>
            {labelOf(INVOICE_STATUS_LABELS, v)}
          </Tag>
        );
        return r.failReason ? <Tooltip title={`${t('invoice.failReason')}：${r.failReason}`}>{tag}</Tooltip> : tag;
      },
    },
    { title: t('invoice.issuedAt'), dataIndex: 'issuedAt', width: 160, render: (v: string | null) => formatTime(v) || '-' },
    { title: t('invoice.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          {r.downloadable ? (
            <Button type="link" size="small" loading={busy === r.id} onClick={() => void download(r)}>
              {t('invoice.download')}
            </Button>
          ) : null}
          {canWrite && r.status === 'failed' ? (
            <Button type="link" size="small" onClick={() => retry(r)}>
              {t('invoice.retry')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer subTitle={t('invoice.subtitle')}>
      <FilterCard form={filterForm} onSearch={search}>
        <OperatorFilter />
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="status" label={t('common.status')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(INVOICE_STATUSES, INVOICE_STATUS_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="kind" label={t('invoice.kind')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(INVOICE_KINDS, INVOICE_KIND_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="dates" label={t('invoice.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="orderNo" label={t('invoice.orderNo')}>
            <Input allowClear maxLength={32} />
          </Form.Item>
        </Col>
      </FilterCard>
      <Card variant="borderless" title={t('invoice.title')} extra={<ListToolbar onRefresh={() => void load()} />}>
        <Table<AdminInvoiceListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1500 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('invoice.empty')} /> }}
          pagination={list.pagination}
        />
      </Card>
    </PageContainer>
  );
}
