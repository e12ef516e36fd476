/**
 * Messages to passengers about their orders: what each kind says, how a delivery
 * is shown to staff, and which WeChat subscribe templates the passenger app asks for.
 */
import type { Fen } from './money';

export const NOTIFICATION_KINDS = [
  'payment_succeeded',
  'refund_succeeded',
  'refund_failed',
  'vehicle_assigned',
  'vehicle_changed',
  'trip_cancelled',
  'ride_voucher',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Times are Beijing wall-clock 'YYYY-MM-DD HH:mm' or ISO 8601 instants; money is integer fen.
 */
export interface PaymentSucceededData {
  orderNo: string;
  /** line or route name, e.g. 深圳北站—广州南站 */
  lineName: string;
  departAt: string;
  amountFen: Fen;
  riders: number;
}

export interface RefundSucceededData {
  orderNo: string;
  lineName: string;
  departAt: string;
  amountFen: Fen;
}

export interface RefundFailedData {
  orderNo: string;
  amountFen: Fen;
  /** why, in words a passenger understands (e.g. 退款受理失败，客服将联系您) */
  reason: string;
}

export interface VehicleAssignedData {
  orderNo: string;
  departAt: string;
  plateNo: string;
  /** e.g. 白色 */
  vehicleColour: string;
  /** e.g. 别克GL8 */
  vehicleModel: string;
  driverSurname: string;
  /** 138****1234 — the driver's number is never sent whole */
  driverPhoneMasked: string;
}

export interface VehicleChangedData extends VehicleAssignedData {
  /** the plate the passenger was told before, when there was one */
  previousPlateNo?: string | null;
}

export interface TripCancelledData {
  orderNo: string;
  lineName: string;
  departAt: string;
  reason: string;
}

export interface RideVoucherData {
  orderNo: string;
  /** one check code per ticket, shown to the driver when boarding */
  checkCodes: string[];
  departAt?: string;
}

export interface NotificationDataMap {
  payment_succeeded: PaymentSucceededData;
  refund_succeeded: RefundSucceededData;
  refund_failed: RefundFailedData;
  vehicle_assigned: VehicleAssignedData;
  vehicle_changed: VehicleChangedData;
  trip_cancelled: TripCancelledData;
  ride_voucher: RideVoucherData;
}
export type NotificationData<K extends NotificationKind = NotificationKind> = NotificationDataMap[K];

export const NOTIFICATION_CHANNELS = ['wechat', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** 'pending' only while a send is under way (or was cut off before its result was recorded) */
export type NotificationDeliveryStatus = 'pending' | 'sent' | 'failed';

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, { zh: string; en: string }> = {
  payment_succeeded: { zh: '支付成功', en: 'Payment succeeded' },
  refund_succeeded: { zh: '退款成功', en: 'Refund succeeded' },
  refund_failed: { zh: '退款失败', en: 'Refund failed' },
  vehicle_assigned: { zh: '派车通知', en: 'Vehicle assigned' },
  vehicle_changed: { zh: '车辆变更', en: 'Vehicle changed' },
  trip_cancelled: { zh: '班次取消', en: 'Trip cancelled' },
  ride_voucher: { zh: '乘车凭证', en: 'Ride voucher' },
};

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, { zh: string; en: string }> = {
  wechat: { zh: '微信订阅消息', en: 'WeChat subscribe message' },
  sms: { zh: '短信', en: 'SMS' },
};

export const NOTIFICATION_STATUS_LABELS: Record<NotificationDeliveryStatus, { zh: string; en: string }> = {
  pending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  failed: { zh: '失败', en: 'Failed' },
};

/**
 * The kind of a recorded delivery as one of NOTIFICATION_KINDS; older records spell it with a dot
 * (trip.cancelled). Unknown kinds come back unchanged.
 */
export function notificationKindOf(recorded: string): string {
  const kind = recorded.replace(/\./g, '_');
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind) ? kind : recorded;
}

/** One attempt to tell a passenger something about an order, as staff see it. */
export interface NotificationDeliveryView {
  id: number;
  /** a NotificationKind (older records: trip.cancelled) */
  kind: string;
  channel: NotificationChannel;
  status: NotificationDeliveryStatus;
  providerRef: string | null;
  error: string | null;
  /** ISO 8601 */
  createdAt: string;
}

/** wx.requestSubscribeMessage takes at most this many template IDs per call. */
export const SUBSCRIBE_REQUEST_MAX = 3;

/** GET /api/app/notification/subscribe-templates */
export interface SubscribeTemplates {
  /** to request before paying (at most SUBSCRIBE_REQUEST_MAX); empty when none is configured */
  templateIds: string[];
  /** to request when asking for a refund */
  refundTemplateIds: string[];
  /** every configured template by the kind it carries */
  byKind: Partial<Record<NotificationKind, string>>;
}
