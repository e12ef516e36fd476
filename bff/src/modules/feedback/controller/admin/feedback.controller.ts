import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import {
  COMPLAINT_ACTIONS,
  type AdminComplaintListItem, type AdminComplaintView, type AdminRatingListItem, type ComplaintAction, type FeedbackStats, type Page,
} from '@dzky/contracts';
import { NotFoundError } from '../../../../common/error/domain.error';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { AdminComplaintQueryDTO, AdminRatingQueryDTO, ComplaintActionDTO, FeedbackStatsQueryDTO, HotlineComplaintDTO } from '../../dto/feedback.dto';
import { ComplaintService } from '../../service/complaint.service';
import { FeedbackStatsService } from '../../service/feedback-stats.service';
import { RatingService } from '../../service/rating.service';

/** Complaint handling, ratings and their statistics, within the caller's organisation subtree. */
@ApiTags('admin · feedback')
@ApiBearerAuth()
@Controller('/api/admin/feedback')
export class AdminFeedbackController {
  @Inject() ctx: Context;
  @Inject() complaints: ComplaintService;
  @Inject() ratings: RatingService;
  @Inject() statistics: FeedbackStatsService;

  @RequirePermission('service:complaint')
  @Get('/complaints')
  async list(@Query() q: AdminComplaintQueryDTO): Promise<Page<AdminComplaintListItem>> {
    return this.complaints.adminList(adminOf(this.ctx), q, originOf(this.ctx));
  }

  /** A call to the service hotline, logged by customer service. */
  @RequirePermission('service:complaint')
  @Post('/complaints')
  async logHotline(@Body() body: HotlineComplaintDTO): Promise<AdminComplaintView> {
    return this.complaints.logHotline(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('service:complaint')
  @Get('/complaints/:id')
  async get(@Param('id') id: string): Promise<AdminComplaintView> {
    return this.complaints.adminGet(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  /** accept · reply · resolve · close, each a named event of the complaint machine. */
  @RequirePermission('service:complaint')
  @Post('/complaints/:id/:action')
  async act(@Param('id') id: string, @Param('action') action: string, @Body() body: ComplaintActionDTO): Promise<AdminComplaintView> {
    if (!Object.prototype.hasOwnProperty.call(COMPLAINT_ACTIONS, action)) throw new NotFoundError('操作');
    return this.complaints.act(adminOf(this.ctx), Number(id), action as ComplaintAction, body?.note, originOf(this.ctx));
  }

  @RequirePermission('service:complaint')
  @Get('/ratings')
  async ratingList(@Query() q: AdminRatingQueryDTO): Promise<Page<AdminRatingListItem>> {
    return this.ratings.adminList(adminOf(this.ctx), q, originOf(this.ctx));
  }

  @RequirePermission('service:complaint')
  @Get('/stats')
  async stats(@Query() q: FeedbackStatsQueryDTO): Promise<FeedbackStats> {
    return this.statistics.stats(adminOf(this.ctx), q, originOf(this.ctx));
  }
}
