import { Body, Controller, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { LocateResult } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf } from '../../../../common/security/origin';
import { LocateDTO } from '../../dto/basedata.dto';
import { readScope } from '../../service/basedata-scope';
import { GeofenceService } from '../../service/geofence.service';
import { RouteService } from '../../service/route.service';

/** Which zones contain a point and which stops are nearest, within the caller's scope. */
@ApiTags('admin · basedata · geo')
@ApiBearerAuth()
@Controller('/api/admin/geo')
export class GeoController {
  @Inject() ctx: Context;
  @Inject() geofence: GeofenceService;
  @Inject() routes: RouteService;

  @RequirePermission('basedata:read', 'basedata:write')
  @Post('/locate')
  async locate(@Body() body: LocateDTO): Promise<LocateResult> {
    const principal = adminOf(this.ctx);
    if (body.routeId) await this.routes.visible(principal, body.routeId); // 404 outside scope
    const { orgIds } = await readScope(principal);
    const point = this.geofence.normalise(body.lng, body.lat, body.coordSys);
    const [zones, nearestStops] = await Promise.all([
      this.geofence.zonesAt(point, { orgIds: body.routeId ? undefined : orgIds, routeId: body.routeId, kind: body.kind, includeDisabled: true }),
      this.geofence.nearestStops(point, { orgIds, limit: body.limit, maxDistanceM: body.maxDistanceM }),
    ]);
    return { point, zones, nearestStops };
  }
}
