import { Body, Controller, Del, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { NoticeView, Page } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { NoticeDTO, NoticeQueryDTO } from '../../dto/trip.dto';
import { NoticeService } from '../../service/notice.service';

const READ = ['basedata:read', 'basedata:write'] as const;

/** 信息发布: notices, service commitments and travel requirements. */
@ApiTags('admin · notices')
@ApiBearerAuth()
@Controller('/api/admin/notices')
export class NoticeController {
  @Inject() ctx: Context;
  @Inject() notices: NoticeService;

  @RequirePermission(...READ)
  @Get('/')
  async list(@Query() q: NoticeQueryDTO): Promise<Page<NoticeView>> {
    return this.notices.list(adminOf(this.ctx), q);
  }

  @RequirePermission(...READ)
  @Get('/:id')
  async get(@Param('id') id: number): Promise<NoticeView> {
    return this.notices.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('basedata:write')
  @Post('/')
  async create(@Body() body: NoticeDTO): Promise<NoticeView> {
    return this.notices.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Put('/:id')
  async update(@Param('id') id: number, @Body() body: NoticeDTO): Promise<NoticeView> {
    return this.notices.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('basedata:write')
  @Del('/:id')
  async remove(@Param('id') id: number): Promise<null> {
    await this.notices.remove(adminOf(this.ctx), Number(id), originOf(this.ctx));
    return null;
  }
}
