import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BasedataHistoryEntry } from '@dzky/contracts';
import { HistoryTimeline, type HistoryItem } from '../../../components/data-table';

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

/** Base data keeps whole versions; the timeline shows what differs between them. */
export function toHistoryItem(e: BasedataHistoryEntry): HistoryItem {
  if (e.action === 'create') return { ...e, changes: [] };
  const keys = new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})]);
  const changes = [...keys]
    .filter((k) => !HIDDEN.has(k) && JSON.stringify(e.before?.[k] ?? null) !== JSON.stringify(e.after?.[k] ?? null))
    .sort()
    .map((field) => ({ field, from: e.before?.[field], to: e.after?.[field] }));
  return { ...e, changes };
}

/** 变更记录: every version of a stop, line or route, newest first, with what changed. */
export default function HistoryDrawer({ target, load, fieldLabels, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={560}
      title={target ? t('basedata.history.title', { name: target.title }) : ''}
      destroyOnHidden
    >
      {target && (
        <HistoryTimeline
          load={async () => (await load(target.id)).map(toHistoryItem)}
          version={target.id}
          fieldLabel={(f) => fieldLabels[f] ?? f}
          actionLabel={(a) => t(`basedata.history.actions.${a.replace('.', '_')}`, { defaultValue: a })}
          actionColor={(a) => ACTION_COLOR[a]}
        />
      )}
    </Drawer>
  );
}
