import { Body, Controller, Get, Inject, Param, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { TripCancelResult, TripManifest } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { TripCancelDTO } from '../../dto/booking.dto';
import { AdminOrderService } from '../../service/admin-order.service';
import { TripCancellationService } from '../../service/trip-cancellation.service';

/**
 * The trip actions that reach into its orders: the passenger manifest and cancelling the trip
 * (which cancels or refunds every order on it). The trip module serves the rest of /api/admin/trips.
 */
@ApiTags('admin · trips')
@ApiBearerAuth()
@Controller('/api/admin/trips')
export class TripBookingController {
  @Inject() ctx: Context;
  @Inject() orders: AdminOrderService;
  @Inject() cancellation: TripCancellationService;

  // whoever may see or run the trip (the trips page opens for either) sees who is on it
  @RequirePermission('dispatch:read', 'dispatch:write')
  @Get('/:id/manifest')
  async manifest(@Param('id') id: string): Promise<TripManifest> {
    return this.orders.manifest(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  @RequirePermission('dispatch:write')
  @Post('/:id/cancel')
  async cancel(@Param('id') id: string, @Body() body: TripCancelDTO): Promise<TripCancelResult> {
    return this.cancellation.cancel(adminOf(this.ctx), Number(id), body.reason, originOf(this.ctx));
  }
}
