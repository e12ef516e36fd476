import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';
import {
  COORD_SYSTEMS, ORDER_STATUSES, TICKET_TYPES,
  type BookingMode, type BookingPoint, type BookingRiderInput, type CoordSys, type OrderStatus, type TicketType,
} from '@dzky/contracts';

/*
 * The DTOs check shape only (types, lengths, enums) and keep unknown fields out. The rules with
 * reasons a passenger must read — client key, journey, riders, phone — are orderRequestProblems()
 * from contracts, run by the service, so the app and the server word them the same.
 */

const id = RuleType.number().integer().min(1);
const page = RuleType.number().integer().min(1);
const pageSize = RuleType.number().integer().min(1).max(100);

const point = RuleType.object({
  lng: RuleType.number(),
  lat: RuleType.number(),
  coordSys: RuleType.string().valid(...COORD_SYSTEMS),
  address: RuleType.string().max(200).allow('', null),
});

export class BookingPointDTO implements BookingPoint {
  @ApiProperty({ example: 114.0579 }) lng: number;
  @ApiProperty({ example: 22.5431 }) lat: number;
  @ApiProperty({ required: false, enum: COORD_SYSTEMS, description: 'default gcj02; wgs84 is converted' }) coordSys?: CoordSys;
  @ApiProperty({ required: false }) address?: string;
}

export class BookingRiderDTO implements BookingRiderInput {
  @ApiProperty() riderId: number;
  @ApiProperty({ enum: TICKET_TYPES }) ticketType: TicketType;
  @ApiProperty({ required: false, description: 'trips with seat selection only' }) seatNo?: number;
}

/** Missing or empty fields are left to orderRequestProblems, which names each with its reason. */
export class OrderCreateDTO {
  @ApiProperty({ description: '8–64 characters, unique per attempt to book (e.g. a UUID); a retry sends the same' })
  @Rule(RuleType.string().max(64).allow(''))
  clientKey: string;

  @ApiProperty() @Rule(RuleType.number().integer()) tripId: number;

  @ApiProperty({ enum: ['fixed', 'door'] }) @Rule(RuleType.string().valid('fixed', 'door').messages({ 'any.only': '请选择固定站点或上门接送' })) mode: BookingMode;

  @ApiProperty({ required: false }) @Rule(RuleType.number().integer()) fromSeq?: number;
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer()) toSeq?: number;

  @ApiProperty({ required: false, type: BookingPointDTO }) @Rule(point) pickup?: BookingPointDTO;
  @ApiProperty({ required: false, type: BookingPointDTO }) @Rule(point) dropoff?: BookingPointDTO;

  @ApiProperty({ type: [BookingRiderDTO] })
  @Rule(RuleType.array().items(RuleType.object({
    riderId: RuleType.number().integer(),
    ticketType: RuleType.string().valid(...TICKET_TYPES).messages({ 'any.only': '请选择票种' }),
    seatNo: RuleType.number().integer(),
  })).max(20))
  riders: BookingRiderDTO[];

  @ApiProperty({ example: '13800138000' }) @Rule(RuleType.string().max(20).allow('')) contactPhone: string;

  @ApiProperty({ required: false }) @Rule(RuleType.string().max(1000).allow('', null)) remark?: string | null;
}

export class OrderQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(RuleType.string().valid(...ORDER_STATUSES)) status?: OrderStatus;
}

export class AdminOrderQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(id) orgId?: number;
  @Rule(id) tripId?: number;
  @Rule(RuleType.string().valid(...ORDER_STATUSES)) status?: OrderStatus;
  @Rule(RuleType.string().trim().max(32).allow('')) keyword?: string;
  @Rule(RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/).allow('')) dateFrom?: string;
  @Rule(RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/).allow('')) dateTo?: string;
  @Rule(id) endUserId?: number;
}

export class OrderCancelDTO {
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().max(200).allow('', null)) reason?: string;
}

export class TripCancelDTO {
  @ApiProperty({ description: 'shown to passengers and sent to them by SMS' })
  @Rule(RuleType.string().trim().max(200).allow('').required())
  reason: string;
}
