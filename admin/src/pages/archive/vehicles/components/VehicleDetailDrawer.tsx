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
import type { VehicleView } from '../../types';
import { PLATE_TAG_COLOR } from '../constants';
import { getVehicle, vehicleHistory, verifyVehicle } from '../service';

interface Props {
  id: number | null;
  canWrite: boolean;
  onClose(): void;
  onEdit(v: VehicleView): void;
  /** the archive changed here (verification): the list refreshes */
  onChanged(): void;
}

export default function VehicleDetailDrawer({ id, canWrite, onClose, onEdit, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState<VehicleView | null>(null);
  const label = fieldLabeller(t, (k) => i18n.exists(k), 'vehicle');

  const load = useCallback(async (vehicleId: number) => {
    try {
      setV(await getVehicle(vehicleId));
    } catch {
      onClose();
    }
  }, [onClose]);

  useEffect(() => {
    setV(null);
    if (id !== null) void load(id);
  }, [id, load]);

  const dash = (x: string | number | null | undefined) => (x === null || x === undefined || x === '' ? '-' : x);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={800}
      destroyOnHidden
      title={v ? t('archive.vehicle.detailTitle', { plate: v.plateNo }) : t('archive.common.detail')}
      extra={
        v && canWrite ? (
          <Button icon={<EditOutlined />} onClick={() => onEdit(v)}>
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {!v ? (
        <Spin />
      ) : (
        <Tabs
          items={[
            {
              key: 'info',
              label: t('archive.common.detail'),
              children: (
                <Space direction="vertical" size={20} style={{ width: '100%' }}>
                  <Descriptions title={t('archive.vehicle.sectionBasic')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.vehicle.plateNo')}>
                      <Space>
                        {v.plateNo}
                        <Tag color={PLATE_TAG_COLOR[v.plateColor]}>{t(`archive.plateColor.${v.plateColor}`)}</Tag>
                      </Space>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.common.org')}>{v.orgName}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.approvedSeats')}>{v.approvedSeats}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.typeClass')}>
                      {[v.vehicleType && t(`archive.vehicle.types.${v.vehicleType}`), v.vehicleClass && t(`archive.vehicle.classes.${v.vehicleClass}`)].filter(Boolean).join(' / ') || '-'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.brandModel')}>{dash(v.brandModel)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.vin')}>{dash(v.vin)}</Descriptions.Item>
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
                  <Descriptions title={t('archive.vehicle.sectionCert')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.vehicle.transportCertNo')}>{dash(v.transportCertNo)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.transportCertExpiry')}>
                      <ExpiryDate date={v.transportCertExpiry} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.annualInspectionDue')} span={2}>
                      <ExpiryDate date={v.annualInspectionDue} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.transportCertFile')} span={2}>
                      <CertificateUpload disabled value={v.transportCertFileId} files={v.files} purpose="vehicle.transportCert" label={t('archive.vehicle.transportCertFile')} data-testid="detail-transportCert" />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.licenseFile')} span={2}>
                      <CertificateUpload disabled value={v.licenseFileId} files={v.files} purpose="vehicle.license" label={t('archive.vehicle.licenseFile')} data-testid="detail-license" />
                    </Descriptions.Item>
                  </Descriptions>
                  <Descriptions title={t('archive.vehicle.sectionInsurance')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.vehicle.insurer')}>{dash(v.insurer)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.insurancePolicyNo')}>{dash(v.insurancePolicyNo)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.insuranceExpiry')} span={2}>
                      <ExpiryDate date={v.insuranceExpiry} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.insuranceFile')} span={2}>
                      <CertificateUpload disabled value={v.insuranceFileId} files={v.files} purpose="vehicle.insurance" label={t('archive.vehicle.insuranceFile')} data-testid="detail-insurance" />
                    </Descriptions.Item>
                  </Descriptions>
                  <Descriptions title={t('archive.vehicle.sectionTerminal')} size="small" column={2} bordered>
                    <Descriptions.Item label={t('archive.vehicle.terminalId')}>{dash(v.terminalId)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.terminalPhone')}>{dash(v.terminalPhone)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.terminalMaker')}>{dash(v.terminalMaker)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.vehicle.terminalModel')}>{dash(v.terminalModel)}</Descriptions.Item>
                  </Descriptions>
                  <Descriptions size="small" column={2}>
                    <Descriptions.Item label={t('archive.common.createdAt')}>{formatTime(v.createdAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('archive.common.updatedAt')}>{formatTime(v.updatedAt)}</Descriptions.Item>
                  </Descriptions>
                </Space>
              ),
            },
            {
              key: 'verify',
              label: t('archive.common.verifyTitle'),
              children: (
                <VerifyPanel
                  verification={v.verification}
                  fieldLabel={label}
                  onVerify={
                    canWrite
                      ? async () => {
                          const r = await verifyVehicle(v.id);
                          onChanged();
                          void load(v.id);
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
              children: <HistoryTimeline load={() => vehicleHistory(v.id)} fieldLabel={label} version={v.updatedAt} />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
