import { Button, Descriptions, Space, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EMPLOYMENT_STATUS_LABELS, ID_TYPE_LABELS, type DriverView, type FilePurpose } from '@dzky/contracts';
import { CertificateUpload } from '../../../../components/upload';
import { formatTime } from '../../../../utils/time';
import ArchiveDetailDrawer from '../../components/ArchiveDetailDrawer';
import { ExpiryDate } from '../../components/ExpiryDate';
import { labelOf } from '../../components/labels';
import { Blockers, EnabledBadge, OperableTag } from '../../components/StatusTags';
import { driverHistory, getDriver, verifyDriver } from '../service';

interface Props {
  id: number | null;
  /** bumped by the page after a change elsewhere (link, edit) so the drawer reloads */
  version: number;
  canWrite: boolean;
  fieldLabel(field: string): string;
  onClose(): void;
  onEdit(d: DriverView): void;
  onLink(d: DriverView): void;
  onUnlink(d: DriverView): void;
  onChanged(): void;
}

const dash = (x: string | null | undefined) => x || '-';

export default function DriverDetailDrawer({ id, version, canWrite, fieldLabel, onClose, onEdit, onLink, onUnlink, onChanged }: Props) {
  const { t } = useTranslation();
  const label = (field: string) => t(`archive.driver.${field}`);
  const file = (d: DriverView, field: 'photo' | 'licenceFile' | 'qualificationFile', value: number | null, purpose: FilePurpose) => (
    <Descriptions.Item label={label(field)} span={2}>
      <CertificateUpload disabled value={value} files={d.files} purpose={purpose} label={label(field)} data-testid={`detail-${field}`} />
    </Descriptions.Item>
  );

  return (
    <ArchiveDetailDrawer<DriverView>
      id={id}
      version={version}
      canWrite={canWrite}
      get={getDriver}
      verify={verifyDriver}
      history={driverHistory}
      fieldLabel={fieldLabel}
      title={(d) => (d ? t('archive.driver.detailTitle', { name: d.name }) : t('archive.common.detail'))}
      actions={(d) => (
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
      )}
      onClose={onClose}
      onChanged={onChanged}
    >
      {(d) => (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions title={label('sectionBasic')} size="small" column={2} bordered>
            <Descriptions.Item label={label('name')}>{d.name}</Descriptions.Item>
            <Descriptions.Item label={t('archive.common.org')}>{d.orgName}</Descriptions.Item>
            <Descriptions.Item label={label('idType')}>{labelOf(ID_TYPE_LABELS, d.idType)}</Descriptions.Item>
            <Descriptions.Item label={label('idNumber')}>{d.idNumberMasked}</Descriptions.Item>
            <Descriptions.Item label={label('phone')}>{d.phoneMasked}</Descriptions.Item>
            <Descriptions.Item label={label('gender')}>{d.gender ? t(`archive.common.genders.${d.gender}`) : '-'}</Descriptions.Item>
            <Descriptions.Item label={label('account')}>
              {d.linkedEndUserId ? (
                <Tag color="green" bordered={false}>
                  {label('linked')}
                  {d.linkedAt ? ` · ${formatTime(d.linkedAt, 'YYYY-MM-DD')}` : ''}
                </Tag>
              ) : (
                <Tag bordered={false}>{label('notLinked')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.common.status')}>
              <EnabledBadge enabled={d.enabled} />
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.common.operable')} span={2}>
              <OperableTag operable={d.operable} blockers={d.blockers} />
            </Descriptions.Item>
            {!d.operable && d.blockers.length > 0 && (
              <Descriptions.Item label={t('archive.common.blockers')} span={2}>
                <Blockers blockers={d.blockers} />
              </Descriptions.Item>
            )}
            {file(d, 'photo', d.photoFileId, 'driver_photo')}
          </Descriptions>
          <Descriptions title={label('sectionLicence')} size="small" column={2} bordered>
            <Descriptions.Item label={label('licenceClass')}>{d.licenceClass}</Descriptions.Item>
            <Descriptions.Item label={label('licenceNo')}>{dash(d.licenceNoMasked)}</Descriptions.Item>
            <Descriptions.Item label={label('licenceFirstIssuedOn')}>{dash(d.licenceFirstIssuedOn)}</Descriptions.Item>
            <Descriptions.Item label={label('licenceExpiry')}>
              <ExpiryDate date={d.licenceExpiry} />
            </Descriptions.Item>
            {file(d, 'licenceFile', d.licenceFileId, 'driver_licence')}
          </Descriptions>
          <Descriptions title={label('sectionQualification')} size="small" column={2} bordered>
            <Descriptions.Item label={label('qualificationNo')}>{dash(d.qualificationNoMasked)}</Descriptions.Item>
            <Descriptions.Item label={label('qualificationCategory')}>{dash(d.qualificationCategory)}</Descriptions.Item>
            <Descriptions.Item label={label('qualificationExpiry')} span={2}>
              <ExpiryDate date={d.qualificationExpiry} />
            </Descriptions.Item>
            {file(d, 'qualificationFile', d.qualificationFileId, 'driver_licence')}
          </Descriptions>
          <Descriptions title={label('sectionEmployment')} size="small" column={2} bordered>
            <Descriptions.Item label={label('hiredOn')}>{dash(d.hiredOn)}</Descriptions.Item>
            <Descriptions.Item label={label('employmentStatus')}>{labelOf(EMPLOYMENT_STATUS_LABELS, d.employmentStatus)}</Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </ArchiveDetailDrawer>
  );
}
