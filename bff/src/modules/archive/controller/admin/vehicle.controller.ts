import { Body, Controller, Fields, Files, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { chinaToday, type ArchiveHistoryEntry, type ImportResult, type Page, type VehicleView, type VerificationView } from '@dzky/contracts';
import { sendXlsx, uploadedSheet, type UploadedSheet } from '../../../../common/excel';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FileUploadMiddleware } from '../../../file/middleware/file-upload.middleware';
import { VehicleDTO, VehicleQueryDTO } from '../../dto/archive.dto';
import { ArchiveExcelService } from '../../service/archive-excel.service';
import { VehicleService } from '../../service/vehicle.service';

const READ = ['basedata:read', 'basedata:write'] as const;

@ApiTags('admin · archives')
@ApiBearerAuth()
@Controller('/api/admin/vehicles')
export class VehicleController {
  @Inject() ctx: Context;
  @Inject() vehicles: VehicleService;
  @Inject() excel: ArchiveExcelService;

  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: VehicleQueryDTO): Promise<Page<VehicleView>> {
    return this.vehicles.list(adminOf(this.ctx), q);
  }

  @RequirePermission(...READ)
  @Get('/export')
  async export(@Query() q: VehicleQueryDTO) {
    const buffer = await this.excel.exportVehicles(adminOf(this.ctx), q, originOf(this.ctx));
    return sendXlsx(this.ctx, buffer, `车辆-${chinaToday()}.xlsx`);
  }

  @RequirePermission('basedata:write')
  @Get('/import-template')
  async template() {
    return sendXlsx(this.ctx, await this.excel.vehicleTemplate(), '车辆导入模板.xlsx');
  }

  /** multipart `file` (.xlsx from the template): every row is imported, or none (IMPORT.INVALID_ROWS). */
  @RequirePermission('basedata:write')
  @Post('/import', { middleware: [FileUploadMiddleware] })
  async import(@Files() files: UploadedSheet[] = [], @Fields() _fields: Record<string, string> = {}): Promise<ImportResult> {
    return this.excel.importVehicles(adminOf(this.ctx), await uploadedSheet(files), originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: string): Promise<VehicleView> {
    return this.vehicles.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Post('/')
  async create(@Body() body: VehicleDTO): Promise<VehicleView> {
    return this.vehicles.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Put('/:id')
  async update(@Param('id') id: string, @Body() body: VehicleDTO): Promise<VehicleView> {
    return this.vehicles.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/disable')
  async disable(@Param('id') id: string): Promise<VehicleView> {
    return this.vehicles.setEnabled(adminOf(this.ctx), Number(id), false, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/enable')
  async enable(@Param('id') id: string): Promise<VehicleView> {
    return this.vehicles.setEnabled(adminOf(this.ctx), Number(id), true, originOf(this.ctx));
  }

  /** checks the vehicle against the licence registry now; 502 when it cannot be reached. */
  @RequirePermission('basedata:write')
  @Post('/:id/verify')
  async verify(@Param('id') id: string): Promise<VerificationView> {
    return this.vehicles.verify(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id/history')
  async history(@Param('id') id: string): Promise<ArchiveHistoryEntry[]> {
    return this.vehicles.historyOf(adminOf(this.ctx), Number(id));
  }
}
