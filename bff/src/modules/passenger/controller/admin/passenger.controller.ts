import { Controller, Get, Inject, Param, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { AdminPassengerQueryDTO } from '../../dto/passenger.dto';
import { AdminPassengerService } from '../../service/admin-passenger.service';

/** Passenger records for platform staff (customer service, order handling); operator staff get 403. */
@ApiTags('admin · passengers')
@ApiBearerAuth()
@Controller('/api/admin/passengers')
export class AdminPassengerController {
  @Inject() ctx: Context;
  @Inject() passengers: AdminPassengerService;

  @RequirePermission('order:read', 'service:complaint')
  @Get('/')
  async list(@Query() q: AdminPassengerQueryDTO) {
    return this.passengers.list(adminOf(this.ctx), q, originOf(this.ctx));
  }

  @RequirePermission('order:read', 'service:complaint')
  @Get('/:id')
  async get(@Param('id') id: string) {
    return this.passengers.get(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }
}
