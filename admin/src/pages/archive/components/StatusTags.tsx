import { Badge, Space, Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VERIFICATION_STATUS_LABELS, type VerificationStatus, type VerificationView } from '@dzky/contracts';
import { formatTime } from '../../../utils/time';
import { labelOf } from './labels';

const VERIFY_STYLE: Record<VerificationStatus, { color: string; icon: JSX.Element }> = {
  verified: { color: 'success', icon: <CheckCircleOutlined /> },
  mismatch: { color: 'warning', icon: <ExclamationCircleOutlined /> },
  not_found: { color: 'error', icon: <CloseCircleOutlined /> },
  unverified: { color: 'default', icon: <QuestionCircleOutlined /> },
};

/** 核验通过 / 信息不一致 / 许可库无记录 / 未核验, with when it was checked on hover. */
export function VerifyTag({ verification }: { verification: VerificationView | null | undefined }) {
  const { t } = useTranslation();
  const status: VerificationStatus = verification?.status ?? 'unverified';
  const tag = (
    <Tag color={VERIFY_STYLE[status].color} icon={VERIFY_STYLE[status].icon} bordered={false} data-verify={status}>
      {labelOf(VERIFICATION_STATUS_LABELS, status)}
    </Tag>
  );
  return verification?.checkedAt ? <Tooltip title={`${t('archive.common.verifiedAt')}：${formatTime(verification.checkedAt)}`}>{tag}</Tooltip> : tag;
}

/** 可运营 / 不可运营; the reasons (expired certificates, failed verification…) in a tooltip. */
export function OperableTag({ operable, blockers }: { operable: boolean; blockers: readonly string[] }) {
  const { t } = useTranslation();
  if (operable) {
    return (
      <Tag color="green" bordered={false}>
        {t('archive.common.operable')}
      </Tag>
    );
  }
  return (
    <Tooltip
      title={
        blockers.length ? (
          <div>
            <div style={{ fontWeight: 500 }}>{t('archive.common.blockers')}</div>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {blockers.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ) : undefined
      }
    >
      <Tag color="red" bordered={false} data-testid="not-operable">
        {t('archive.common.notOperable')}
        {blockers.length > 0 && ` (${blockers.length})`}
      </Tag>
    </Tooltip>
  );
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return <Badge status={enabled ? 'success' : 'default'} text={enabled ? t('archive.common.enabled') : t('archive.common.disabled')} />;
}

export function Blockers({ blockers }: { blockers: readonly string[] }) {
  return (
    <Space size={[0, 4]} wrap>
      {blockers.map((b) => (
        <Tag key={b} color="red" bordered={false}>
          {b}
        </Tag>
      ))}
    </Space>
  );
}
