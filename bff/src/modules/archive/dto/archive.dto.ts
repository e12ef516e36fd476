import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';
import {
  DRIVING_LICENCE_CLASSES, EMPLOYMENT_STATUSES, GENDERS, ID_TYPES, MERCHANT_MODES, PLATE_COLORS, VEHICLE_CLASSES, VEHICLE_TYPES,
  type DrivingLicenceClass, type EmploymentStatus, type Gender, type IdType, type MerchantMode, type OperatorStatus,
  type PlateColor, type VehicleClass, type VehicleType, type VerificationStatus,
} from '@dzky/contracts';

/*
 * The DTOs check shape only (types, lengths, enums). The rules users must read reasons for — plate
 * format, seats ≥ 7, ID numbers, credit codes, dates — are validate*Input() from contracts, run by
 * the services, so the admin form and the server word them the same and report every field at once.
 */

const id = RuleType.number().integer().min(1);
const optId = id.allow(null);
const text = (max: number) => RuleType.string().trim().max(max).allow('', null);
const date = RuleType.string().max(10).allow('', null);
const page = RuleType.number().integer().min(1);
const pageSize = RuleType.number().integer().min(1).max(100);
const verification = RuleType.string().valid('unverified', 'verified', 'mismatch', 'not_found');

export class PlatformProfileDTO {
  @ApiProperty() @Rule(RuleType.string().trim().max(100).allow('').required()) platformName: string;
  @ApiProperty({ required: false }) @Rule(text(100)) operatingEntity: string | null;
  @ApiProperty({ required: false }) @Rule(text(32)) creditCode: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) icpLicenceNo: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) icpFilingNo: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) mlpsFilingNo: string | null;
  @ApiProperty({ required: false }) @Rule(text(32)) hotline: string | null;
  @ApiProperty({ required: false }) @Rule(text(200)) address: string | null;
}

export class OperatorQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(RuleType.string().trim().max(64).allow('')) keyword?: string;
}

export class OperatorDTO {
  @ApiProperty() @Rule(RuleType.string().trim().max(100).allow('').required()) legalName: string;
  @ApiProperty({ example: '91440300MA5F000007' }) @Rule(RuleType.string().trim().max(32).allow('').required()) creditCode: string;
  @ApiProperty() @Rule(text(64).required()) legalRepresentative: string;
  @ApiProperty() @Rule(text(64).required()) contactName: string;
  @ApiProperty({ required: false, description: 'left out or empty: unchanged; null: must be given again' })
  @Rule(RuleType.string().trim().max(20).allow('', null))
  contactPhone?: string | null;
  @ApiProperty() @Rule(text(200).required()) address: string;
  @ApiProperty({ required: false }) @Rule(optId) businessLicenceFileId?: number | null;
  @ApiProperty({ required: false }) @Rule(date) businessLicenceExpiry?: string | null;
  @ApiProperty() @Rule(text(64).required()) permitNo: string;
  @ApiProperty() @Rule(text(200).required()) permitScope: string;
  @ApiProperty() @Rule(date.required()) permitExpiry: string;
  @ApiProperty({ required: false }) @Rule(optId) permitFileId?: number | null;
  @ApiProperty({ required: false }) @Rule(text(64)) agreementNo?: string | null;
  @ApiProperty({ required: false }) @Rule(date) agreementSignedOn?: string | null;
  @ApiProperty({ required: false }) @Rule(date) agreementValidUntil?: string | null;
  @ApiProperty({ required: false }) @Rule(optId) agreementFileId?: number | null;
  @ApiProperty({ required: false, enum: ['active', 'suspended'] }) @Rule(RuleType.string().valid('active', 'suspended')) status?: OperatorStatus;
}

export class OperatorMerchantDTO {
  @ApiProperty({ enum: MERCHANT_MODES })
  @Rule(RuleType.string().valid(...MERCHANT_MODES).required().messages({ 'any.only': '请选择收款模式', 'any.required': '请选择收款模式' }))
  mode: MerchantMode;
  @ApiProperty({ required: false }) @Rule(text(32)) subMchId?: string | null;
  @ApiProperty({ required: false }) @Rule(text(32)) mchId?: string | null;
  @ApiProperty() @Rule(RuleType.string().trim().max(100).allow('').required()) settlementAccountName: string;
}

export class VehicleQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(RuleType.string().trim().max(16).allow('')) plateNo?: string;
  @Rule(id) orgId?: number;
  @Rule(RuleType.boolean()) enabled?: boolean;
  @Rule(RuleType.boolean()) operable?: boolean;
  @Rule(verification) verification?: VerificationStatus;
}

export class VehicleDTO {
  @ApiProperty({ required: false, description: 'owning operator or branch; default: the caller’s org' }) @Rule(id) orgId?: number;
  @ApiProperty({ example: '粤B12345D' }) @Rule(RuleType.string().trim().max(16).allow('').required()) plateNo: string;
  @ApiProperty({ enum: PLATE_COLORS }) @Rule(RuleType.number().integer().required()) plateColor: PlateColor;
  @ApiProperty({ minimum: 7 }) @Rule(RuleType.number().required()) approvedSeats: number;
  @ApiProperty({ enum: VEHICLE_TYPES }) @Rule(RuleType.string().max(16).allow('').required()) vehicleType: VehicleType;
  @ApiProperty({ enum: VEHICLE_CLASSES }) @Rule(RuleType.string().max(16).allow('').required()) vehicleClass: VehicleClass;
  @ApiProperty({ required: false }) @Rule(text(64)) brand?: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) model?: string | null;
  @ApiProperty({ required: false }) @Rule(text(32)) vin?: string | null;
  @ApiProperty({ required: false }) @Rule(text(32)) transportCertNo?: string | null;
  @ApiProperty({ required: false }) @Rule(date) transportCertExpiry?: string | null;
  @ApiProperty({ required: false }) @Rule(optId) transportCertFileId?: number | null;
  @ApiProperty({ required: false }) @Rule(date) annualInspectionDue?: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) insurer?: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) insurancePolicyNo?: string | null;
  @ApiProperty({ required: false }) @Rule(date) insuranceExpiry?: string | null;
  @ApiProperty({ required: false }) @Rule(optId) insuranceFileId?: number | null;
  @ApiProperty({ required: false }) @Rule(text(40)) terminalId?: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) terminalMaker?: string | null;
  @ApiProperty({ required: false }) @Rule(text(64)) terminalModel?: string | null;
  @ApiProperty({ required: false }) @Rule(text(24)) terminalPhone?: string | null;
  @ApiProperty({ required: false, type: [Number] }) @Rule(RuleType.array().items(id).max(20)) certificateFileIds?: number[];
}

export class DriverQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(RuleType.string().trim().max(32).allow('')) idNumber?: string;
  @Rule(RuleType.string().trim().max(20).allow('')) phone?: string;
  @Rule(RuleType.string().trim().max(64).allow('')) name?: string;
  @Rule(id) orgId?: number;
  @Rule(RuleType.boolean()) enabled?: boolean;
  @Rule(RuleType.boolean()) operable?: boolean;
  @Rule(RuleType.string().valid(...EMPLOYMENT_STATUSES)) employmentStatus?: EmploymentStatus;
  @Rule(verification) verification?: VerificationStatus;
}

export class DriverDTO {
  @ApiProperty({ required: false }) @Rule(id) orgId?: number;
  @ApiProperty({ example: '张国强' }) @Rule(RuleType.string().max(64).allow('').required()) name: string;
  @ApiProperty({ required: false, enum: GENDERS }) @Rule(RuleType.string().valid(...GENDERS).allow(null)) gender?: Gender | null;
  @ApiProperty({ enum: ID_TYPES })
  @Rule(RuleType.string().valid(...ID_TYPES).required().messages({ 'any.only': '请选择证件类型', 'any.required': '请选择证件类型' }))
  idType: IdType;
  @ApiProperty({ required: false, description: 'required on create; on update left out or empty: unchanged' })
  @Rule(RuleType.string().max(32).allow('', null))
  idNumber?: string;
  @ApiProperty({ required: false, description: 'required on create; on update left out or empty: unchanged' })
  @Rule(RuleType.string().max(20).allow('', null))
  phone?: string;
  @ApiProperty({ required: false }) @Rule(RuleType.string().max(32).allow('', null)) licenceNo?: string | null;
  @ApiProperty({ enum: DRIVING_LICENCE_CLASSES }) @Rule(RuleType.string().max(4).allow('').required()) licenceClass: DrivingLicenceClass;
  @ApiProperty({ required: false }) @Rule(date) licenceFirstIssuedOn?: string | null;
  @ApiProperty() @Rule(date.required()) licenceExpiry: string;
  @ApiProperty({ required: false }) @Rule(optId) licenceFileId?: number | null;
  @ApiProperty({ required: false }) @Rule(RuleType.string().max(32).allow('', null)) qualificationNo?: string | null;
  @ApiProperty({ required: false }) @Rule(text(32)) qualificationCategory?: string | null;
  @ApiProperty({ required: false }) @Rule(date) qualificationExpiry?: string | null;
  @ApiProperty({ required: false }) @Rule(optId) qualificationFileId?: number | null;
  @ApiProperty({ required: false }) @Rule(optId) photoFileId?: number | null;
  @ApiProperty({ required: false, enum: EMPLOYMENT_STATUSES }) @Rule(RuleType.string().valid(...EMPLOYMENT_STATUSES)) employmentStatus?: EmploymentStatus;
  @ApiProperty({ required: false }) @Rule(date) hiredOn?: string | null;
}

export class DriverLinkDTO {
  @ApiProperty() @Rule(id.required()) endUserId: number;
}

export class ExpiryWarningQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(RuleType.number().integer().min(0).max(366)) withinDays?: number;
  @Rule(RuleType.string().valid('operator', 'vehicle', 'driver')) kind?: 'operator' | 'vehicle' | 'driver';
}
