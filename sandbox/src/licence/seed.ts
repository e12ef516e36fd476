/**
 * What the sandbox registry knows out of the box: the demo operators, vehicles and drivers. The
 * numbers are valid (GB 32100 credit codes, GB 11643 ID numbers with correct check characters), so
 * the demo archives in config/demo/archives.json can use exactly these and pass every check.
 */
export type RegistryStatus = 'valid' | 'suspended' | 'revoked' | 'expired';

export interface OperatorRecord {
  /** 道路运输经营许可证号 */
  permitNo: string;
  name: string;
  /** 统一社会信用代码 (GB 32100) */
  creditCode: string;
  businessScope: string;
  /** YYYY-MM-DD */
  validUntil: string;
  status: RegistryStatus;
}

export interface VehicleRecord {
  plateNo: string;
  /** JT/T 808 plate colour: 1 blue, 2 yellow, 3 black, 4 white, 5 green (new energy), 9 other */
  plateColor: number;
  /** 道路运输证号 */
  transportCertNo: string;
  /** the permit of the operator the vehicle is registered to */
  ownerPermitNo: string;
  approvedSeats: number;
  validUntil: string;
  status: RegistryStatus;
}

export interface DriverRecord {
  /** 从业资格证号: the driver's resident ID number */
  qualificationNo: string;
  name: string;
  qualificationType: string;
  validUntil: string;
  status: RegistryStatus;
}

export const SEED_OPERATORS: OperatorRecord[] = [
  {
    permitNo: '粤交运管许可深字440300000001号',
    name: '深圳鹏程客运有限公司',
    creditCode: '91440300MA5F000007',
    businessScope: '省际、市际定制客运；县内班车客运',
    validUntil: '2029-12-31',
    status: 'valid',
  },
  {
    permitNo: '粤交运管许可穗字440100000002号',
    name: '广州羊城城际客运有限公司',
    creditCode: '91440100MA5G00000F',
    businessScope: '市际定制客运；旅游客运',
    validUntil: '2028-06-30',
    status: 'valid',
  },
];

const PASSENGER_DRIVER = '道路旅客运输驾驶员';

export const SEED_VEHICLES: VehicleRecord[] = [
  { plateNo: '粤B12345D', plateColor: 5, transportCertNo: '440300200001', ownerPermitNo: SEED_OPERATORS[0].permitNo, approvedSeats: 19, validUntil: '2029-03-31', status: 'valid' },
  { plateNo: '粤B66889D', plateColor: 5, transportCertNo: '440300200002', ownerPermitNo: SEED_OPERATORS[0].permitNo, approvedSeats: 19, validUntil: '2029-03-31', status: 'valid' },
  { plateNo: '粤A52013D', plateColor: 5, transportCertNo: '440100200003', ownerPermitNo: SEED_OPERATORS[1].permitNo, approvedSeats: 45, validUntil: '2028-09-30', status: 'valid' },
  // registered but suspended (停运): the archive check must flag it
  { plateNo: '粤B00000D', plateColor: 5, transportCertNo: '440300200009', ownerPermitNo: SEED_OPERATORS[0].permitNo, approvedSeats: 19, validUntil: '2027-12-31', status: 'suspended' },
];

export const SEED_DRIVERS: DriverRecord[] = [
  { qualificationNo: '440304198503120013', name: '张国强', qualificationType: PASSENGER_DRIVER, validUntil: '2030-03-11', status: 'valid' },
  { qualificationNo: '440304198707260026', name: '李秀梅', qualificationType: PASSENGER_DRIVER, validUntil: '2029-07-25', status: 'valid' },
  { qualificationNo: '440106198901050032', name: '王建军', qualificationType: PASSENGER_DRIVER, validUntil: '2031-01-04', status: 'valid' },
  { qualificationNo: '440106198609180040', name: '陈丽华', qualificationType: PASSENGER_DRIVER, validUntil: '2028-09-17', status: 'valid' },
  // qualification lapsed: the archive check must flag it
  { qualificationNo: '440304199002140053', name: '刘志刚', qualificationType: PASSENGER_DRIVER, validUntil: '2024-02-13', status: 'expired' },
];

export const LICENCE_SEED = { operators: SEED_OPERATORS, vehicles: SEED_VEHICLES, drivers: SEED_DRIVERS };
