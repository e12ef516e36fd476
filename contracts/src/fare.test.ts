import {
  DEFAULT_TRADING_RULES, TICKET_TYPES, priceTicket, refundFee, refundTierAt, ticketTypeProblem, tradingRulesProblems,
  type ServiceLevel, type TicketType, type TradingRules,
} from './fare';
import type { VehicleType } from './archive';

const rules = (over: Partial<TradingRules> = {}): TradingRules => JSON.parse(JSON.stringify({ ...DEFAULT_TRADING_RULES, ...over }));
const price = (baseFen: number, vehicleType: VehicleType, serviceLevel: ServiceLevel, ticketType: TicketType, r: TradingRules = DEFAULT_TRADING_RULES) =>
  priceTicket({ baseFen, vehicleType, serviceLevel, ticketType }, r).priceFen;

describe('R-6.1.4 ticket prices: base → vehicle type → service level → ticket type → one rounding half up', () => {
  it('prices every ticket type under the default rules (worked by hand)', () => {
    // medium + standard leave the base alone; child/senior/military 50 %, student 75 %, free child 0
    const table: Record<TicketType, number> = { adult: 6500, child: 3250, student: 4875, senior: 3250, military_disabled: 3250, free_child: 0 };
    for (const t of TICKET_TYPES) expect([t, price(6500, 'medium', 'standard', t)]).toEqual([t, table[t]]);
  });

  it('applies the vehicle adjustment, then the service level, each percent before its fixed amount', () => {
    // small 110 %, comfort +10 yuan: 6500 × 1.10 = 7150, + 1000 = 8150
    expect(price(6500, 'small', 'comfort', 'adult')).toBe(8150);
    expect(price(6500, 'small', 'comfort', 'child')).toBe(4075);
    // business 130 %: 6500 × 1.30 = 8450; student 75 % = 6337.5 → 6338 (half up)
    expect(price(6500, 'medium', 'business', 'adult')).toBe(8450);
    expect(price(6500, 'medium', 'business', 'student')).toBe(6338);
    // the order matters: (base + add) × % would give another price
    const r = rules({ vehicleTypeAdjustments: { ...DEFAULT_TRADING_RULES.vehicleTypeAdjustments, large: { percent: 200, addFen: 100 } } });
    expect(price(1000, 'large', 'standard', 'adult', r)).toBe(2100);
  });

  it('rounds once at the end, half up: .5 goes up, below .5 goes down, nothing is lost on the way', () => {
    // 101 × 50 % = 50.5 → 51; 101 × 75 % = 75.75 → 76; 99 × 75 % = 74.25 → 74
    expect(price(101, 'medium', 'standard', 'child')).toBe(51);
    expect(price(101, 'medium', 'standard', 'student')).toBe(76);
    expect(price(99, 'medium', 'standard', 'student')).toBe(74);
    // 35 fen, small (110 %), child (50 %): 38.5 × 50 % = 19.25 → 19 rounded once;
    // rounding after each step would give 39 → 19.5 → 20
    expect(price(35, 'small', 'standard', 'child')).toBe(19);
    expect(priceTicket({ baseFen: 35, vehicleType: 'small', serviceLevel: 'standard', ticketType: 'child' }, DEFAULT_TRADING_RULES).unroundedFen).toBeCloseTo(19.25, 10);
  });

  it('never goes below 0: a discount larger than the price gives 0, and a free child is always 0', () => {
    const r = rules({ serviceLevelAdjustments: { ...DEFAULT_TRADING_RULES.serviceLevelAdjustments, standard: { percent: 100, addFen: -9000 } } });
    expect(price(6500, 'medium', 'standard', 'adult', r)).toBe(0);
    expect(priceTicket({ baseFen: 6500, vehicleType: 'medium', serviceLevel: 'standard', ticketType: 'adult' }, r).unroundedFen).toBe(-2500);
    const generous = rules({ ticketTypePercents: { ...DEFAULT_TRADING_RULES.ticketTypePercents, free_child: 100 } as any });
    expect(price(6500, 'medium', 'standard', 'free_child', generous)).toBe(0);
  });
});

describe('R-6.1.4 refunds', () => {
  it('picks the first tier the time before departure reaches; none after refunds close', () => {
    expect(refundTierAt(DEFAULT_TRADING_RULES, 48 * 60)).toEqual({ minMinutesBefore: 1440, feePercent: 0 });
    expect(refundTierAt(DEFAULT_TRADING_RULES, 1440)).toEqual({ minMinutesBefore: 1440, feePercent: 0 });
    expect(refundTierAt(DEFAULT_TRADING_RULES, 1439)).toEqual({ minMinutesBefore: 120, feePercent: 10 });
    expect(refundTierAt(DEFAULT_TRADING_RULES, 5)).toEqual({ minMinutesBefore: 0, feePercent: 20 });
    const closing = rules({ refundCloseMinutes: 30 });
    expect(refundTierAt(closing, 29)).toBeNull();
    expect(refundTierAt(closing, 30)).toEqual({ minMinutesBefore: 0, feePercent: 20 });
    // departed: no tier reaches a negative time
    expect(refundTierAt(DEFAULT_TRADING_RULES, -1)).toBeNull();
  });

  it('charges the fee on what was paid, rounded half up once', () => {
    expect(refundFee(6500, { minMinutesBefore: 120, feePercent: 10 })).toBe(650);
    expect(refundFee(6338, { minMinutesBefore: 120, feePercent: 10 })).toBe(634); // 633.8
    expect(refundFee(6325, { minMinutesBefore: 120, feePercent: 10 })).toBe(633); // 632.5 → 633
    expect(refundFee(6324, { minMinutesBefore: 120, feePercent: 10 })).toBe(632); // 632.4
    expect(refundFee(0, { minMinutesBefore: 0, feePercent: 20 })).toBe(0);
  });
});

describe('R-6.1.4 ticket types by age on the travel day', () => {
  const r = DEFAULT_TRADING_RULES;
  it('free child under 6, child under 14, senior from 60; documents without a birth date cannot prove an age', () => {
    expect(ticketTypeProblem('free_child', 5, r)).toBeNull();
    expect(ticketTypeProblem('free_child', 6, r)).toBe('免票儿童须未满 6 周岁');
    expect(ticketTypeProblem('child', 13, r)).toBeNull();
    expect(ticketTypeProblem('child', 14, r)).toBe('儿童票须未满 14 周岁');
    expect(ticketTypeProblem('senior', 60, r)).toBeNull();
    expect(ticketTypeProblem('senior', 59, r)).toBe('老年票须年满 60 周岁');
    expect(ticketTypeProblem('child', null, r)).toContain('出生日期');
    expect(ticketTypeProblem('free_child', null, r)).toContain('出生日期');
    expect(ticketTypeProblem('senior', null, r)).toContain('出生日期');
  });

  it('adult, student and military/disabled tickets are the passenger\'s declaration', () => {
    for (const age of [3, 20, 70, null]) {
      expect(ticketTypeProblem('adult', age, r)).toBeNull();
      expect(ticketTypeProblem('student', age, r)).toBeNull();
      expect(ticketTypeProblem('military_disabled', age, r)).toBeNull();
    }
  });
});

describe('R-6.1.4 trading rules validation', () => {
  it('accepts the defaults', () => {
    expect(tradingRulesProblems(DEFAULT_TRADING_RULES)).toEqual([]);
  });

  it('names every bad field with a reason', () => {
    const bad = rules({
      presaleDays: 0,
      holdMinutes: 90,
      ticketTypePercents: { ...DEFAULT_TRADING_RULES.ticketTypePercents, child: 120, free_child: 10 },
      freeChildMaxAge: 15,
      refundTiers: [{ minMinutesBefore: 120, feePercent: 10 }, { minMinutesBefore: 1440, feePercent: 0 }],
      rebook: { allowed: true, maxTimes: 9, closeMinutes: 30, feePercent: 0 },
    });
    bad.vehicleTypeAdjustments.small = { percent: 1.5, addFen: 0 };
    const fields = tradingRulesProblems(bad).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining([
      'presaleDays', 'holdMinutes', 'ticketTypePercents.child', 'ticketTypePercents.free_child', 'freeChildMaxAge',
      'refundTiers.1.minMinutesBefore', 'rebook.maxTimes', 'vehicleTypeAdjustments.small.percent',
    ]));
    expect(tradingRulesProblems(bad).find((p) => p.field === 'refundTiers.1.minMinutesBefore')!.reason).toContain('从长到短');
  });

  it('a free-child age above the child age is refused, and a missing document is one error', () => {
    expect(tradingRulesProblems(rules({ freeChildMaxAge: 12, childMaxAge: 10 })).map((p) => p.field)).toEqual(['freeChildMaxAge']);
    expect(tradingRulesProblems(null)).toEqual([{ field: 'rules', reason: '应为交易规则对象' }]);
    expect(tradingRulesProblems({ ...DEFAULT_TRADING_RULES, refundTiers: [] }).map((p) => p.field)).toEqual(['refundTiers']);
  });
});
