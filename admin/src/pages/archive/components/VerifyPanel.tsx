import { useState } from 'react';
import { Alert, Button, Descriptions, Space, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Verification } from '../types';
import { formatTime } from '../../../utils/time';
import { VerifyTag } from './StatusTags';

interface Props {
  verification: Verification | null | undefined;
  /** labels of the archive's fields, for the mismatch table */
  fieldLabel?: (field: string) => string;
  /** absent: read only */
  onVerify?: () => Promise<Verification>;
}

/**
 * the archive compared with the licence registry — the current result, and a button that
 * asks the registry again and shows what it answered.
 */
export default function VerifyPanel({ verification, fieldLabel = (f) => f, onVerify }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [latest, setLatest] = useState<Verification | null>(null);
  const v = latest ?? verification ?? null;

  const run = async () => {
    if (!onVerify) return;
    setBusy(true);
    try {
      setLatest(await onVerify());
    } catch {
      // reported by the request wrapper (e.g. registry unavailable)
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="verify-panel">
      <Descriptions size="small" column={1} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('archive.common.verifyResult')}>
          <Space>
            <VerifyTag verification={v} />
            {v?.registryStatus && <Typography.Text type="secondary">{v.registryStatus}</Typography.Text>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('archive.common.verifiedAt')}>{v?.checkedAt ? formatTime(v.checkedAt) : t('archive.common.verifyNever')}</Descriptions.Item>
      </Descriptions>
      {v && v.mismatches?.length > 0 && (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          style={{ marginBottom: 12 }}
          dataSource={v.mismatches}
          columns={[
            { title: t('archive.common.mismatches'), dataIndex: 'field', render: (f: string) => fieldLabel(f) },
            { title: t('archive.common.archiveValue'), dataIndex: 'archive', render: (x: string | null) => x ?? '-' },
            { title: t('archive.common.registryValue'), dataIndex: 'registry', render: (x: string | null) => <Typography.Text type="danger">{x ?? '-'}</Typography.Text> },
          ]}
        />
      )}
      {v?.status === 'not_found' && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('archive.verifyStatus.not_found')} />}
      {onVerify && (
        <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()} data-testid="verify-button">
          {busy ? t('archive.common.verifying') : t('archive.common.verify')}
        </Button>
      )}
    </div>
  );
}
