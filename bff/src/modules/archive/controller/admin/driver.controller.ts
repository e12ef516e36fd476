import { Body, Controller, Fields, Files, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { chinaToday, type ArchiveHistoryEntry, type ImportResult, type DriverLinkCandidate, type DriverView, type Page, type VerificationView } from '@dzky/contracts';
import { sendXlsx, uploadedSheet, type UploadedSheet } from '../../../../common/excel';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FileUploadMiddleware } from '../../../file/middleware/file-upload.middleware';
import { DriverDTO, DriverLinkDTO, DriverQueryDTO } from '../../dto/archive.dto';
import { ArchiveExcelService } from '../../service/archive-excel.service';
import { DriverService } from '../../service/driver.service';

const READ = ['basedata:read', 'basedata:write'] as const;

@ApiTags('admin · archives')
@ApiBearerAuth()
@Controller('/api/admin/drivers')
export class DriverController {
  @Inject() ctx: Context;
  @Inject() drivers: DriverService;
  @Inject() excel: ArchiveExcelService;

  /** `idNumber` and `phone` match whole numbers exactly (blind index); `name` matches a part. */
  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: DriverQueryDTO): Promise<Page<DriverView>> {
    return this.drivers.list(adminOf(this.ctx), q);
  }

  /** Numbers are masked in the export too: a spreadsheet travels further than the page. */
  @RequirePermission(...READ)
  @Get('/export')
  async export(@Query() q: DriverQueryDTO) {
    const buffer = await this.excel.exportDrivers(adminOf(this.ctx), q, originOf(this.ctx));
    return sendXlsx(this.ctx, buffer, `驾驶员-${chinaToday()}.xlsx`);
  }

  @RequirePermission('basedata:write')
  @Get('/import-template')
  async template() {
    return sendXlsx(this.ctx, await this.excel.driverTemplate(), '驾驶员导入模板.xlsx');
  }

  @RequirePermission('basedata:write')
  @Post('/import', { middleware: [FileUploadMiddleware] })
  async import(@Files() files: UploadedSheet[] = [], @Fields() _fields: Record<string, string> = {}): Promise<ImportResult> {
    return this.excel.importDrivers(adminOf(this.ctx), await uploadedSheet(files), originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: string): Promise<DriverView> {
    return this.drivers.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Post('/')
  async create(@Body() body: DriverDTO): Promise<DriverView> {
    return this.drivers.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Put('/:id')
  async update(@Param('id') id: string, @Body() body: DriverDTO): Promise<DriverView> {
    return this.drivers.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/disable')
  async disable(@Param('id') id: string): Promise<DriverView> {
    return this.drivers.setEnabled(adminOf(this.ctx), Number(id), false, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/enable')
  async enable(@Param('id') id: string): Promise<DriverView> {
    return this.drivers.setEnabled(adminOf(this.ctx), Number(id), true, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/verify')
  async verify(@Param('id') id: string): Promise<VerificationView> {
    return this.drivers.verify(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  @RequirePermission(...READ)
  @Get('/:id/history')
  async history(@Param('id') id: string): Promise<ArchiveHistoryEntry[]> {
    return this.drivers.historyOf(adminOf(this.ctx), Number(id));
  }

  /** Driver-app accounts registered with the archive's phone number (design.md §3 "Identity"). */
  @RequirePermission('basedata:write')
  @Get('/:id/link-candidates')
  async candidates(@Param('id') id: string): Promise<DriverLinkCandidate[]> {
    return this.drivers.linkCandidates(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/link')
  async link(@Param('id') id: string, @Body() body: DriverLinkDTO): Promise<DriverView> {
    return this.drivers.link(adminOf(this.ctx), Number(id), body.endUserId, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Post('/:id/unlink')
  async unlink(@Param('id') id: string): Promise<DriverView> {
    return this.drivers.unlink(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }
}
