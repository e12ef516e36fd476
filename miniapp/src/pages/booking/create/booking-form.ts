/**
 * The booking form's rules that need no screen: the idempotency key, the default ticket type by
 * age, which ticket types a rider may take, the journey a choice makes, and the price summary
 * from TripDetail.fares (the prices the bff computed with contracts' priceTicket, so the total
 * shown is the total charged).
 */
import { ageOn, TICKET_TYPES, type Fen, type LngLat, type RiderView, type TicketType, type TripDetail } from '@dzky/contracts';
import { zoneAt } from '../../../components/map/geometry';

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * One key per booking form (contracts: 8–64 of [A-Za-z0-9_-]). It is made once when the form
 * opens and sent with every attempt, so a retry or a double tap finds the order already made
 * instead of booking twice. Math.random is enough: the key is unique per account, not a secret.
 */
export function newClientKey(now = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 12; i++) tail += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length)];
  return `bk-${now.toString(36)}-${tail}`;
}

type AgeRules = Pick<TripDetail['rules'], 'freeChildMaxAge' | 'childMaxAge'>;

export function ageOnTravelDay(rider: Pick<RiderView, 'birthDate'>, departDate: string): number | null {
  return rider.birthDate ? ageOn(rider.birthDate, departDate) : null;
}

/**
 * A child under the child age gets 儿童票, everyone else 成人票. Free child tickets (免票儿童) and
 * the declared types (学生, 老年, 军残) are the passenger's own choice; the bff checks them.
 */
export function defaultTicketType(rider: Pick<RiderView, 'birthDate'>, departDate: string, rules: AgeRules): TicketType {
  const age = ageOnTravelDay(rider, departDate);
  return age !== null && age < rules.childMaxAge ? 'child' : 'adult';
}

/** The ticket types to offer a rider: the child types only to children of that age. */
export function ticketTypeChoices(rider: Pick<RiderView, 'birthDate'>, departDate: string, rules: AgeRules): TicketType[] {
  const age = ageOnTravelDay(rider, departDate);
  return TICKET_TYPES.filter((type) => {
    if (type === 'free_child') return age !== null && age < rules.freeChildMaxAge;
    if (type === 'child') return age !== null && age < rules.childMaxAge;
    return true;
  });
}

export interface Journey {
  fromSeq: number;
  toSeq: number;
}

/**
 * Door to door: the stop positions the zones around the two points feed, as far as the app can
 * tell — for the price shown. Null while a point is missing or not inside a zone of its kind; the
 * bff decides whether a point is served (ORDER.OUTSIDE_ZONE).
 */
export function doorJourney(zones: TripDetail['zones'], pickup: LngLat | null, dropoff: LngLat | null): Journey | null {
  if (!pickup || !dropoff) return null;
  const from = zoneAt(pickup, zones, 'pickup');
  const to = zoneAt(dropoff, zones, 'dropoff');
  if (!from || !to || to.stopSeq <= from.stopSeq) return null;
  return { fromSeq: from.stopSeq, toSeq: to.stopSeq };
}

export interface PriceLine {
  ticketType: TicketType;
  count: number;
  unitFen: Fen;
}

/** Tickets grouped by type with the unit price of the journey; null when the journey has no fare. */
export function priceSummary(
  fares: TripDetail['fares'],
  journey: Journey | null,
  ticketTypes: TicketType[],
): { lines: PriceLine[]; totalFen: Fen } | null {
  if (!journey) return null;
  const fare = fares.find((f) => f.fromSeq === journey.fromSeq && f.toSeq === journey.toSeq);
  if (!fare) return null;
  const lines: PriceLine[] = [];
  for (const type of TICKET_TYPES) {
    const count = ticketTypes.filter((t) => t === type).length;
    if (count) lines.push({ ticketType: type, count, unitFen: fare.prices[type] });
  }
  return { lines, totalFen: lines.reduce((sum, l) => sum + l.count * l.unitFen, 0) };
}

/** Where a refusal of the bff is shown on the form. */
export type FormField = 'stops' | 'pickup' | 'dropoff' | 'riders' | 'seats' | 'contactPhone' | 'remark' | 'form';

export function formFieldOf(serverField: string): FormField {
  if (serverField === 'pickup' || serverField === 'dropoff' || serverField === 'contactPhone' || serverField === 'remark') return serverField;
  if (serverField === 'fromSeq' || serverField === 'toSeq') return 'stops';
  if (/^riders\.\d+\.seatNo$/.test(serverField) || serverField === 'seatNo' || serverField === 'seats') return 'seats';
  if (serverField === 'riders' || serverField.startsWith('riders.')) return 'riders';
  return 'form';
}
