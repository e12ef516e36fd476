import type { ModelCtor } from 'sequelize-typescript';
import { OrderEntity, SeatOccupancyEntity, TicketEntity, type BookedPoint } from './order.entity';

export { OrderEntity, SeatOccupancyEntity, TicketEntity, type BookedPoint };

/** The booking module's Sequelize models (registered in common/db/entities.ts). */
export const BOOKING_ENTITIES: ModelCtor[] = [OrderEntity, TicketEntity, SeatOccupancyEntity];
