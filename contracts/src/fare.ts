/**
 * Fares and trading rules (R-6.1.4; design.md §3 "Prices"). Money is integer fen. A ticket's price
 * is computed in one documented order and rounded once, half up, at the end:
 *
 *   base (the route's price for the origin–destination pair)
 *   → vehicle-type adjustment (percent, then a fixed amount)
 *   → service-level adjustment (percent, then a fixed amount)
 *   → ticket-type percent (adult 100, child 50 …; a free child 0)
 *   → round half up to the fen, never below 0.
 *
 * bff prices orders with `priceTicket`; the admin preview and the passenger app call the same
 * function, so the price shown is the price charged.
 */
import type { FieldError, PageQuery } from './envelope';
import { VEHICLE_TYPES, type VehicleType } from './archive';
import type { Fen } from './money';

// ───────────────────────── ticket types and service levels ─────────────────────────

/** 成人 / 儿童 / 学生 / 老年 / 军残 (现役军人、残疾军人、伤残人民警察…) / 免票儿童 */
export const TICKET_TYPES = ['adult', 'child', 'student', 'senior', 'military_disabled', 'free_child'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TICKET_TYPE_LABELS: Record<TicketType, { zh: string; en: string }> = {
  adult: { zh: '成人票', en: 'Adult' },
  child: { zh: '儿童票', en: 'Child' },
  student: { zh: '学生票', en: 'Student' },
  senior: { zh: '老年票', en: 'Senior' },
  military_disabled: { zh: '军残票', en: 'Military / disabled' },
  free_child: { zh: '免票儿童', en: 'Free child' },
};

/** 服务等级: what the passenger buys besides the seat (vehicle comfort, door-to-door service). */
export const SERVICE_LEVELS = ['standard', 'comfort', 'business'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];
export const SERVICE_LEVEL_LABELS: Record<ServiceLevel, { zh: string; en: string }> = {
  standard: { zh: '标准', en: 'Standard' },
  comfort: { zh: '舒适', en: 'Comfort' },
  business: { zh: '商务', en: 'Business' },
};

/** An adjustment: multiply by `percent`/100 (100 = unchanged), then add `addFen` (may be negative). */
export interface PriceAdjustment {
  percent: number;
  addFen: Fen;
}
export const NO_ADJUSTMENT: PriceAdjustment = { percent: 100, addFen: 0 };

// ───────────────────────── trading rules ─────────────────────────

/** One refund tier: cancelling at least `minMinutesBefore` before departure costs `feePercent` of what was paid. */
export interface RefundTier {
  minMinutesBefore: number;
  feePercent: number;
}

/**
 * An operator's trading rules (交易规则). One set per operator; a route may override the whole set.
 * Percent values are integers (0–1000); minutes and days are whole numbers.
 */
export interface TradingRules {
  /** 预售期: trips can be booked from this many days before the departure day (00:00 China time) */
  presaleDays: number;
  /** 停售: sales close this many minutes before departure */
  salesCloseMinutes: number;
  /** an unpaid order holds its seats this long, then they are released (and WeChat Pay's time_expire) */
  holdMinutes: number;
  /** unpaid orders one account may hold at once (design.md §3 "Real name") */
  maxUnpaidOrders: number;
  vehicleTypeAdjustments: Record<VehicleType, PriceAdjustment>;
  serviceLevelAdjustments: Record<ServiceLevel, PriceAdjustment>;
  /** percent of the adjusted price per ticket type; free_child is always 0 */
  ticketTypePercents: Record<TicketType, number>;
  /** children below this age (on the travel day) ride free with an adult … */
  freeChildMaxAge: number;
  /** … at most this many per paying adult, each still taking a seat (design.md §3) */
  freeChildrenPerAdult: number;
  /** 儿童票 up to this age (exclusive); 老年票 from this age */
  childMaxAge: number;
  seniorMinAge: number;
  /** sorted by minMinutesBefore descending; the first tier the time before departure reaches applies */
  refundTiers: RefundTier[];
  /** no refund (online) later than this many minutes before departure */
  refundCloseMinutes: number;
  /** 改签 */
  rebook: { allowed: boolean; maxTimes: number; closeMinutes: number; feePercent: number };
  /** 检票 */
  ticketCheck: { opensMinutesBefore: number; closesMinutesAfter: number; requireIdDocument: boolean };
}

export const DEFAULT_TRADING_RULES: TradingRules = {
  presaleDays: 15,
  salesCloseMinutes: 10,
  holdMinutes: 15,
  maxUnpaidOrders: 3,
  vehicleTypeAdjustments: {
    extra_large: { percent: 100, addFen: 0 },
    large: { percent: 100, addFen: 0 },
    medium: { percent: 100, addFen: 0 },
    small: { percent: 110, addFen: 0 },
  },
  serviceLevelAdjustments: {
    standard: { percent: 100, addFen: 0 },
    comfort: { percent: 100, addFen: 1000 },
    business: { percent: 130, addFen: 0 },
  },
  ticketTypePercents: { adult: 100, child: 50, student: 75, senior: 50, military_disabled: 50, free_child: 0 },
  freeChildMaxAge: 6,
  freeChildrenPerAdult: 1,
  childMaxAge: 14,
  seniorMinAge: 60,
  refundTiers: [
    { minMinutesBefore: 24 * 60, feePercent: 0 },
    { minMinutesBefore: 120, feePercent: 10 },
    { minMinutesBefore: 0, feePercent: 20 },
  ],
  refundCloseMinutes: 0,
  rebook: { allowed: true, maxTimes: 1, closeMinutes: 30, feePercent: 0 },
  ticketCheck: { opensMinutesBefore: 60, closesMinutesAfter: 30, requireIdDocument: true },
};

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Every problem of a trading-rules document, field by field (empty when it is fine). */
export function tradingRulesProblems(r: Partial<TradingRules> | null | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, reason: string) => errors.push({ field, reason });
  if (!r || typeof r !== 'object') return [{ field: 'rules', reason: '应为交易规则对象' }];
  if (!isInt(r.presaleDays, 1, 90)) push('presaleDays', '预售天数应为 1–90 的整数');
  if (!isInt(r.salesCloseMinutes, 0, 24 * 60)) push('salesCloseMinutes', '停售时间应为 0–1440 分钟');
  if (!isInt(r.holdMinutes, 1, 60)) push('holdMinutes', '座位保留时间应为 1–60 分钟');
  if (!isInt(r.maxUnpaidOrders, 1, 10)) push('maxUnpaidOrders', '待支付订单上限应为 1–10');
  const adj = (field: string, a: PriceAdjustment | undefined) => {
    if (!a || !isInt(a.percent, 0, 1000)) push(`${field}.percent`, '调整比例应为 0–1000 的整数（100 表示不变）');
    if (!a || !isInt(a.addFen, -1_000_000, 1_000_000)) push(`${field}.addFen`, '加减金额应为整数（分）');
  };
  for (const t of VEHICLE_TYPES) adj(`vehicleTypeAdjustments.${t}`, r.vehicleTypeAdjustments?.[t]);
  for (const s of SERVICE_LEVELS) adj(`serviceLevelAdjustments.${s}`, r.serviceLevelAdjustments?.[s]);
  for (const t of TICKET_TYPES) {
    const p = r.ticketTypePercents?.[t];
    if (t === 'free_child' ? p !== 0 : !isInt(p, 0, 100)) {
      push(`ticketTypePercents.${t}`, t === 'free_child' ? '免票儿童的比例必须为 0' : '票种折扣应为 0–100 的整数');
    }
  }
  if (!isInt(r.freeChildMaxAge, 0, 14)) push('freeChildMaxAge', '免票儿童年龄上限应为 0–14');
  if (!isInt(r.freeChildrenPerAdult, 0, 3)) push('freeChildrenPerAdult', '每位成人可携免票儿童应为 0–3 人');
  if (!isInt(r.childMaxAge, 1, 18)) push('childMaxAge', '儿童年龄上限应为 1–18');
  if (isInt(r.freeChildMaxAge, 0, 14) && isInt(r.childMaxAge, 1, 18) && r.freeChildMaxAge > r.childMaxAge) {
    push('freeChildMaxAge', '免票儿童年龄上限不能高于儿童票年龄上限');
  }
  if (!isInt(r.seniorMinAge, 50, 100)) push('seniorMinAge', '老年票起始年龄应为 50–100');
  if (!Array.isArray(r.refundTiers) || r.refundTiers.length === 0) push('refundTiers', '至少需要一档退票规则');
  else {
    r.refundTiers.forEach((tier, i) => {
      if (!isInt(tier?.minMinutesBefore, 0, 30 * 24 * 60)) push(`refundTiers.${i}.minMinutesBefore`, '应为 0 及以上的分钟数');
      if (!isInt(tier?.feePercent, 0, 100)) push(`refundTiers.${i}.feePercent`, '手续费比例应为 0–100');
      if (i > 0 && tier && r.refundTiers![i - 1] && tier.minMinutesBefore >= r.refundTiers![i - 1].minMinutesBefore) {
        push(`refundTiers.${i}.minMinutesBefore`, '各档应按距发车时间从长到短排列，且不能重复');
      }
    });
  }
  if (!isInt(r.refundCloseMinutes, 0, 24 * 60)) push('refundCloseMinutes', '停止退票时间应为 0–1440 分钟');
  if (!r.rebook || typeof r.rebook.allowed !== 'boolean') push('rebook.allowed', '请选择是否允许改签');
  else {
    if (!isInt(r.rebook.maxTimes, 0, 5)) push('rebook.maxTimes', '改签次数应为 0–5');
    if (!isInt(r.rebook.closeMinutes, 0, 24 * 60)) push('rebook.closeMinutes', '停止改签时间应为 0–1440 分钟');
    if (!isInt(r.rebook.feePercent, 0, 100)) push('rebook.feePercent', '改签手续费比例应为 0–100');
  }
  if (!r.ticketCheck) push('ticketCheck', '请填写检票规则');
  else {
    if (!isInt(r.ticketCheck.opensMinutesBefore, 0, 24 * 60)) push('ticketCheck.opensMinutesBefore', '检票开始时间应为 0–1440 分钟');
    if (!isInt(r.ticketCheck.closesMinutesAfter, 0, 24 * 60)) push('ticketCheck.closesMinutesAfter', '检票截止时间应为 0–1440 分钟');
    if (typeof r.ticketCheck.requireIdDocument !== 'boolean') push('ticketCheck.requireIdDocument', '请选择是否查验证件');
  }
  return errors;
}

// ───────────────────────── price calculation ─────────────────────────

export interface PriceInput {
  /** the route's price for the origin–destination pair */
  baseFen: Fen;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  ticketType: TicketType;
}

export interface PriceBreakdown {
  baseFen: Fen;
  vehicleType: PriceAdjustment;
  serviceLevel: PriceAdjustment;
  ticketTypePercent: number;
  /** the exact value before rounding, in fen (for display of the computation) */
  unroundedFen: number;
  priceFen: Fen;
}

/** Rounds a non-negative fraction numerator/denominator half up to an integer. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator <= 0n) return 0n;
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * The price of one ticket in fen. Exact arithmetic (BigInt) until the single rounding at the end,
 * so no adjustment order or percent ever loses a fen along the way.
 */
export function priceTicket(input: PriceInput, rules: Pick<TradingRules, 'vehicleTypeAdjustments' | 'serviceLevelAdjustments' | 'ticketTypePercents'>): PriceBreakdown {
  const vt = rules.vehicleTypeAdjustments[input.vehicleType] ?? NO_ADJUSTMENT;
  const sl = rules.serviceLevelAdjustments[input.serviceLevel] ?? NO_ADJUSTMENT;
  const tt = input.ticketType === 'free_child' ? 0 : (rules.ticketTypePercents[input.ticketType] ?? 100);
  // ((base·vt% + vtAdd) · sl% + slAdd) · tt%, kept as a numerator over 100³
  const afterVehicle = BigInt(input.baseFen) * BigInt(vt.percent) + BigInt(vt.addFen) * 100n; // /100
  const afterLevel = afterVehicle * BigInt(sl.percent) + BigInt(sl.addFen) * 10_000n; // /100²
  const numerator = afterLevel * BigInt(tt); // /100³
  const denominator = 1_000_000n;
  return {
    baseFen: input.baseFen,
    vehicleType: vt,
    serviceLevel: sl,
    ticketTypePercent: tt,
    unroundedFen: Number(numerator) / Number(denominator),
    priceFen: Number(roundHalfUp(numerator, denominator)),
  };
}

/** The refund tier that applies `minutesBefore` departure, or null when no online refund is possible any more. */
export function refundTierAt(rules: Pick<TradingRules, 'refundTiers' | 'refundCloseMinutes'>, minutesBefore: number): RefundTier | null {
  if (minutesBefore < rules.refundCloseMinutes) return null;
  return rules.refundTiers.find((t) => minutesBefore >= t.minMinutesBefore) ?? null;
}

/** The refund fee on what was actually paid (design.md §3), rounded half up once. */
export function refundFee(paidFen: Fen, tier: RefundTier): Fen {
  return Number(roundHalfUp(BigInt(paidFen) * BigInt(tier.feePercent), 100n));
}

/**
 * The ticket type a rider may take by age on the travel day, under the rules: free child and child
 * by age, senior by age; student and military/disabled are the passenger's own declaration (checked
 * against documents at boarding). Returns the reason when `wanted` does not fit, or null.
 */
export function ticketTypeProblem(
  wanted: TicketType,
  ageOnTravelDay: number | null,
  rules: Pick<TradingRules, 'freeChildMaxAge' | 'childMaxAge' | 'seniorMinAge'>,
): string | null {
  if (wanted === 'free_child') {
    if (ageOnTravelDay === null) return '免票儿童需凭载有出生日期的证件（居民身份证等）';
    if (ageOnTravelDay >= rules.freeChildMaxAge) return `免票儿童须未满 ${rules.freeChildMaxAge} 周岁`;
  }
  if (wanted === 'child') {
    if (ageOnTravelDay === null) return '儿童票需凭载有出生日期的证件（居民身份证等）';
    if (ageOnTravelDay >= rules.childMaxAge) return `儿童票须未满 ${rules.childMaxAge} 周岁`;
  }
  if (wanted === 'senior') {
    if (ageOnTravelDay === null) return '老年票需凭载有出生日期的证件（居民身份证等）';
    if (ageOnTravelDay < rules.seniorMinAge) return `老年票须年满 ${rules.seniorMinAge} 周岁`;
  }
  if (wanted === 'adult' && ageOnTravelDay !== null && ageOnTravelDay < rules.freeChildMaxAge) {
    // a toddler may still take a paid adult seat: allowed, nothing to say
    return null;
  }
  return null;
}

// ───────────────────────── API shapes ─────────────────────────

/** One origin–destination price of a route: stop positions (seq) of the route, fromSeq < toSeq. */
export interface FarePair {
  fromSeq: number;
  toSeq: number;
  baseFen: Fen;
}

/** GET /api/admin/fares/routes/:routeId — the route's price table. */
export interface RouteFareTable {
  routeId: number;
  routeCode: string;
  routeName: string;
  orgId: number;
  /** stops of the route in order, for the table's headers */
  stops: Array<{ seq: number; stopId: number; name: string; pickup: boolean; dropoff: boolean }>;
  pairs: FarePair[];
  updatedAt: string | null;
}

/** PUT /api/admin/fares/routes/:routeId — replaces the whole table (pairs not listed are not sold). */
export interface RouteFareTableUpdate {
  pairs: FarePair[];
}

/** GET/PUT /api/admin/fares/rules?orgId= and …/rules/routes/:routeId (a route's override, or null). */
export interface TradingRulesView {
  orgId: number;
  /** null: the operator's rules; a number: this route's override */
  routeId: number | null;
  rules: TradingRules;
  /** true when nothing was saved yet and the platform defaults apply */
  isDefault: boolean;
  updatedAt: string | null;
}

/** POST /api/admin/fares/preview — what a passenger would pay, with the steps. */
export interface FarePreviewRequest {
  routeId: number;
  fromSeq: number;
  toSeq: number;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  /** the rules to try (unsaved edits); omitted: the saved ones */
  rules?: TradingRules;
}

export interface FarePreview {
  baseFen: Fen;
  rows: Array<{ ticketType: TicketType } & PriceBreakdown>;
}

export interface FareQuery extends PageQuery {
  orgId?: number;
}
