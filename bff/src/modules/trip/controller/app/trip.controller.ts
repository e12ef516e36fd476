import { Controller, Get, Inject, Param, Query } from '@midwayjs/core';
import { ApiTags } from '@midwayjs/swagger';
import type { CityOption, PassengerHome, PublicStop, SeatMap, TravelInfoItem, TripDetail, TripSearchItem } from '@dzky/contracts';
import { Public } from '../../../../common/security/access.decorator';
import { SeatQueryDTO, StopSearchDTO, TripSearchDTO } from '../../dto/trip.dto';
import { PassengerTripService } from '../../service/passenger-trip.service';

/**
 * What anyone may read before signing in: published information, trips and
 * fares, stops and travel information. Nothing here is personal, so no token is asked for.
 */
@ApiTags('passenger app · trips')
@Controller('/api/app')
export class PassengerTripController {
  @Inject() service: PassengerTripService;

  @Public()
  @Get('/home')
  async home(): Promise<PassengerHome> {
    return this.service.home();
  }

  @Public()
  @Get('/cities')
  async cities(): Promise<CityOption[]> {
    return this.service.cities();
  }

  @Public()
  @Get('/trips')
  async search(@Query() q: TripSearchDTO): Promise<TripSearchItem[]> {
    return this.service.search(q);
  }

  @Public()
  @Get('/trips/:id')
  async detail(@Param('id') id: number): Promise<TripDetail> {
    return this.service.detail(Number(id));
  }

  @Public()
  @Get('/trips/:id/seats')
  async seats(@Param('id') id: number, @Query() q: SeatQueryDTO): Promise<SeatMap> {
    return this.service.seats(Number(id), q.fromSeq, q.toSeq);
  }

  @Public()
  @Get('/stops')
  async stops(@Query() q: StopSearchDTO): Promise<PublicStop[]> {
    return this.service.stops(q);
  }

  @Public()
  @Get('/travel-info')
  async travelInfo(): Promise<TravelInfoItem[]> {
    return this.service.travelInfo();
  }
}
