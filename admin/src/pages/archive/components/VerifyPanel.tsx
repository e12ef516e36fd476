import { useState } from 'react';
import { Alert, Button, Descriptions, Space, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { REGISTRY_STATUS_LABELS, type VerificationMismatch, type VerificationView } from '@dzky/contracts';
import { currentLang } from '../../../locales/i18n';
import { formatTime } from '../../../utils/time';
import { labelOf } from './labels';
import { VerifyTag } from './StatusTags';

interface Props {
  verification: VerificationView;
  /** labels of the archive's fields in the UI language; the registry's Chinese label otherwise */
  fieldLabel?: (field: string) => string;
  /** absent: read only */
  onVerify?: () => Promise<VerificationView>;
}

/**
 * the archive compared with the licence registry — the current result, and a button that
 * asks the registry again and shows what it answered.
 */
export default function VerifyPanel({ verification, fieldLabel, onVerify }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [latest, setLatest] = useState<VerificationView | null>(null);
  const v = latest ?? verification;
  const label = (m: VerificationMismatch) => (currentLang() === 'en-US' && fieldLabel ? fieldLabel(m.field) : m.label);

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
            {v.registryStatus && <Typography.Text type="secondary">{labelOf(REGISTRY_STATUS_LABELS, v.registryStatus)}</Typography.Text>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('archive.common.verifiedAt')}>{v.checkedAt ? formatTime(v.checkedAt) : t('archive.common.verifyNever')}</Descriptions.Item>
      </Descriptions>
      {v.reason && v.status !== 'verified' && <Alert type={v.status === 'mismatch' ? 'warning' : 'error'} showIcon style={{ marginBottom: 12 }} message={v.reason} />}
      {v.mismatches.length > 0 && (
        <Table<VerificationMismatch>
          size="small"
          rowKey="field"
          pagination={false}
          style={{ marginBottom: 12 }}
          dataSource={v.mismatches}
          columns={[
            { title: t('archive.common.mismatches'), key: 'field', render: (_, m) => label(m) },
            { title: t('archive.common.archiveValue'), dataIndex: 'archive', render: (x: string | null) => x ?? '-' },
            { title: t('archive.common.registryValue'), dataIndex: 'registry', render: (x: string | null) => <Typography.Text type="danger">{x ?? '-'}</Typography.Text> },
          ]}
        />
      )}
      {onVerify && (
        <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()} data-testid="verify-button">
          {busy ? t('archive.common.verifying') : t('archive.common.verify')}
        </Button>
      )}
    </div>
  );
}
