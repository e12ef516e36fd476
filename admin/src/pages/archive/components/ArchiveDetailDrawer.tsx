import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Drawer, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArchiveHistoryEntry, VerificationView } from '@dzky/contracts';
import { HistoryTimeline } from '../../../components/data-table';
import { historyActionLabel } from './labels';
import VerifyPanel from './VerifyPanel';

interface Record {
  id: number;
  verification: VerificationView;
  updatedAt: string;
}

export interface ArchiveDetailDrawerProps<T extends Record> {
  /** the record to show; null: closed */
  id: number | null;
  /** bumped by the page after a change made elsewhere (edit, link) so the record is read again */
  version?: unknown;
  canWrite: boolean;
  get(id: number): Promise<T>;
  verify(id: number): Promise<VerificationView>;
  history(id: number): Promise<ArchiveHistoryEntry[]>;
  title(record: T | null): string;
  /** header buttons for writers (编辑, 关联账号…) */
  actions?(record: T): ReactNode;
  /** the 详情 tab */
  children(record: T): ReactNode;
  fieldLabel(field: string): string;
  onClose(): void;
  /** the archive changed here (verification): the list refreshes */
  onChanged(): void;
}

/** A vehicle's or driver's archive: details, the licence registry check and the change history. */
export default function ArchiveDetailDrawer<T extends Record>(props: ArchiveDetailDrawerProps<T>) {
  const { id, version, canWrite, get, verify, history, title, actions, children, fieldLabel, onClose, onChanged } = props;
  const { t } = useTranslation();
  const [record, setRecord] = useState<T | null>(null);

  const load = useCallback(
    async (recordId: number) => {
      try {
        setRecord(await get(recordId));
      } catch {
        onClose();
      }
    },
    [get, onClose],
  );

  useEffect(() => {
    setRecord(null);
    if (id !== null) void load(id);
  }, [id, version, load]);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={800}
      destroyOnHidden
      title={title(record)}
      extra={record && canWrite ? actions?.(record) : null}
    >
      {!record ? (
        <Spin />
      ) : (
        <Tabs
          items={[
            { key: 'info', label: t('archive.common.detail'), children: children(record) },
            {
              key: 'verify',
              label: t('archive.common.verifyTitle'),
              children: (
                <VerifyPanel
                  verification={record.verification}
                  fieldLabel={fieldLabel}
                  onVerify={
                    canWrite
                      ? async () => {
                          const result = await verify(record.id);
                          onChanged();
                          void load(record.id);
                          return result;
                        }
                      : undefined
                  }
                />
              ),
            },
            {
              key: 'history',
              label: t('archive.common.history'),
              children: <HistoryTimeline load={() => history(record.id)} fieldLabel={fieldLabel} actionLabel={historyActionLabel} version={record.updatedAt} />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
