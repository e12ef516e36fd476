import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { Page, TripBatchResult, TripView } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { TripBatchDTO, TripCreateDTO, TripQueryDTO, TripUpdateDTO } from '../../dto/trip.dto';
import { TripService } from '../../service/trip.service';

const READ = ['dispatch:read', 'dispatch:write'] as const;

/** 班次: trips, timetables, capacity and sales pauses (cancellation is booking's: it cancels orders too). */
@ApiTags('admin · trips')
@ApiBearerAuth()
@Controller('/api/admin/trips')
export class TripController {
  @Inject() ctx: Context;
  @Inject() trips: TripService;

  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: TripQueryDTO): Promise<Page<TripView>> {
    return this.trips.list(adminOf(this.ctx), q);
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: number): Promise<TripView> {
    return this.trips.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('dispatch:write')
  @Post('/')
  async create(@Body() body: TripCreateDTO): Promise<TripView> {
    return this.trips.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('dispatch:write')
  @Post('/batch')
  async batch(@Body() body: TripBatchDTO): Promise<TripBatchResult> {
    return this.trips.batch(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('dispatch:write')
  @Put('/:id')
  async update(@Param('id') id: number, @Body() body: TripUpdateDTO): Promise<TripView> {
    return this.trips.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('dispatch:write')
  @Post('/:id/suspend')
  async suspend(@Param('id') id: number): Promise<TripView> {
    return this.trips.suspend(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  @RequirePermission('dispatch:write')
  @Post('/:id/resume')
  async resume(@Param('id') id: number): Promise<TripView> {
    return this.trips.resume(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }
}
