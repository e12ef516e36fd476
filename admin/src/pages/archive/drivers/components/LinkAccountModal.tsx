import { useEffect, useState } from 'react';
import { Alert, Empty, Modal, Radio, Space, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DriverLinkCandidate, DriverView } from '@dzky/contracts';
import { formatTime } from '../../../../utils/time';
import { linkCandidates, linkDriver } from '../service';

interface Props {
  driver: DriverView | null;
  onClose(): void;
  onLinked(d: DriverView): void;
}

/** An account already linked to another archive cannot be linked twice. */
const linkable = (c: DriverLinkCandidate, driver: DriverView) => c.linkedDriverId === null || c.linkedDriverId === driver.id;

/**
 * 关联司机端账号 (design.md §3 "Identity"): the candidates are the driver-app accounts whose phone
 * matches the archive's; staff pick one after confirming with the driver, then confirm once more.
 */
export default function LinkAccountModal({ driver, onClose, onLinked }: Props) {
  const { t } = useTranslation();
  const [candidates, setCandidates] = useState<DriverLinkCandidate[] | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setCandidates(null);
    setPicked(null);
    setConfirming(false);
    if (!driver) return;
    let live = true;
    linkCandidates(driver.id).then(
      (c) => {
        if (!live) return;
        setCandidates(c);
        const free = c.filter((x) => linkable(x, driver));
        if (free.length === 1) setPicked(free[0].endUserId);
      },
      () => live && setCandidates([]),
    );
    return () => {
      live = false;
    };
  }, [driver]);

  const chosen = candidates?.find((c) => c.endUserId === picked);

  const ok = async () => {
    if (!driver || !chosen) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setSaving(true);
    try {
      onLinked(await linkDriver(driver.id, chosen.endUserId));
    } catch {
      // reported by the request wrapper (e.g. ARCHIVE.LINK_INVALID when the phone no longer matches)
      setConfirming(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={driver !== null}
      title={driver ? t('archive.driver.linkTitle', { name: driver.name }) : ''}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={confirming ? t('common.confirm') : t('archive.driver.link')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !chosen }}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('archive.driver.linkHint')}
        </Typography.Paragraph>
        {candidates === null || !driver ? (
          <Spin />
        ) : candidates.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.driver.linkEmpty')} />
        ) : (
          <Table<DriverLinkCandidate>
            size="small"
            rowKey="endUserId"
            pagination={false}
            dataSource={candidates}
            onRow={(c) => ({ onClick: () => !confirming && linkable(c, driver) && setPicked(c.endUserId) })}
            columns={[
              {
                key: 'pick',
                width: 48,
                render: (_, c) => <Radio checked={picked === c.endUserId} disabled={confirming || !linkable(c, driver)} aria-label={c.nickname ?? c.phoneMasked} />,
              },
              {
                title: t('archive.driver.candidate'),
                dataIndex: 'nickname',
                render: (n: string | null, c) => (
                  <Space size={4}>
                    {n ?? `#${c.endUserId}`}
                    {!linkable(c, driver) && <Typography.Text type="secondary">{t('archive.driver.linkedElsewhere')}</Typography.Text>}
                  </Space>
                ),
              },
              { title: t('archive.driver.candidatePhone'), dataIndex: 'phoneMasked' },
              { title: t('archive.driver.candidateCreatedAt'), dataIndex: 'registeredAt', render: (d: string) => formatTime(d) },
            ]}
          />
        )}
        {confirming && chosen && driver && (
          <Alert type="warning" showIcon message={t('archive.driver.linkConfirm', { account: chosen.nickname ?? chosen.phoneMasked, name: driver.name })} />
        )}
      </Space>
    </Modal>
  );
}
