import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { ComplaintListItem, ComplaintView, FeedbackSettings, Page, RatingView } from '@dzky/contracts';
import { Public } from '../../../../common/security/access.decorator';
import { endUserOf } from '../../../../common/security/origin';
import { ComplaintCreateDTO, ComplaintQueryDTO, RatingCreateDTO } from '../../dto/feedback.dto';
import { ComplaintService } from '../../service/complaint.service';
import { serviceHotline } from '../../service/feedback-support';
import { RatingService } from '../../service/rating.service';

/** The passenger's ratings, complaints and suggestions; anyone else's answer 404. */
@ApiTags('passenger app · feedback')
@ApiBearerAuth()
@Controller('/api/app/feedback')
export class FeedbackController {
  @Inject() ctx: Context;
  @Inject() ratings: RatingService;
  @Inject() complaints: ComplaintService;

  /** The hotline, shown before sign-in too (我的 page). */
  @Public()
  @Get('/settings')
  async settings(): Promise<FeedbackSettings> {
    return { hotline: serviceHotline() };
  }

  /** Once per order, after departure or completion; idempotent on clientKey. */
  @Post('/ratings')
  async rate(@Body() body: RatingCreateDTO): Promise<RatingView> {
    return this.ratings.create(endUserOf(this.ctx, 'passenger'), body);
  }

  /** The rating of an own order, or null when it has none yet. */
  @Get('/ratings/order/:orderId')
  async ratingOf(@Param('orderId') orderId: string): Promise<RatingView | null> {
    return this.ratings.ofOrder(endUserOf(this.ctx, 'passenger'), Number(orderId));
  }

  @Post('/complaints')
  async submit(@Body() body: ComplaintCreateDTO): Promise<ComplaintView> {
    return this.complaints.create(endUserOf(this.ctx, 'passenger'), body);
  }

  @Get('/complaints')
  async list(@Query() q: ComplaintQueryDTO): Promise<Page<ComplaintListItem>> {
    return this.complaints.list(endUserOf(this.ctx, 'passenger'), q);
  }

  @Get('/complaints/:id')
  async get(@Param('id') id: string): Promise<ComplaintView> {
    return this.complaints.get(endUserOf(this.ctx, 'passenger'), Number(id));
  }
}
