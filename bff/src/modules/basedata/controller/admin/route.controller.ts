import { Body, Controller, Del, Fields, Files, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { BasedataHistoryEntry, ImportResult, Page, RouteListItem, RouteView, ZoneView } from '@dzky/contracts';
import { sendXlsx, uploadedSheet, type UploadedSheet } from '../../../../common/excel';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FileUploadMiddleware } from '../../../file/middleware/file-upload.middleware';
import { ImportQueryDTO, RouteCreateDTO, RouteQueryDTO, RouteUpdateDTO, ZoneDTO } from '../../dto/basedata.dto';
import { RouteService } from '../../service/route.service';

const READ = ['basedata:read', 'basedata:write'] as const;

/** Routes of a line, their ordered stops and geofence zones. */
@ApiTags('admin · basedata · routes')
@ApiBearerAuth()
@Controller('/api/admin/routes')
export class RouteController {
  @Inject() ctx: Context;
  @Inject() routes: RouteService;

  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: RouteQueryDTO): Promise<Page<RouteListItem>> {
    return this.routes.list(adminOf(this.ctx), q);
  }

  @RequirePermission(...READ)
  @Get('/export')
  async export(@Query() q: RouteQueryDTO) {
    return sendXlsx(this.ctx, await this.routes.exportSheet(adminOf(this.ctx), q), `线路站点-${today()}.xlsx`);
  }

  @RequirePermission('basedata:write')
  @Get('/import-template')
  async template() {
    return sendXlsx(this.ctx, await this.routes.template(), '线路站点导入模板.xlsx');
  }

  @RequirePermission('basedata:write')
  @Post('/import', { middleware: [FileUploadMiddleware] })
  async import(@Query() q: ImportQueryDTO, @Files() files: UploadedSheet[] = [], @Fields() _fields: Record<string, string> = {}): Promise<ImportResult> {
    return this.routes.importSheet(adminOf(this.ctx), await uploadedSheet(files), q.orgId, originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: number): Promise<RouteView> {
    return this.routes.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission(...READ)
  @Get('/:id/history')
  async history(@Param('id') id: number): Promise<BasedataHistoryEntry[]> {
    return this.routes.history(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Post('/')
  async create(@Body() body: RouteCreateDTO): Promise<RouteView> {
    return this.routes.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Put('/:id')
  async update(@Param('id') id: number, @Body() body: RouteUpdateDTO): Promise<RouteView> {
    return this.routes.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/disable')
  async disable(@Param('id') id: number): Promise<RouteView> {
    return this.routes.setEnabled(adminOf(this.ctx), Number(id), false, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/enable')
  async enable(@Param('id') id: number): Promise<RouteView> {
    return this.routes.setEnabled(adminOf(this.ctx), Number(id), true, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/zones')
  async createZone(@Param('id') id: number, @Body() body: ZoneDTO): Promise<ZoneView> {
    return this.routes.createZone(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Put('/:id/zones/:zoneId')
  async updateZone(@Param('id') id: number, @Param('zoneId') zoneId: number, @Body() body: ZoneDTO): Promise<ZoneView> {
    return this.routes.updateZone(adminOf(this.ctx), Number(id), Number(zoneId), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Del('/:id/zones/:zoneId')
  async deleteZone(@Param('id') id: number, @Param('zoneId') zoneId: number): Promise<null> {
    await this.routes.deleteZone(adminOf(this.ctx), Number(id), Number(zoneId), originOf(this.ctx));
    return null;
  }
}

function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
