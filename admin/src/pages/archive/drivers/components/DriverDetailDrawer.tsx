import { useCallback, useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Space, Spin, Tabs, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CertificateUpload } from '../../../../components/upload';
import { formatTime } from '../../../../utils/time';
import { ExpiryDate } from '../../components/ExpiryDate';
import HistoryTimeline from '../../components/HistoryTimeline';
import { fieldLabeller } from '../../components/labels';
import { Blockers, EnabledBadge, OperableTag } from '../../components/StatusTags';
import VerifyPanel from '../../components/VerifyPanel';
import type { DriverView } from '../../types';
import { driverHistory, getDriver, verifyDriver } from '../service';

interface Props {
  id: number | null;
  canWrite: boolean;
  /** bumped by the page after a change elsewhere (link, edit) so the drawer reloads */
  version: number;
  onClose(): void;
  onEdit(d: DriverView): void;
  onLink(d: DriverView): void;
  onUnlink(d: DriverView): void;
  onChanged(): void;
}

export default function DriverDetailDrawer({ id, canWrite, version, onClose, onEdit, onLink, onUnlink, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [d, setD] = useState<DriverView | null>(null);
  const label = fieldLabeller(t, (k) => i18n.exists(k), 'driver');

  const load = useCallback(
    async (driverId: number) => {
      try {
        setD(await getDriver(driverId));
      } catch {
        onClose();
      }
    },
    [onClose],
  );

  useEffect(() => {
    if (id === null) {
      setD(null);
      return;
    }
    void load(id);
  }, [id, version, load]);

  const dash = (x: string | null | undefined) => (x ? x : '-');

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={800}
      destroyOnHidden
      title={d ? t('archive.driver.detailTitle', { name: d.name }) : t('archive.common.detail')}
      extra={
        d && canWrite ? (
          <Space>
            {d.linkedEndUserId ? (
              <Button danger onClick={() => onUnlink(d)}>
                {t('archive.driver.unlink')}
              </Button>
            ) : (
              <Button onClick={() => onLink(d)}>{t('archive.driver.link')}</Button>
            )}
            <Button icon={<EditOutlined />} onClick={() => onEdit(d)}>
              {t('common.edit')}
            </Button>
          </Space>
        ) : null
      }
    >
      {!d ? (
        <Spin />
      ) : (
        <Tabs
          items={[
            {
              key: 'info',
              label: t('archive.common.detail'),
              children: (
                <Space direction="vertical" size={20} style={{ width: '100%' }}>
                  <Descriptions title={t('archive.driver.sectionBasic')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.driver.name')}>{d.name}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.common.org')}>{d.orgName}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.idNumber')}>{d.idNumber}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.phone')}>{d.phone}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.gender')}>
                      {d.gender === 'M' ? t('archive.driver.genderMale') : d.gender === 'F' ? t('archive.driver.genderFemale') : '-'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.account')}>
                      {d.linkedEndUserId ? (
                        <Tag color="green" bordered={false}>
                          {t('archive.driver.linked')}
                          {d.linkedAt ? ` · ${formatTime(d.linkedAt, 'YYYY-MM-DD')}` : ''}
                        </Tag>
                      ) : (
                        <Tag bordered={false}>{t('archive.driver.notLinked')}</Tag>
                      )}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.common.status')}>
                      <EnabledBadge enabled={d.enabled} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.common.operable')}>
                      <OperableTag operable={d.operable} blockers={d.blockers} />
                    </Descriptions.Item>
                    {!d.operable && d.blockers.length > 0 && (
                      <Descriptions.Item label={t('archive.common.blockers')} span={2}>
                        <Blockers blockers={d.blockers} />
                      </Descriptions.Item>
                    )}
                    <Descriptions.Item label={t('archive.driver.photo')} span={2}>
                      <CertificateUpload disabled value={d.photoFileId} files={d.files} purpose="driver.photo" label={t('archive.driver.photo')} data-testid="detail-photo" />
                    </Descriptions.Item>
                  </Descriptions>
                  <Descriptions title={t('archive.driver.sectionLicence')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.driver.licenceClass')}>{d.licenceClass}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.licenceNo')}>{dash(d.licenceNo)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.licenceExpiry')} span={2}>
                      <ExpiryDate date={d.licenceExpiry} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.licenceFile')} span={2}>
                      <CertificateUpload disabled value={d.licenceFileId} files={d.files} purpose="driver.licence" label={t('archive.driver.licenceFile')} data-testid="detail-licence" />
                    </Descriptions.Item>
                  </Descriptions>
                  <Descriptions title={t('archive.driver.sectionQualification')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.driver.qualificationNo')}>{dash(d.qualificationNo)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.qualificationType')}>
                      {d.qualificationType ? t(`archive.driver.qualificationTypes.${d.qualificationType}`, { defaultValue: d.qualificationType }) : '-'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.qualificationExpiry')} span={2}>
                      <ExpiryDate date={d.qualificationExpiry} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.qualificationFile')} span={2}>
                      <CertificateUpload disabled value={d.qualificationFileId} files={d.files} purpose="driver.qualification" label={t('archive.driver.qualificationFile')} data-testid="detail-qualification" />
                    </Descriptions.Item>
                  </Descriptions>
                  <Descriptions title={t('archive.driver.sectionEmployment')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.driver.employedAt')}>{d.employedAt ?? '-'}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.driver.employmentStatus')}>{t(`archive.driver.employment.${d.employmentStatus}`)}</Descriptions.Item>
                  </Descriptions>
                </Space>
              ),
            },
            {
              key: 'verify',
              label: t('archive.common.verifyTitle'),
              children: (
                <VerifyPanel
                  verification={d.verification}
                  fieldLabel={label}
                  onVerify={
                    canWrite
                      ? async () => {
                          const r = await verifyDriver(d.id);
                          onChanged();
                          void load(d.id);
                          return r;
                        }
                      : undefined
                  }
                />
              ),
            },
            {
              key: 'history',
              label: t('archive.common.history'),
              children: <HistoryTimeline load={() => driverHistory(d.id)} fieldLabel={label} version={d.updatedAt} />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
