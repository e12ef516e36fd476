import { useEffect, useRef, useState } from 'react';
import { Descriptions, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../utils/time';

/** One version of a record (the archive contracts' HistoryEntry has this shape). */
export interface HistoryItem {
  id: number | string;
  action: string;
  actorName: string | null;
  /** ISO 8601 */
  at: string;
  summary?: string | null;
  changes?: { field: string; from: unknown; to: unknown }[] | null;
}

export interface HistoryTimelineProps {
  load: () => Promise<HistoryItem[]>;
  /** changes when the record changes, so the history reloads */
  version?: unknown;
  fieldLabel?: (field: string) => string;
  actionLabel?: (action: string) => string;
  actionColor?: (action: string) => string | undefined;
}

export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 160 ? `${s.slice(0, 157)}…` : s;
  }
  return String(v);
}

const same = (x: string) => x;

/** 变更记录: who changed what and when, newest first, each changed field as before → after. */
export default function HistoryTimeline({
  load,
  version,
  fieldLabel = same,
  actionLabel = same,
  actionColor = () => 'blue',
}: HistoryTimelineProps) {
  const { t } = useTranslation();
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  // callers pass an inline loader; only `version` says when to ask again
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    setItems(null);
    loadRef.current().then(
      (list) => live && setItems([...list].sort((a, b) => b.at.localeCompare(a.at))),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [version]);

  if (items === null)
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dataTable.historyEmpty')} />;
  return (
    <Timeline
      data-testid="history"
      items={items.map((h) => ({
        key: String(h.id),
        color: actionColor(h.action) ?? 'gray',
        children: (
          <div>
            <div style={{ marginBottom: 4 }}>
              <Tag color={actionColor(h.action)} bordered={false}>
                {actionLabel(h.action)}
              </Tag>
              <Typography.Text type="secondary">
                {formatTime(h.at)} · {h.actorName ?? t('dataTable.system')}
              </Typography.Text>
            </div>
            {h.summary && <div style={{ marginBottom: 4 }}>{h.summary}</div>}
            {h.changes && h.changes.length > 0 && (
              <Descriptions size="small" column={1} bordered>
                {h.changes.map((c) => (
                  <Descriptions.Item key={c.field} label={fieldLabel(c.field)}>
                    <Typography.Text delete type="secondary">
                      {showValue(c.from)}
                    </Typography.Text>{' '}
                    → <Typography.Text>{showValue(c.to)}</Typography.Text>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </div>
        ),
      }))}
    />
  );
}
