import type { ModelCtor } from 'sequelize-typescript';
import { TripEntity, TripSegmentEntity, type TripStopSnapshot } from './trip.entity';
import { FarePairEntity, TradingRulesEntity } from './fare.entity';
import { NoticeEntity } from './notice.entity';

export { TripEntity, TripSegmentEntity, FarePairEntity, TradingRulesEntity, NoticeEntity, type TripStopSnapshot };

/** The trip module's Sequelize models (registered in common/db/entities.ts). */
export const TRIP_ENTITIES: ModelCtor[] = [TripEntity, TripSegmentEntity, FarePairEntity, TradingRulesEntity, NoticeEntity];
