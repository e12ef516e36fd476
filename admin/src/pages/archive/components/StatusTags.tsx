import { Badge, Space, Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Verification, VerifyStatus } from '../types';
import { formatTime } from '../../../utils/time';

const VERIFY_STYLE: Record<VerifyStatus, { color: string; icon: JSX.Element }> = {
  verified: { color: 'success', icon: <CheckCircleOutlined /> },
  mismatch: { color: 'warning', icon: <ExclamationCircleOutlined /> },
  not_found: { color: 'error', icon: <CloseCircleOutlined /> },
  unverified: { color: 'default', icon: <QuestionCircleOutlined /> },
};

/** 已核验 / 不一致 / 未找到 / 未核验, with when it was checked on hover. */
export function VerifyTag({ verification }: { verification: Verification | null | undefined }) {
  const { t } = useTranslation();
  const status: VerifyStatus = verification?.status ?? 'unverified';
  const style = VERIFY_STYLE[status] ?? VERIFY_STYLE.unverified;
  const tag = (
    <Tag color={style.color} icon={style.icon} bordered={false} data-verify={status}>
      {t(`archive.verifyStatus.${status}`)}
    </Tag>
  );
  return verification?.checkedAt ? <Tooltip title={`${t('archive.common.verifiedAt')}：${formatTime(verification.checkedAt)}`}>{tag}</Tooltip> : tag;
}

/** 可运营 / 不可运营; the reasons (expired certificates, failed verification…) in a tooltip. */
export function OperableTag({ operable, blockers }: { operable: boolean; blockers?: string[] | null }) {
  const { t } = useTranslation();
  if (operable) {
    return (
      <Tag color="green" bordered={false}>
        {t('archive.common.operable')}
      </Tag>
    );
  }
  const reasons = blockers ?? [];
  return (
    <Tooltip
      title={
        reasons.length ? (
          <div>
            <div style={{ fontWeight: 500 }}>{t('archive.common.blockers')}</div>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ) : undefined
      }
    >
      <Tag color="red" bordered={false} data-testid="not-operable">
        {t('archive.common.notOperable')}
        {reasons.length > 0 && ` (${reasons.length})`}
      </Tag>
    </Tooltip>
  );
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return <Badge status={enabled ? 'success' : 'default'} text={enabled ? t('archive.common.enabled') : t('archive.common.disabled')} />;
}

export function Blockers({ blockers }: { blockers: string[] }) {
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
