/**
 * API shapes of the archive pages. Provisional until contracts/src/archive.ts lands; the pages
 * import from here only, so switching to the contracts is a change in this file.
 */
import type { PageQuery } from '@dzky/contracts';
import type { FileMeta } from '../../components/upload';

export type FileView = FileMeta;
export type VerifyStatus = 'verified' | 'mismatch' | 'not_found' | 'unverified';

export interface VerifyMismatch {
  field: string;
  archive: string | null;
  registry: string | null;
}

export interface Verification {
  status: VerifyStatus;
  checkedAt: string | null;
  mismatches: VerifyMismatch[];
  /** the registry's own state of the licence (valid, suspended, revoked, expired) */
  registryStatus?: string | null;
}

export interface HistoryEntry {
  id: number | string;
  action: string;
  actorName: string | null;
  at: string;
  changes?: { field: string; from: unknown; to: unknown }[] | null;
  summary?: string | null;
}

export interface ImportResult {
  created: number;
  updated: number;
}

export interface VehicleView {
  id: number;
  orgId: number;
  orgName: string;
  plateNo: string;
  plateColor: number;
  approvedSeats: number;
  vehicleType: string | null;
  vehicleClass: string | null;
  brandModel: string | null;
  vin: string | null;
  transportCertNo: string | null;
  transportCertExpiry: string | null;
  transportCertFileId: number | string | null;
  licenseFileId: number | string | null;
  annualInspectionDue: string | null;
  insurer: string | null;
  insurancePolicyNo: string | null;
  insuranceExpiry: string | null;
  insuranceFileId: number | string | null;
  terminalId: string | null;
  terminalMaker: string | null;
  terminalModel: string | null;
  terminalPhone: string | null;
  enabled: boolean;
  verification: Verification;
  operable: boolean;
  blockers: string[];
  files?: FileView[];
  createdAt: string;
  updatedAt: string;
}

export type VehicleSaveRequest = Omit<VehicleView, 'id' | 'orgName' | 'enabled' | 'verification' | 'operable' | 'blockers' | 'files' | 'createdAt' | 'updatedAt'>;

export interface VehicleQuery extends PageQuery {
  plateNo?: string;
  enabled?: boolean;
  operable?: boolean;
  orgId?: number;
}

export type EmploymentStatus = 'employed' | 'suspended' | 'left';

export interface DriverView {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  gender: 'M' | 'F' | null;
  /** masked */
  idNumber: string;
  /** masked */
  phone: string;
  licenceClass: string;
  licenceNo: string | null;
  licenceExpiry: string | null;
  licenceFileId: number | string | null;
  qualificationNo: string | null;
  qualificationType: string | null;
  qualificationExpiry: string | null;
  qualificationFileId: number | string | null;
  photoFileId: number | string | null;
  employedAt: string | null;
  employmentStatus: EmploymentStatus;
  linkedEndUserId: number | null;
  linkedAt: string | null;
  enabled: boolean;
  verification: Verification;
  operable: boolean;
  blockers: string[];
  files?: FileView[];
  createdAt: string;
  updatedAt: string;
}

export interface DriverSaveRequest {
  orgId: number;
  name: string;
  gender: 'M' | 'F' | null;
  /** whole, only when entered or changed */
  idNumber?: string;
  phone?: string;
  licenceClass: string;
  licenceNo: string | null;
  licenceExpiry: string | null;
  licenceFileId: number | string | null;
  qualificationNo: string | null;
  qualificationType: string | null;
  qualificationExpiry: string | null;
  qualificationFileId: number | string | null;
  photoFileId: number | string | null;
  employedAt: string | null;
  employmentStatus: EmploymentStatus;
}

export interface DriverQuery extends PageQuery {
  /** whole ID number: exact match through the blind index */
  idNumber?: string;
  /** whole phone number: exact match through the blind index */
  phone?: string;
  name?: string;
  enabled?: boolean;
  operable?: boolean;
  orgId?: number;
}

export interface LinkCandidate {
  endUserId: number;
  nickname: string | null;
  /** masked */
  phone: string;
  createdAt: string;
}

export type MerchantMode = 'sub_merchant' | 'direct' | 'none';

export interface OperatorView {
  id: number;
  orgId: number;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  /** masked */
  contactPhone: string | null;
  address: string | null;
  regionCode: string | null;
  businessLicenceExpiry: string | null;
  businessLicenceFileId: number | string | null;
  permitNo: string | null;
  permitScope: string | null;
  permitExpiry: string | null;
  permitFileId: number | string | null;
  agreementNo: string | null;
  agreementSignedAt: string | null;
  agreementExpiry: string | null;
  agreementFileId: number | string | null;
  merchantMode: MerchantMode;
  subMchId: string | null;
  mchId: string | null;
  licensedLines: { id: number; name: string; validUntil: string | null }[];
  verification: Verification;
  files?: FileView[];
  updatedAt: string;
}

export type OperatorSaveRequest = Omit<
  OperatorView,
  'id' | 'orgId' | 'name' | 'contactPhone' | 'merchantMode' | 'subMchId' | 'mchId' | 'licensedLines' | 'verification' | 'files' | 'updatedAt'
> & { contactPhone?: string };

export interface MerchantRequest {
  merchantMode: MerchantMode;
  subMchId: string | null;
  mchId: string | null;
}

export interface PlatformProfile {
  name: string;
  operatorName: string | null;
  creditCode: string | null;
  icpLicenceNo: string | null;
  icpFilingNo: string | null;
  icpFileId: number | string | null;
  address: string | null;
  hotline: string | null;
  email: string | null;
  website: string | null;
  files?: FileView[];
  updatedAt: string | null;
}

export type PlatformProfileRequest = Omit<PlatformProfile, 'files' | 'updatedAt'>;

export type ExpiryKind = 'vehicle' | 'driver' | 'operator';

export interface ExpiryWarning {
  kind: ExpiryKind;
  id: number;
  /** plate, driver name or operator name */
  label: string;
  /** which certificate: transportCert, annualInspection, insurance, licence, qualification, permit… */
  item: string;
  itemLabel: string;
  expiresOn: string;
  daysLeft: number;
  orgName?: string;
}

export type { AdminPassengerDetail, AdminPassengerQuery, AdminPassengerRow, AdminRiderView } from '@dzky/contracts';
