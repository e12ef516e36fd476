import type { ModelCtor } from 'sequelize-typescript';
import { PassengerProfileEntity } from './passenger-profile.entity';
import { RiderEntity } from './rider.entity';

export { PassengerProfileEntity, RiderEntity };

/** The passenger module's Sequelize models (registered in common/db/entities.ts). */
export const PASSENGER_ENTITIES: ModelCtor[] = [RiderEntity, PassengerProfileEntity];
