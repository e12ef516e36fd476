import { useEffect, useState } from 'react';
import { Alert, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EXPIRY_DOCUMENT_LABELS, type ArchiveKind, type ExpiryWarningView } from '@dzky/contracts';
import { DaysLeftTag } from '../../archive/components/ExpiryDate';
import { labelOf } from '../../archive/components/labels';
import { listExpiryWarnings } from '../service';

const PAGE_OF: Record<ArchiveKind, string> = {
  vehicle: '/archive/vehicles',
  driver: '/archive/drivers',
  operator: '/archive/operators',
};

export function recordLink(w: Pick<ExpiryWarningView, 'kind' | 'recordId'>): string {
  // operators open on their own page; vehicles and drivers open the record's detail
  return w.kind === 'operator' ? PAGE_OF.operator : `${PAGE_OF[w.kind]}?view=${w.recordId}`;
}

/** 证照到期提醒: the nearest due dates, soonest first, each linking to its archive. */
export default function ExpiryWarningsCard() {
  const { t } = useTranslation();
  const [items, setItems] = useState<ExpiryWarningView[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    listExpiryWarnings(10).then(
      (page) => live && setItems(page.items),
      () => {
        if (!live) return;
        setFailed(true);
        setItems([]);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('dashboard.expiry.title')}
        </Space>
      }
      variant="borderless"
      style={{ marginBottom: 16 }}
      data-testid="expiry-warnings"
      extra={<Typography.Text type="secondary">{t('dashboard.expiry.hint')}</Typography.Text>}
    >
      {items === null ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : failed ? (
        <Alert type="warning" showIcon message={t('dashboard.expiry.failed')} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.expiry.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(w) => (
            <List.Item key={w.id} extra={<DaysLeftTag days={w.daysLeft} />}>
              <Space size={8} wrap>
                <Tag bordered={false}>{t(`archive.expiry.kind.${w.kind}`)}</Tag>
                <Link to={recordLink(w)}>{w.label}</Link>
                <Typography.Text type="secondary">
                  {labelOf(EXPIRY_DOCUMENT_LABELS, w.document)} · {w.expiresOn}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
