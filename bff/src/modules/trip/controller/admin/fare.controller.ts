import { Body, Controller, Del, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { FarePreview, RouteFareTable, TradingRulesView } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FarePreviewDTO, FareTableDTO, OrgQueryDTO, TradingRulesDTO } from '../../dto/trip.dto';
import { FareService } from '../../service/fare.service';
import { TradingRulesService } from '../../service/trading-rules.service';

const READ = ['basedata:read', 'basedata:write', 'fare:write'] as const;

/** 票价与交易规则: route fare tables, the operator's rules and route overrides, the price preview. */
@ApiTags('admin · fares')
@ApiBearerAuth()
@Controller('/api/admin/fares')
export class FareController {
  @Inject() ctx: Context;
  @Inject() fares: FareService;
  @Inject() rules: TradingRulesService;

  @RequirePermission(...READ)
  @Get('/routes/:routeId')
  async table(@Param('routeId') routeId: number): Promise<RouteFareTable> {
    return this.fares.table(adminOf(this.ctx), Number(routeId));
  }

  @RequirePermission('fare:write')
  @Put('/routes/:routeId')
  async replaceTable(@Param('routeId') routeId: number, @Body() body: FareTableDTO): Promise<RouteFareTable> {
    return this.fares.replace(adminOf(this.ctx), Number(routeId), body, originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/rules')
  async operatorRules(@Query() q: OrgQueryDTO): Promise<TradingRulesView> {
    return this.rules.getOperatorRules(adminOf(this.ctx), q.orgId);
  }

  @RequirePermission('fare:write')
  @Put('/rules')
  async putOperatorRules(@Query() q: OrgQueryDTO, @Body() body: TradingRulesDTO): Promise<TradingRulesView> {
    return this.rules.putOperatorRules(adminOf(this.ctx), q.orgId, body.rules, originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/rules/routes/:routeId')
  async routeRules(@Param('routeId') routeId: number): Promise<TradingRulesView> {
    return this.rules.getRouteRules(adminOf(this.ctx), Number(routeId));
  }

  @RequirePermission('fare:write')
  @Put('/rules/routes/:routeId')
  async putRouteRules(@Param('routeId') routeId: number, @Body() body: TradingRulesDTO): Promise<TradingRulesView> {
    return this.rules.putRouteRules(adminOf(this.ctx), Number(routeId), body.rules, originOf(this.ctx));
  }

  @RequirePermission('fare:write')
  @Del('/rules/routes/:routeId')
  async deleteRouteRules(@Param('routeId') routeId: number): Promise<TradingRulesView> {
    return this.rules.deleteRouteRules(adminOf(this.ctx), Number(routeId), originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Post('/preview')
  async preview(@Body() body: FarePreviewDTO): Promise<FarePreview> {
    return this.fares.preview(adminOf(this.ctx), body);
  }
}
