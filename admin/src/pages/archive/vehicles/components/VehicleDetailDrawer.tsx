import { Button, Descriptions, Space, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PLATE_COLOR_LABELS, VEHICLE_CLASS_LABELS, VEHICLE_TYPE_LABELS, type VehicleView } from '@dzky/contracts';
import { CertificateUpload } from '../../../../components/upload';
import { formatTime } from '../../../../utils/time';
import ArchiveDetailDrawer from '../../components/ArchiveDetailDrawer';
import { ExpiryDate } from '../../components/ExpiryDate';
import { labelOf } from '../../components/labels';
import { Blockers, EnabledBadge, OperableTag } from '../../components/StatusTags';
import { PLATE_TAG_COLOR } from '../constants';
import { getVehicle, vehicleHistory, verifyVehicle } from '../service';

interface Props {
  id: number | null;
  /** bumped by the page after an edit so the record is read again */
  version: number;
  canWrite: boolean;
  fieldLabel(field: string): string;
  onClose(): void;
  onEdit(v: VehicleView): void;
  onChanged(): void;
}

const dash = (x: string | number | null | undefined) => (x === null || x === undefined || x === '' ? '-' : x);

export const typeClassOf = (v: Pick<VehicleView, 'vehicleType' | 'vehicleClass'>) =>
  `${labelOf(VEHICLE_TYPE_LABELS, v.vehicleType)} / ${labelOf(VEHICLE_CLASS_LABELS, v.vehicleClass)}`;

export default function VehicleDetailDrawer({ id, version, canWrite, fieldLabel, onClose, onEdit, onChanged }: Props) {
  const { t } = useTranslation();
  const label = (field: string) => t(`archive.vehicle.${field}`);
  const file = (v: VehicleView, field: 'transportCertFile' | 'insuranceFile' | 'certificateFiles', value: number | number[] | null) => (
    <Descriptions.Item label={label(field)} span={2}>
      <CertificateUpload disabled value={value} files={v.files} multiple={Array.isArray(value)} purpose="vehicle_cert" label={label(field)} data-testid={`detail-${field}`} />
    </Descriptions.Item>
  );

  return (
    <ArchiveDetailDrawer<VehicleView>
      id={id}
      version={version}
      canWrite={canWrite}
      get={getVehicle}
      verify={verifyVehicle}
      history={vehicleHistory}
      fieldLabel={fieldLabel}
      title={(v) => (v ? t('archive.vehicle.detailTitle', { plate: v.plateNo }) : t('archive.common.detail'))}
      actions={(v) => (
        <Button icon={<EditOutlined />} onClick={() => onEdit(v)}>
          {t('common.edit')}
        </Button>
      )}
      onClose={onClose}
      onChanged={onChanged}
    >
      {(v) => (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions title={label('sectionBasic')} size="small" column={2} bordered>
            <Descriptions.Item label={label('plateNo')}>
              <Space>
                {v.plateNo}
                <Tag color={PLATE_TAG_COLOR[v.plateColor]}>{labelOf(PLATE_COLOR_LABELS, v.plateColor)}</Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.common.org')}>{v.orgName}</Descriptions.Item>
            <Descriptions.Item label={label('approvedSeats')}>{v.approvedSeats}</Descriptions.Item>
            <Descriptions.Item label={label('typeClass')}>{typeClassOf(v)}</Descriptions.Item>
            <Descriptions.Item label={label('brand')}>{dash(v.brand)}</Descriptions.Item>
            <Descriptions.Item label={label('model')}>{dash(v.model)}</Descriptions.Item>
            <Descriptions.Item label={label('vin')} span={2}>
              {dash(v.vin)}
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.common.status')}>
              <EnabledBadge enabled={v.enabled} />
            </Descriptions.Item>
            <Descriptions.Item label={t('archive.common.operable')}>
              <OperableTag operable={v.operable} blockers={v.blockers} />
            </Descriptions.Item>
            {!v.operable && v.blockers.length > 0 && (
              <Descriptions.Item label={t('archive.common.blockers')} span={2}>
                <Blockers blockers={v.blockers} />
              </Descriptions.Item>
            )}
          </Descriptions>
          <Descriptions title={label('sectionCert')} size="small" column={2} bordered>
            <Descriptions.Item label={label('transportCertNo')}>{dash(v.transportCertNo)}</Descriptions.Item>
            <Descriptions.Item label={label('transportCertExpiry')}>
              <ExpiryDate date={v.transportCertExpiry} />
            </Descriptions.Item>
            <Descriptions.Item label={label('annualInspectionDue')} span={2}>
              <ExpiryDate date={v.annualInspectionDue} />
            </Descriptions.Item>
            {file(v, 'transportCertFile', v.transportCertFileId)}
            {file(v, 'certificateFiles', v.certificateFileIds)}
          </Descriptions>
          <Descriptions title={label('sectionInsurance')} size="small" column={2} bordered>
            <Descriptions.Item label={label('insurer')}>{dash(v.insurer)}</Descriptions.Item>
            <Descriptions.Item label={label('insurancePolicyNo')}>{dash(v.insurancePolicyNo)}</Descriptions.Item>
            <Descriptions.Item label={label('insuranceExpiry')} span={2}>
              <ExpiryDate date={v.insuranceExpiry} />
            </Descriptions.Item>
            {file(v, 'insuranceFile', v.insuranceFileId)}
          </Descriptions>
          <Descriptions title={label('sectionTerminal')} size="small" column={2} bordered>
            <Descriptions.Item label={label('terminalId')}>{dash(v.terminalId)}</Descriptions.Item>
            <Descriptions.Item label={label('terminalPhone')}>{dash(v.terminalPhone)}</Descriptions.Item>
            <Descriptions.Item label={label('terminalMaker')}>{dash(v.terminalMaker)}</Descriptions.Item>
            <Descriptions.Item label={label('terminalModel')}>{dash(v.terminalModel)}</Descriptions.Item>
          </Descriptions>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('archive.common.createdAt')}>{formatTime(v.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('archive.common.updatedAt')}>{formatTime(v.updatedAt)}</Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </ArchiveDetailDrawer>
  );
}
