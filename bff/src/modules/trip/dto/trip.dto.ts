import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';
import { NOTICE_KINDS, SERVICE_LEVELS, TRIP_STATUSES, VEHICLE_TYPES, type NoticeKind, type ServiceLevel, type TripStatus, type VehicleType } from '@dzky/contracts';

/*
 * Request shapes only (types, ranges, formats). The rules users must read with their reasons —
 * capacity against the fleet, operable routes, fare pairs against the route's stops, trading
 * rules — are checked by the services, so every client gets the same words.
 */
const id = RuleType.number().integer().min(1);
const day = RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/, '日期 YYYY-MM-DD');
const clock = RuleType.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/, '时间 HH:mm');
const vehicleType = RuleType.string().valid(...VEHICLE_TYPES);
const serviceLevel = RuleType.string().valid(...SERVICE_LEVELS);
const capacity = RuleType.number().integer().min(1).max(200);
const remark = RuleType.string().max(255).allow('', null);
const paging = {
  page: RuleType.number().integer().min(1),
  pageSize: RuleType.number().integer().min(1).max(100),
};

// ───────────── trips ─────────────

export class TripQueryDTO {
  @Rule(paging.page) page?: number;
  @Rule(paging.pageSize) pageSize?: number;
  @Rule(id) orgId?: number;
  @Rule(id) routeId?: number;
  @Rule(id) lineId?: number;
  @Rule(day) dateFrom?: string;
  @Rule(day) dateTo?: string;
  @Rule(RuleType.string().valid(...TRIP_STATUSES)) status?: TripStatus;
  @Rule(RuleType.string().trim().max(64).allow('')) keyword?: string;
}

export class TripCreateDTO {
  @ApiProperty() @Rule(id.required()) routeId: number;
  @ApiProperty({ example: '2026-12-01' }) @Rule(day.required()) departDate: string;
  @ApiProperty({ example: '09:00' }) @Rule(clock.required()) departTime: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) @Rule(vehicleType.required()) vehicleType: VehicleType;
  @ApiProperty({ enum: SERVICE_LEVELS }) @Rule(serviceLevel.required()) serviceLevel: ServiceLevel;
  @ApiProperty({ example: 19 }) @Rule(capacity.required()) capacity: number;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) seatSelection?: boolean;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) temporary?: boolean;
  @ApiProperty({ required: false }) @Rule(remark) remark?: string | null;
}

export class TripBatchDTO {
  @ApiProperty() @Rule(id.required()) routeId: number;
  @ApiProperty() @Rule(day.required()) dateFrom: string;
  @ApiProperty() @Rule(day.required()) dateTo: string;
  @ApiProperty({ type: [Number], required: false, description: 'ISO weekdays 1 = Monday … 7 = Sunday' })
  @Rule(RuleType.array().items(RuleType.number().integer().min(1).max(7)).unique().max(7))
  weekdays?: number[];
  @ApiProperty({ type: [String], example: ['07:30', '09:00'] }) @Rule(RuleType.array().items(clock).min(1).max(48).required()) departTimes: string[];
  @ApiProperty({ enum: VEHICLE_TYPES }) @Rule(vehicleType.required()) vehicleType: VehicleType;
  @ApiProperty({ enum: SERVICE_LEVELS }) @Rule(serviceLevel.required()) serviceLevel: ServiceLevel;
  @ApiProperty() @Rule(capacity.required()) capacity: number;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) seatSelection?: boolean;
}

export class TripUpdateDTO {
  @ApiProperty({ required: false }) @Rule(capacity) capacity?: number;
  @ApiProperty({ required: false, enum: VEHICLE_TYPES }) @Rule(vehicleType) vehicleType?: VehicleType;
  @ApiProperty({ required: false, enum: SERVICE_LEVELS }) @Rule(serviceLevel) serviceLevel?: ServiceLevel;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) seatSelection?: boolean;
  @ApiProperty({ required: false }) @Rule(remark) remark?: string | null;
}

// ───────────── fares and rules ─────────────

const farePair = RuleType.object({
  fromSeq: RuleType.number().integer().min(1).required(),
  toSeq: RuleType.number().integer().min(1).required(),
  // the range and its reason come from the service (1 … 10 000 000 fen)
  baseFen: RuleType.number().required(),
});

export class FareTableDTO {
  @ApiProperty({ type: 'array', example: [{ fromSeq: 1, toSeq: 3, baseFen: 6500 }] })
  @Rule(RuleType.array().items(farePair).max(2000).required())
  pairs: any[];
}

/** The document is checked field by field by contracts tradingRulesProblems in the service. */
const rulesDocument = RuleType.object().unknown(true);

export class TradingRulesDTO {
  @ApiProperty({ description: 'TradingRules (contracts/src/fare.ts)' }) @Rule(rulesDocument.required()) rules: any;
}

export class OrgQueryDTO {
  @Rule(id) orgId?: number;
}

export class FarePreviewDTO {
  @ApiProperty() @Rule(id.required()) routeId: number;
  @ApiProperty() @Rule(RuleType.number().integer().min(1).required()) fromSeq: number;
  @ApiProperty() @Rule(RuleType.number().integer().min(1).required()) toSeq: number;
  @ApiProperty({ enum: VEHICLE_TYPES }) @Rule(vehicleType.required()) vehicleType: VehicleType;
  @ApiProperty({ enum: SERVICE_LEVELS }) @Rule(serviceLevel.required()) serviceLevel: ServiceLevel;
  @ApiProperty({ required: false, description: 'unsaved rules to try; omitted: the saved ones' }) @Rule(rulesDocument) rules?: any;
}

// ───────────── notices ─────────────

export class NoticeQueryDTO {
  @Rule(paging.page) page?: number;
  @Rule(paging.pageSize) pageSize?: number;
  @Rule(id) orgId?: number;
  @Rule(RuleType.string().valid(...NOTICE_KINDS)) kind?: NoticeKind;
  @Rule(RuleType.boolean()) published?: boolean;
  @Rule(RuleType.string().trim().max(64).allow('')) keyword?: string;
}

export class NoticeDTO {
  @ApiProperty({ required: false }) @Rule(id) orgId?: number;
  @ApiProperty({ enum: NOTICE_KINDS }) @Rule(RuleType.string().valid(...NOTICE_KINDS).required()) kind: NoticeKind;
  // lengths are the service's (title ≤ 100, body ≤ 5000) so the reason reads the same everywhere
  @ApiProperty() @Rule(RuleType.string().allow('').max(1000).required()) title: string;
  @ApiProperty() @Rule(RuleType.string().allow('').max(20000).required()) body: string;
  @ApiProperty({ type: [Number], required: false }) @Rule(RuleType.array().items(RuleType.number()).max(500)) lineIds?: number[];
  @ApiProperty({ required: false }) @Rule(RuleType.string().max(40).allow('', null)) validFrom?: string | null;
  @ApiProperty({ required: false }) @Rule(RuleType.string().max(40).allow('', null)) validUntil?: string | null;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) published?: boolean;
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer()) priority?: number;
}

// ───────────── passenger queries ─────────────

export class TripSearchDTO {
  @Rule(RuleType.string().pattern(/^\d{4}$/, '4 位城市代码').required()) fromCity: string;
  @Rule(RuleType.string().pattern(/^\d{4}$/, '4 位城市代码').required()) toCity: string;
  @Rule(day.required()) date: string;
}

export class SeatQueryDTO {
  @Rule(RuleType.number().integer().min(1).required()) fromSeq: number;
  @Rule(RuleType.number().integer().min(1).required()) toSeq: number;
}

export class StopSearchDTO {
  @Rule(RuleType.string().pattern(/^\d{2,6}$/, '2–6 位行政区划代码前缀')) city?: string;
  @Rule(id) lineId?: number;
  @Rule(RuleType.string().max(64)) near?: string;
  @Rule(RuleType.string().valid('wgs84', 'gcj02')) coordSys?: 'wgs84' | 'gcj02';
}
