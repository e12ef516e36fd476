import { Body, Controller, Fields, Files, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { BasedataHistoryEntry, ImportResult, Page, LineView } from '@dzky/contracts';
import { sendXlsx, uploadedSheet, type UploadedSheet } from '../../../../common/excel';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FileUploadMiddleware } from '../../../file/middleware/file-upload.middleware';
import { ImportQueryDTO, LineCreateDTO, LineQueryDTO, LineUpdateDTO } from '../../dto/basedata.dto';
import { LineService } from '../../service/line.service';

const READ = ['basedata:read', 'basedata:write'] as const;

/** 班线 / 班线许可. */
@ApiTags('admin · basedata · lines')
@ApiBearerAuth()
@Controller('/api/admin/lines')
export class LineController {
  @Inject() ctx: Context;
  @Inject() lines: LineService;

  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: LineQueryDTO): Promise<Page<LineView>> {
    return this.lines.list(adminOf(this.ctx), q);
  }

  @RequirePermission(...READ)
  @Get('/export')
  async export(@Query() q: LineQueryDTO) {
    return sendXlsx(this.ctx, await this.lines.exportSheet(adminOf(this.ctx), q), `班线-${today()}.xlsx`);
  }

  @RequirePermission('basedata:write')
  @Get('/import-template')
  async template() {
    return sendXlsx(this.ctx, await this.lines.template(), '班线导入模板.xlsx');
  }

  @RequirePermission('basedata:write')
  @Post('/import', { middleware: [FileUploadMiddleware] })
  async import(@Query() q: ImportQueryDTO, @Files() files: UploadedSheet[] = [], @Fields() _fields: Record<string, string> = {}): Promise<ImportResult> {
    return this.lines.importSheet(adminOf(this.ctx), await uploadedSheet(files), q.orgId, originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: number): Promise<LineView> {
    return this.lines.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission(...READ)
  @Get('/:id/history')
  async history(@Param('id') id: number): Promise<BasedataHistoryEntry[]> {
    return this.lines.history(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Post('/')
  async create(@Body() body: LineCreateDTO): Promise<LineView> {
    return this.lines.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Put('/:id')
  async update(@Param('id') id: number, @Body() body: LineUpdateDTO): Promise<LineView> {
    return this.lines.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/disable')
  async disable(@Param('id') id: number): Promise<LineView> {
    return this.lines.setEnabled(adminOf(this.ctx), Number(id), false, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/enable')
  async enable(@Param('id') id: number): Promise<LineView> {
    return this.lines.setEnabled(adminOf(this.ctx), Number(id), true, originOf(this.ctx));
  }
}

function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
