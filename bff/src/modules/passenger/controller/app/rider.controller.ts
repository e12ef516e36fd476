import { Body, Controller, Del, Get, Inject, Param, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { endUserOf, originOf } from '../../../../common/security/origin';
import { RiderDTO, RiderUpdateDTO } from '../../dto/passenger.dto';
import { RiderService } from '../../service/rider.service';

/** 常用乘车人: the signed-in passenger's own real-name riders. */
@ApiTags('passenger app · riders')
@ApiBearerAuth()
@Controller('/api/app/riders')
export class RiderController {
  @Inject() ctx: Context;
  @Inject() riders: RiderService;

  @Get('/')
  async list() {
    return this.riders.list(endUserOf(this.ctx, 'passenger'));
  }

  @Get('/:id')
  async get(@Param('id') id: string) {
    return this.riders.get(endUserOf(this.ctx, 'passenger'), Number(id));
  }

  @Post('/')
  async create(@Body() body: RiderDTO) {
    return this.riders.create(endUserOf(this.ctx, 'passenger'), body, originOf(this.ctx));
  }

  @Put('/:id')
  async update(@Param('id') id: string, @Body() body: RiderUpdateDTO) {
    return this.riders.update(endUserOf(this.ctx, 'passenger'), Number(id), body, originOf(this.ctx));
  }

  @Del('/:id')
  async remove(@Param('id') id: string) {
    await this.riders.remove(endUserOf(this.ctx, 'passenger'), Number(id), originOf(this.ctx));
    return null;
  }
}
