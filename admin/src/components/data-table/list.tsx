import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, Badge, Button, Card, Col, Form, Row, Select, Space, Tag, Tooltip, type FormInstance, type TablePaginationConfig } from 'antd';
import { HistoryOutlined, ReloadOutlined, SearchOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Page } from '@dzky/contracts';

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * The state of a filtered, paged list: it reloads whenever the filters or the page change.
 * `search` applies new filters from page 1; `pagination` goes straight onto the antd Table.
 */
export function usePagedList<F, T>(fetch: (filters: F, paging: Paging) => Promise<Page<T>>, initial: F) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<F>(initial);
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await fetch(filters, paging));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
    // pages pass an inline `fetch` of a module-level call: the list follows the filters and the page
  }, [filters, paging]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = useCallback((next: F) => {
    setFilters(next);
    setPaging((p) => ({ ...p, page: 1 }));
  }, []);

  const pagination: TablePaginationConfig = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => t('common.total', { total }),
    onChange: (page, pageSize) => setPaging({ page, pageSize }),
  };

  const items = useMemo(() => data?.items ?? [], [data]);
  return { filters, paging, items, data, loading, load, search, pagination };
}

interface FilterCardProps<F> {
  form: FormInstance<F>;
  onSearch(values: F): void;
  initialValues?: Partial<F>;
  /** the filter fields, each in a <Col> */
  children: ReactNode;
}

/** The search card above a list: filter fields, then 重置 (clears every field) and 查询. */
export function FilterCard<F extends object>({ form, onSearch, initialValues, children }: FilterCardProps<F>) {
  const { t } = useTranslation();
  const reset = () => {
    // cleared, not reset: fields that started from the address (?lineId=) are cleared too
    form.setFieldsValue(Object.fromEntries(Object.keys(form.getFieldsValue(true)).map((k) => [k, undefined])) as never);
    onSearch({} as F);
  };
  return (
    <Card variant="borderless" className="dzky-search-card">
      <Form form={form} onFinish={onSearch} layout="inline" className="dzky-search-form" initialValues={initialValues}>
        <Row gutter={[24, 16]} style={{ width: '100%' }}>
          {children}
          <Col flex="auto" style={{ textAlign: 'right' }}>
            <Space>
              <Button onClick={reset}>{t('common.reset')}</Button>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** The 状态 filter (全部 / 启用 / 停用) as a form value 'true' | 'false'; `boolOf` reads it (and other yes/no filters) for the API. */
export function EnabledFilter() {
  const { t } = useTranslation();
  return (
    <Col xs={24} md={12} xl={4}>
      <Form.Item name="enabled" label={t('common.status')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: t('common.enabled') },
            { value: 'false', label: t('common.disabled') },
          ]}
        />
      </Form.Item>
    </Col>
  );
}

export const boolOf = (v?: 'true' | 'false'): boolean | undefined => (v === undefined ? undefined : v === 'true');

/** A list card's toolbar: the page's buttons, then 刷新. */
export function ListToolbar({ onRefresh, children }: { onRefresh(): void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {children}
      <Tooltip title={t('common.refresh')}>
        <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
      </Tooltip>
    </Space>
  );
}

/** 启用/停用, and 不可运营 (with the reasons on hover) for an enabled record that cannot run. */
export function StatusCell({ enabled, operable = true, blockers = [] }: { enabled: boolean; operable?: boolean; blockers?: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} direction="vertical">
      <Badge status={enabled ? 'success' : 'default'} text={enabled ? t('common.enabled') : t('common.disabled')} />
      {enabled && !operable && (
        <Tooltip title={blockers.join('；')}>
          <Tag color="red" icon={<WarningOutlined />} bordered={false}>
            {t('dataTable.notOperable')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

interface RowActionsProps {
  canWrite: boolean;
  enabled: boolean;
  /** 编辑 for writers; leave out when `open` replaces it */
  onEdit?(): void;
  /** a first action instead of 编辑 (e.g. 打开 in an editor page) */
  open?: ReactNode;
  onToggle(): void;
  onHistory(): void;
}

/** A row's actions: 编辑 (or `open`), 停用/启用 for writers, and 记录 (history) for everyone. */
export function RowActions({ canWrite, enabled, onEdit, open, onToggle, onHistory }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <Space size={0}>
      {open}
      {canWrite && onEdit && (
        <Button type="link" size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      {canWrite && (
        <Button type="link" size="small" danger={enabled} onClick={onToggle}>
          {enabled ? t('common.disable') : t('common.enable')}
        </Button>
      )}
      <Button type="link" size="small" icon={<HistoryOutlined />} onClick={onHistory}>
        {t('dataTable.historyShort')}
      </Button>
    </Space>
  );
}

/**
 * A confirm before 停用/启用: `run` calls the bff, then `then` (usually a reload). A refusal
 * (BASEDATA.IN_USE …) is reported by the request wrapper and leaves the dialog closed.
 */
export function useToggleConfirm() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  return (opts: { enabled: boolean; title: string; content?: ReactNode; run(): Promise<unknown>; then(): unknown }) =>
    modal.confirm({
      title: opts.title,
      content: opts.content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: opts.enabled },
      onOk: async () => {
        try {
          await opts.run();
          message.success(t('common.success'));
          await opts.then();
        } catch {
          // reported by the request wrapper
        }
      },
    });
}
