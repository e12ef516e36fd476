import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRecordView } from '@dzky/contracts';
import { formatTime } from '../../../utils/time';
import { actionLabel, RESULT_COLOR, targetText } from './constants';

interface Props {
  record: AuditRecordView | null;
  onClose(): void;
}

export default function AuditDetailDrawer({ record, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={record !== null} onClose={onClose} width={640} title={record ? t('audit.detailTitle', { id: record.id }) : ''} destroyOnHidden>
      {record && (
        <>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 120 } }}>
            <Descriptions.Item label={t('audit.time')}>{formatTime(record.at)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.category')}>{t(`audit.categories.${record.category}`, { defaultValue: record.category })}</Descriptions.Item>
            <Descriptions.Item label={t('audit.action')}>
              {actionLabel(t, record.action) && <span style={{ marginInlineEnd: 8 }}>{actionLabel(t, record.action)}</span>}
              <Typography.Text code>{record.action}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.actor')}>
              {record.actorName ?? '-'}
              {record.actorId !== null && <Typography.Text type="secondary"> (ID {record.actorId})</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.orgId')}>{record.orgId ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.target')}>{targetText(t, record.targetType, record.targetId)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.result')}>
              <Tag color={RESULT_COLOR[record.result]} bordered={false}>
                {t(`audit.results.${record.result}`, { defaultValue: record.result })}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.sourceIp')}>{record.sourceIp ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.requestId')}>
              {record.requestId ? <Typography.Text copyable>{record.requestId}</Typography.Text> : '-'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('audit.detail')}
          </Typography.Title>
          {record.detail ? (
            <pre className="dzky-json" data-testid="audit-detail-json">
              {JSON.stringify(record.detail, null, 2)}
            </pre>
          ) : (
            <Typography.Text type="secondary">{t('audit.noDetail')}</Typography.Text>
          )}
        </>
      )}
    </Drawer>
  );
}
