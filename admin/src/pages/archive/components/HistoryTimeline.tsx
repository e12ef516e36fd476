import { useEffect, useState } from 'react';
import { Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../types';
import { formatTime } from '../../../utils/time';

interface Props {
  load: () => Promise<HistoryEntry[]>;
  /** the archive's field labels */
  fieldLabel?: (field: string) => string;
  /** changes when the record changes, so the history reloads */
  version?: unknown;
}

const fmt = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** 变更记录: who changed what and when, newest first, from the audit trail. */
export default function HistoryTimeline({ load, fieldLabel = (f) => f, version }: Props) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<HistoryEntry[] | null>(null);

  useEffect(() => {
    let live = true;
    setItems(null);
    load().then(
      (h) => live && setItems(h),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [version]);

  if (items === null) return <Spin />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.common.historyEmpty')} />;
  const actionLabel = (a: string) => {
    const key = `archive.common.action.${a.split('.').pop()}`;
    return i18n.exists(key) ? t(key) : a;
  };
  return (
    <Timeline
      data-testid="history"
      items={items.map((h) => ({
        key: String(h.id),
        children: (
          <div>
            <div>
              <Tag bordered={false} color="blue">
                {actionLabel(h.action)}
              </Tag>
              <Typography.Text type="secondary">
                {formatTime(h.at)}
                {h.actorName ? ` · ${h.actorName}` : ''}
              </Typography.Text>
            </div>
            {h.summary && <div style={{ marginTop: 4 }}>{h.summary}</div>}
            {h.changes && h.changes.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                {h.changes.map((c) => (
                  <li key={c.field}>
                    <Typography.Text strong>{fieldLabel(c.field)}</Typography.Text>：{fmt(c.from)} → {fmt(c.to)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}
