/**
 * The regulator's road transport licence registry: operators, vehicles and drivers are
 * checked against what the transport authority has on file. Each lookup returns the registry's
 * record, or null when the registry has none; an unreachable registry throws UpstreamError.
 */
export type RegistryStatus = 'valid' | 'suspended' | 'revoked' | 'expired';

export interface RegistryOperator {
  /** 道路运输经营许可证号 */
  permitNo: string;
  name: string;
  /** 统一社会信用代码 */
  creditCode: string;
  businessScope: string;
  validUntil: string; // YYYY-MM-DD
  status: RegistryStatus;
}

export interface RegistryVehicle {
  plateNo: string;
  /** JT/T 808 plate colour code: 1 blue, 2 yellow, 3 black, 4 white, 5 green, 9 other */
  plateColor: number;
  /** 道路运输证号 */
  transportCertNo: string;
  ownerPermitNo: string;
  approvedSeats: number;
  validUntil: string;
  status: RegistryStatus;
}

export interface RegistryDriver {
  /** 从业资格证号 (usually the ID number) */
  qualificationNo: string;
  name: string;
  qualificationType: string;
  validUntil: string;
  status: RegistryStatus;
}

export abstract class LicenceRegistryPort {
  abstract findOperator(permitNo: string): Promise<RegistryOperator | null>;
  abstract findVehicle(plateNo: string, plateColor: number): Promise<RegistryVehicle | null>;
  abstract findDriver(qualificationNo: string): Promise<RegistryDriver | null>;
}
