import { fenToYuanString, type NotificationData, type NotificationDataMap, type NotificationKind } from '@dzky/contracts';

/**
 * How each kind of passenger message reads, as a WeChat subscribe message and as an SMS. Pure
 * functions: the notifier decides the channel, these only fill the fields.
 */

/** Aliyun limits a template variable of a notification template to 35 characters. */
export const SMS_PARAM_MAX = 35;

const chars = (value: string) => Array.from(value);
const cut = (value: string, max: number) => {
  const list = chars(value);
  return list.length <= max ? value : `${list.slice(0, max - 1).join('')}…`;
};
const squash = (value: string | number | null | undefined) => String(value ?? '').replace(/\s+/g, ' ').trim();

/** Cuts a template variable to what the provider accepts, marking the cut. */
export function smsParam(value: string, max = SMS_PARAM_MAX): string {
  return cut(squash(value), max);
}

/** Beijing wall-clock parts of 'YYYY-MM-DD HH:mm' (taken as it is) or an ISO 8601 instant. */
function beijing(value: string): { y: number; m: number; d: number; hh: string; mm: string } | null {
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (local) return { y: +local[1], m: +local[2], d: +local[3], hh: local[4], mm: local[5] };
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const b = new Date(at.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { y: b.getUTCFullYear(), m: b.getUTCMonth() + 1, d: b.getUTCDate(), hh: pad(b.getUTCHours()), mm: pad(b.getUTCMinutes()) };
}

/** '12-08 09:00' for short SMS variables */
export function shortTime(value: string | undefined): string {
  const t = value ? beijing(value) : null;
  if (!t) return squash(value);
  return `${String(t.m).padStart(2, '0')}-${String(t.d).padStart(2, '0')} ${t.hh}:${t.mm}`;
}

const yuan = (fen: number) => fenToYuanString(fen);

/**
 * A value made to fit the WeChat field type named by its key's prefix (thing2 → thing): WeChat
 * refuses the whole message (47003) when one field breaks its type's rules.
 */
export function fitField(key: string, raw: string): string {
  const type = key.replace(/\d+$/, '');
  const value = squash(raw);
  switch (type) {
    case 'thing':
      return cut(value, 20) || '-';
    case 'character_string':
      // letters, digits and symbols only
      return value.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-';
    case 'number':
      return value.replace(/[^\d.]/g, '').slice(0, 32) || '0';
    case 'letter':
      return value.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'A';
    case 'phrase':
      // up to 5 Chinese characters, nothing else
      return chars(value.replace(/[^\u4e00-\u9fa5]/g, '')).slice(0, 5).join('') || '通知';
    case 'car_number':
      return chars(value.replace(/\s/g, '')).slice(0, 8).join('');
    case 'phone_number':
      return value.replace(/[^\d+\-*()]/g, '').slice(0, 17);
    case 'name':
      return chars(value).slice(0, 10).join('');
    case 'time':
    case 'date': {
      const t = beijing(value);
      return t ? `${t.y}年${t.m}月${t.d}日 ${t.hh}:${t.mm}` : cut(value, 20);
    }
    case 'amount': {
      // a number with at most two decimals, optionally ending in 元
      const m = /^-?\d+(?:\.\d{1,2})?/.exec(value.replace(/[^\d.-]/g, ''));
      return `${m ? m[0] : '0'}元`;
    }
    default:
      return cut(value, 20);
  }
}

type Layout<K extends NotificationKind> = (d: NotificationDataMap[K]) => Record<string, string>;

const vehicle = (d: NotificationDataMap['vehicle_assigned']) => ({
  character_string1: d.orderNo,
  time2: d.departAt,
  car_number3: d.plateNo,
  thing4: `${squash(d.vehicleColour)} ${squash(d.vehicleModel)}`,
  thing5: `${squash(d.driverSurname)}师傅 ${squash(d.driverPhoneMasked)}`,
});

/**
 * The field keys of the templates picked for each kind in the WeChat console (公共模板库). A template
 * swapped for another in the console needs its layout here changed with it.
 */
export const SUBSCRIBE_LAYOUTS: { [K in Exclude<NotificationKind, 'ride_voucher'>]: Layout<K> } = {
  payment_succeeded: (d) => ({
    character_string1: d.orderNo,
    thing2: d.lineName,
    time3: d.departAt,
    amount4: yuan(d.amountFen),
    number5: String(d.riders),
  }),
  refund_succeeded: (d) => ({
    character_string1: d.orderNo,
    thing2: d.lineName,
    time3: d.departAt,
    amount4: yuan(d.amountFen),
    phrase5: '退款成功',
  }),
  refund_failed: (d) => ({
    character_string1: d.orderNo,
    amount2: yuan(d.amountFen),
    thing3: d.reason,
    phrase4: '退款失败',
  }),
  vehicle_assigned: vehicle,
  vehicle_changed: vehicle,
  trip_cancelled: (d) => ({
    character_string1: d.orderNo,
    thing2: d.lineName,
    time3: d.departAt,
    thing4: d.reason,
  }),
};

/** The `data` of a subscribe message, every field fitted to its type; null for kinds without a layout. */
export function subscribeData<K extends NotificationKind>(kind: K, data: NotificationData<K>): Record<string, { value: string }> | null {
  const layout = (SUBSCRIBE_LAYOUTS as Record<string, Layout<K> | undefined>)[kind];
  if (!layout) return null;
  return Object.fromEntries(Object.entries(layout(data)).map(([key, value]) => [key, { value: fitField(key, value) }]));
}

/** The SMS template and its short variables for a kind: vouchers by 'rideVoucher', the rest by 'notice'. */
export function smsMessage<K extends NotificationKind>(kind: K, data: NotificationData<K>): { template: 'notice' | 'rideVoucher'; params: Record<string, string> } {
  const d = data as NotificationData;
  const params = (p: Record<string, string>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, smsParam(v)]));
  switch (kind) {
    case 'ride_voucher': {
      const v = d as NotificationDataMap['ride_voucher'];
      return { template: 'rideVoucher', params: params({ order: v.orderNo, code: v.checkCodes.join(','), time: shortTime(v.departAt) }) };
    }
    case 'payment_succeeded': {
      const v = d as NotificationDataMap['payment_succeeded'];
      return { template: 'notice', params: params({ title: '支付成功', order: v.orderNo, time: shortTime(v.departAt), detail: `${squash(v.lineName)} ${v.riders}人 ${yuan(v.amountFen)}元` }) };
    }
    case 'refund_succeeded': {
      const v = d as NotificationDataMap['refund_succeeded'];
      return { template: 'notice', params: params({ title: '退款成功', order: v.orderNo, time: shortTime(v.departAt), detail: `${yuan(v.amountFen)}元将原路退回` }) };
    }
    case 'refund_failed': {
      const v = d as NotificationDataMap['refund_failed'];
      return { template: 'notice', params: params({ title: '退款失败', order: v.orderNo, detail: `${yuan(v.amountFen)}元：${squash(v.reason)}` }) };
    }
    case 'vehicle_assigned':
    case 'vehicle_changed': {
      const v = d as NotificationDataMap['vehicle_changed'];
      return {
        template: 'notice',
        params: params({
          title: kind === 'vehicle_changed' ? '车辆变更' : '派车通知',
          order: v.orderNo,
          time: shortTime(v.departAt),
          detail: `${squash(v.plateNo)} ${squash(v.vehicleColour)}${squash(v.vehicleModel)} ${squash(v.driverSurname)}师傅${squash(v.driverPhoneMasked)}`,
        }),
      };
    }
    case 'trip_cancelled': {
      const v = d as NotificationDataMap['trip_cancelled'];
      return { template: 'notice', params: params({ title: '班次取消', order: v.orderNo, trip: `${shortTime(v.departAt)} ${squash(v.lineName)}`, reason: v.reason }) };
    }
    default:
      throw new Error(`no SMS layout for ${kind}`);
  }
}
