import { Body, Controller, Fields, Files, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { BasedataHistoryEntry, ImportResult, Page, StopView } from '@dzky/contracts';
import { sendXlsx, uploadedSheet, type UploadedSheet } from '../../../../common/excel';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FileUploadMiddleware } from '../../../file/middleware/file-upload.middleware';
import { ImportQueryDTO, StopCreateDTO, StopQueryDTO, StopUpdateDTO } from '../../dto/basedata.dto';
import { StopService } from '../../service/stop.service';

const READ = ['basedata:read', 'basedata:write'] as const;

/** 上下旅客地点. */
@ApiTags('admin · basedata · stops')
@ApiBearerAuth()
@Controller('/api/admin/stops')
export class StopController {
  @Inject() ctx: Context;
  @Inject() stops: StopService;

  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: StopQueryDTO): Promise<Page<StopView>> {
    return this.stops.list(adminOf(this.ctx), q);
  }

  @RequirePermission(...READ)
  @Get('/export')
  async export(@Query() q: StopQueryDTO) {
    return sendXlsx(this.ctx, await this.stops.exportSheet(adminOf(this.ctx), q), `站点-${today()}.xlsx`);
  }

  @RequirePermission('basedata:write')
  @Get('/import-template')
  async template() {
    return sendXlsx(this.ctx, await this.stops.template(), '站点导入模板.xlsx');
  }

  @RequirePermission('basedata:write')
  @Post('/import', { middleware: [FileUploadMiddleware] })
  async import(@Query() q: ImportQueryDTO, @Files() files: UploadedSheet[] = [], @Fields() _fields: Record<string, string> = {}): Promise<ImportResult> {
    return this.stops.importSheet(adminOf(this.ctx), await uploadedSheet(files), q.orgId, originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: number): Promise<StopView> {
    return this.stops.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission(...READ)
  @Get('/:id/history')
  async history(@Param('id') id: number): Promise<BasedataHistoryEntry[]> {
    return this.stops.history(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Post('/')
  async create(@Body() body: StopCreateDTO): Promise<StopView> {
    return this.stops.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Put('/:id')
  async update(@Param('id') id: number, @Body() body: StopUpdateDTO): Promise<StopView> {
    return this.stops.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/disable')
  async disable(@Param('id') id: number): Promise<StopView> {
    return this.stops.setEnabled(adminOf(this.ctx), Number(id), false, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/enable')
  async enable(@Param('id') id: number): Promise<StopView> {
    return this.stops.setEnabled(adminOf(this.ctx), Number(id), true, originOf(this.ctx));
  }
}

function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
