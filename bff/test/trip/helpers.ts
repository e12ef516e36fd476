import { VehicleEntity } from '../../src/modules/archive/entity';
import { TripSegmentEntity } from '../../src/modules/trip/entity';
import { bearer, type TestApp } from '../support/app';
import { createAdmin, createOrg, signIn } from '../support/fixtures';
import { square, STOPS } from '../basedata/helpers';

export type Auth = ReturnType<typeof bearer>;

/** Pickup zone around 福田 (stop position 2), drop-off zone around 广州南站 (stop position 3), GCJ-02. */
export const PICKUP_RING = square(114.0, 22.52, 114.08, 22.56);
export const DROPOFF_RING = square(113.25, 22.97, 113.29, 23.0);

/** Today in Asia/Shanghai plus n days (YYYY-MM-DD). */
export function shanghaiDate(n = 0, now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Two operators with staff, op1's Shenzhen—Guangzhou line with route SZ-GZ (深圳北站 → 福田交通枢纽 →
 * 广州南站, pickup and drop-off zones) made through the admin API, and vehicle archives: op1 has
 * medium vehicles of 19 and 15 seats and a disabled small one; op2 a large one of 45 seats.
 */
export async function tripWorld(t: TestApp, prefix: string) {
  const op1 = await createOrg(1, 'operator', `${prefix}鹏程客运`, '440300');
  const op2 = await createOrg(1, 'operator', `${prefix}羊城客运`, '440100');
  const sign = async (username: string, orgId: number, roles: string[]) => {
    const admin = await createAdmin(t.app, { username, orgId, roles });
    return bearer((await signIn(t.request, admin)).accessToken);
  };
  const w = {
    op1,
    op2,
    platform: await sign(`${prefix}_platform`, 1, ['operator_admin']),
    admin1: await sign(`${prefix}_op1`, op1.id, ['operator_admin']),
    admin2: await sign(`${prefix}_op2`, op2.id, ['operator_admin']),
    dispatcher1: await sign(`${prefix}_disp1`, op1.id, ['dispatcher']),
  };
  const post = (auth: Auth, path: string, body: object) => t.request().post(path).set(auth).send(body);
  const stopIds: Record<string, number> = {};
  for (const s of Object.values(STOPS)) {
    const res = await post(w.admin1, '/api/admin/stops', s);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    stopIds[s.code] = res.body.data.id;
  }
  const line = await post(w.admin1, '/api/admin/lines', {
    licenceNo: `${prefix}粤交运线许可深字440300-0001`, name: '深圳—广州', originCity: '深圳市', originRegionCode: '440300',
    destinationCity: '广州市', destinationRegionCode: '440100', approvedStopIds: Object.values(stopIds), validFrom: '2025-01-01', validUntil: '2029-12-31',
  });
  if (line.status !== 200) throw new Error(JSON.stringify(line.body));
  const route = await post(w.admin1, '/api/admin/routes', {
    lineId: line.body.data.id, code: 'SZ-GZ', name: '深圳北站—广州南站', stops: routeStops(stopIds),
    zones: [
      { name: '福田上客区', kind: 'pickup', stopSeq: 2, geometry: { type: 'Polygon', coordinates: [PICKUP_RING] } },
      { name: '广州南下客区', kind: 'dropoff', stopSeq: 3, geometry: { type: 'Polygon', coordinates: [DROPOFF_RING] } },
    ],
  });
  if (route.status !== 200) throw new Error(JSON.stringify(route.body));
  await VehicleEntity.bulkCreate([
    vehicle(op1.id, `粤B${prefix}0001D`.slice(0, 16), 19, 'medium', true),
    vehicle(op1.id, `粤B${prefix}0002D`.slice(0, 16), 15, 'medium', true),
    vehicle(op1.id, `粤B${prefix}0003D`.slice(0, 16), 33, 'medium', false),
    vehicle(op1.id, `粤B${prefix}0004D`.slice(0, 16), 7, 'small', false),
    vehicle(op2.id, `粤A${prefix}0005D`.slice(0, 16), 45, 'large', true),
  ]);
  return { ...w, stopIds, lineId: line.body.data.id as number, routeId: route.body.data.id as number };
}

export function routeStops(stopIds: Record<string, number>) {
  return [
    { seq: 1, stopId: stopIds.SZB, distanceFromPrevM: 0, minutesFromPrev: 0, pickup: true, dropoff: false },
    { seq: 2, stopId: stopIds.FTJT, distanceFromPrevM: 15000, minutesFromPrev: 25, pickup: true, dropoff: false },
    { seq: 3, stopId: stopIds.GZN, distanceFromPrevM: 125000, minutesFromPrev: 95, pickup: false, dropoff: true },
  ];
}

/** A vehicle archive row as far as trips care (type, seats, enabled); the archive module's checks are not at stake here. */
function vehicle(orgId: number, plateNo: string, approvedSeats: number, vehicleType: string, enabled: boolean) {
  return {
    orgId, plateNo, plateColor: 5, approvedSeats, vehicleType, vehicleClass: 'high1', enabled,
    verificationStatus: 'verified', operable: enabled,
  };
}

/** Seats sold per segment, set directly (booking's inventory is not what these tests are about). */
export async function setSold(tripId: number, sold: Record<number, number>): Promise<void> {
  for (const [segNo, n] of Object.entries(sold)) await TripSegmentEntity.update({ sold: n }, { where: { tripId, segNo: Number(segNo) } });
}

/** A departure time today … in Shanghai, `minutes` from now (rounded down to the minute). */
export function inMinutes(minutes: number, now = new Date()): { departDate: string; departTime: string } {
  const at = new Date(now.getTime() + minutes * 60_000 + 8 * 3600_000).toISOString();
  return { departDate: at.slice(0, 10), departTime: at.slice(11, 16) };
}
