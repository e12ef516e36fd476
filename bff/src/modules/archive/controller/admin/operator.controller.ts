import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { ArchiveHistoryEntry, OperatorView, Page, VerificationView } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { OperatorDTO, OperatorMerchantDTO, OperatorQueryDTO } from '../../dto/archive.dto';
import { OperatorArchiveService } from '../../service/operator-archive.service';

const READ = ['basedata:read', 'basedata:write'] as const;

/** Operator archives, addressed by the operator org's id (one archive per operator). */
@ApiTags('admin · archives')
@ApiBearerAuth()
@Controller('/api/admin/operators')
export class OperatorController {
  @Inject() ctx: Context;
  @Inject() operators: OperatorArchiveService;

  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: OperatorQueryDTO): Promise<Page<OperatorView>> {
    return this.operators.list(adminOf(this.ctx), q);
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: string): Promise<OperatorView> {
    return this.operators.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Put('/:id')
  async save(@Param('id') id: string, @Body() body: OperatorDTO): Promise<OperatorView> {
    return this.operators.save(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  /** Payment merchant settings: finance only; ids only, never keys. */
  @RequirePermission('finance:write')
  @Put('/:id/merchant')
  async merchant(@Param('id') id: string, @Body() body: OperatorMerchantDTO): Promise<OperatorView> {
    return this.operators.setMerchant(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  /** checks the archive against the licence registry now; 502 when it cannot be reached. */
  @RequirePermission('basedata:write')
  @Post('/:id/verify')
  async verify(@Param('id') id: string): Promise<VerificationView> {
    return this.operators.verify(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id/history')
  async history(@Param('id') id: string): Promise<ArchiveHistoryEntry[]> {
    return this.operators.historyOf(adminOf(this.ctx), Number(id));
  }
}
