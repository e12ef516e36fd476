import { useEffect, useState } from 'react';
import { Descriptions, Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BasedataHistoryEntry } from '@dzky/contracts';
import { formatTime } from '../../../utils/time';

interface Props {
  /** null: closed */
  target: { id: number; title: string } | null;
  load(id: number): Promise<BasedataHistoryEntry[]>;
  /** field → label for the changed-fields list */
  fieldLabels: Record<string, string>;
  onClose(): void;
}

const HIDDEN = new Set(['id', 'orgId', 'createdAt', 'updatedAt', 'version']);
const ACTION_COLOR: Record<string, string> = {
  create: 'green',
  update: 'blue',
  import: 'cyan',
  disable: 'red',
  enable: 'green',
  'zone.create': 'purple',
  'zone.update': 'purple',
  'zone.delete': 'magenta',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 160 ? `${s.slice(0, 157)}…` : s;
  }
  return String(v);
}

/** The fields whose values differ between two versions, in a stable order. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter(
      (k) => !HIDDEN.has(k) && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null),
    )
    .sort();
}

/** 变更记录: every version of a stop, line or route, newest first, with what changed. */
export default function HistoryDrawer({ target, load, fieldLabels, onClose }: Props) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<BasedataHistoryEntry[] | null>(null);

  useEffect(() => {
    if (!target) return;
    let live = true;
    setEntries(null);
    load(target.id).then(
      (list) => live && setEntries([...list].sort((a, b) => b.at.localeCompare(a.at))),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, [target, load]);

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={560}
      title={target ? t('basedata.history.title', { name: target.title }) : ''}
      destroyOnHidden
    >
      {entries === null ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : entries.length === 0 ? (
        <Empty description={t('basedata.history.empty')} />
      ) : (
        <Timeline
          items={entries.map((e) => {
            const fields = e.action === 'create' ? [] : changedFields(e.before, e.after);
            return {
              key: e.id,
              color: ACTION_COLOR[e.action] ?? 'gray',
              children: (
                <div>
                  <div style={{ marginBottom: 4 }}>
                    <Tag color={ACTION_COLOR[e.action]} bordered={false}>
                      {t(`basedata.history.actions.${e.action.replace('.', '_')}`, {
                        defaultValue: e.action,
                      })}
                    </Tag>
                    <Typography.Text type="secondary">
                      {formatTime(e.at)} · {e.actorName ?? t('basedata.history.system')}
                    </Typography.Text>
                  </div>
                  {fields.length > 0 && (
                    <Descriptions size="small" column={1} bordered>
                      {fields.map((f) => (
                        <Descriptions.Item key={f} label={fieldLabels[f] ?? f}>
                          <Typography.Text delete type="secondary">
                            {show(e.before?.[f])}
                          </Typography.Text>{' '}
                          → <Typography.Text>{show(e.after?.[f])}</Typography.Text>
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                  )}
                </div>
              ),
            };
          })}
        />
      )}
    </Drawer>
  );
}
