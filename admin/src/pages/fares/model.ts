/**
 * Pure helpers of the fare page: the price matrix (yuan strings in the cells, fen to the bff), the
 * rules form (amounts in yuan, the rest as the contracts' TradingRules), and the steps of a price.
 */
import {
  fenToYuanString,
  SERVICE_LEVELS,
  TICKET_TYPES,
  VEHICLE_TYPES,
  priceTicket,
  tradingRulesProblems,
  yuanStringToFen,
  type FarePair,
  type PriceAdjustment,
  type PriceBreakdown,
  type RouteFareTable,
  type ServiceLevel,
  type TicketType,
  type TradingRules,
  type VehicleType,
} from '@dzky/contracts';

// ───────────────────────── matrix ─────────────────────────

export type FareStop = RouteFareTable['stops'][number];
export const cellKey = (fromSeq: number, toSeq: number) => `${fromSeq}-${toSeq}`;

/** Rows are the stops passengers board at, columns the stops they alight at, in route order. */
export function matrixAxes(stops: readonly FareStop[]) {
  const sorted = [...stops].sort((a, b) => a.seq - b.seq);
  return {
    rows: sorted.filter((s) => s.pickup && s.seq < sorted[sorted.length - 1].seq),
    cols: sorted.filter((s) => s.dropoff && s.seq > sorted[0].seq),
  };
}

/** Only a boarding stop before an alighting stop has a price. */
export const cellEditable = (from: FareStop, to: FareStop) => from.pickup && to.dropoff && from.seq < to.seq;

/** The table's prices as the cells show them: "65.00". */
export function cellsOf(pairs: readonly FarePair[]): Record<string, string> {
  return Object.fromEntries(pairs.map((p) => [cellKey(p.fromSeq, p.toSeq), fenToYuanString(p.baseFen)]));
}

/** The largest base price the bff accepts (¥100,000.00). */
export const MAX_BASE_FEN = 10_000_000;

/** Why a cell's text is not a price, or null when it is one (or empty: not sold). */
export function cellProblem(text: string | undefined): 'format' | 'range' | null {
  const v = text?.trim();
  if (!v) return null;
  let fen: number;
  try {
    fen = yuanStringToFen(v);
  } catch {
    return 'format';
  }
  return fen < 1 || fen > MAX_BASE_FEN ? 'range' : null;
}

/** "65" → "65.00" once the user leaves the cell; anything else is left for them to fix. */
export function normalizeCell(text: string): string {
  const v = text.trim();
  if (!v || cellProblem(v)) return v;
  return fenToYuanString(yuanStringToFen(v));
}

/** The pairs to save: every filled, editable cell in fen. Bad cells are listed instead. */
export function pairsOf(stops: readonly FareStop[], cells: Record<string, string>): { pairs: FarePair[]; bad: string[] } {
  const { rows, cols } = matrixAxes(stops);
  const pairs: FarePair[] = [];
  const bad: string[] = [];
  for (const from of rows) {
    for (const to of cols) {
      if (!cellEditable(from, to)) continue;
      const key = cellKey(from.seq, to.seq);
      const text = cells[key]?.trim();
      if (!text) continue;
      if (cellProblem(text)) bad.push(key);
      else pairs.push({ fromSeq: from.seq, toSeq: to.seq, baseFen: yuanStringToFen(text) });
    }
  }
  return { pairs, bad };
}

// ───────────────────────── rules form ─────────────────────────

/** The rules as the form holds them: fixed amounts as yuan strings ("10.00"), everything else as is. */
export type AdjustmentForm = { percent: number; addFen: string };
export type RulesForm = Omit<TradingRules, 'vehicleTypeAdjustments' | 'serviceLevelAdjustments'> & {
  vehicleTypeAdjustments: Record<VehicleType, AdjustmentForm>;
  serviceLevelAdjustments: Record<ServiceLevel, AdjustmentForm>;
};

const adjToForm = (a: PriceAdjustment): AdjustmentForm => ({ percent: a.percent, addFen: fenToYuanString(a.addFen) });
const adjFromForm = (a: AdjustmentForm | undefined): PriceAdjustment => ({
  percent: a?.percent ?? NaN,
  addFen: yuanStringToFen(String(a?.addFen ?? '').trim() || '0'),
});

export function rulesToForm(r: TradingRules): RulesForm {
  return {
    ...(JSON.parse(JSON.stringify(r)) as TradingRules),
    vehicleTypeAdjustments: Object.fromEntries(VEHICLE_TYPES.map((v) => [v, adjToForm(r.vehicleTypeAdjustments[v])])) as RulesForm['vehicleTypeAdjustments'],
    serviceLevelAdjustments: Object.fromEntries(SERVICE_LEVELS.map((s) => [s, adjToForm(r.serviceLevelAdjustments[s])])) as RulesForm['serviceLevelAdjustments'],
    ticketTypePercents: { ...r.ticketTypePercents, free_child: 0 },
  };
}

/** The form's values as TradingRules; throws RangeError on an amount that is not yuan with ≤ 2 decimals. */
export function rulesFromForm(f: RulesForm): TradingRules {
  return {
    presaleDays: f.presaleDays,
    salesCloseMinutes: f.salesCloseMinutes,
    holdMinutes: f.holdMinutes,
    maxUnpaidOrders: f.maxUnpaidOrders,
    vehicleTypeAdjustments: Object.fromEntries(VEHICLE_TYPES.map((v) => [v, adjFromForm(f.vehicleTypeAdjustments?.[v])])) as TradingRules['vehicleTypeAdjustments'],
    serviceLevelAdjustments: Object.fromEntries(SERVICE_LEVELS.map((s) => [s, adjFromForm(f.serviceLevelAdjustments?.[s])])) as TradingRules['serviceLevelAdjustments'],
    ticketTypePercents: { ...f.ticketTypePercents, free_child: 0 },
    freeChildMaxAge: f.freeChildMaxAge,
    freeChildrenPerAdult: f.freeChildrenPerAdult,
    childMaxAge: f.childMaxAge,
    seniorMinAge: f.seniorMinAge,
    refundTiers: (f.refundTiers ?? []).map((t) => ({ minMinutesBefore: t?.minMinutesBefore, feePercent: t?.feePercent })),
    refundCloseMinutes: f.refundCloseMinutes,
    rebook: { ...f.rebook },
    ticketCheck: { ...f.ticketCheck },
  };
}

/** The same, or null while the form is incomplete or breaks a rule (the preview waits for a valid form). */
export function tryRulesFromForm(f: RulesForm | undefined): TradingRules | null {
  if (!f) return null;
  try {
    const rules = rulesFromForm(f);
    return tradingRulesProblems(rules).length === 0 ? rules : null;
  } catch {
    return null;
  }
}

/** The bff may name fields inside the request body ("rules.presaleDays"); the form names them without. */
export const rulesField = (field: string) => field.replace(/^rules\./, '');

// ───────────────────────── price steps ─────────────────────────

/** The price of every ticket type as computed here, with the same function the bff charges by. */
export function localPreview(
  baseFen: number,
  vehicleType: VehicleType,
  serviceLevel: ServiceLevel,
  rules: TradingRules,
): Array<{ ticketType: TicketType } & PriceBreakdown> {
  return TICKET_TYPES.map((ticketType) => ({ ticketType, ...priceTicket({ baseFen, vehicleType, serviceLevel, ticketType }, rules) }));
}

/** The amounts after each step of the documented order, in (possibly fractional) fen. */
export function steps(b: PriceBreakdown) {
  const afterVehicle = (b.baseFen * b.vehicleType.percent) / 100 + b.vehicleType.addFen;
  const afterService = (afterVehicle * b.serviceLevel.percent) / 100 + b.serviceLevel.addFen;
  return { afterVehicle, afterService };
}

/** Fen (maybe fractional before rounding) as yuan: "71.50", "40.7525". */
export function yuanOf(fen: number): string {
  if (Number.isInteger(fen)) return fenToYuanString(fen);
  const s = (fen / 100).toFixed(4).replace(/0+$/, '');
  const [i, d = ''] = s.split('.');
  return `${i}.${d.padEnd(2, '0')}`;
}

/** An adjustment in words: "×110%", "×100% +¥10.00", "×100% −¥5.00". */
export function adjustmentText(a: PriceAdjustment): string {
  const add = a.addFen === 0 ? '' : a.addFen > 0 ? ` +¥${fenToYuanString(a.addFen)}` : ` −¥${fenToYuanString(-a.addFen)}`;
  return `×${a.percent}%${add}`;
}
