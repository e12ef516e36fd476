import type { ModelCtor } from 'sequelize-typescript';
import { ComplaintEntity, ComplaintEventEntity, RatingEntity } from './feedback.entity';

export { ComplaintEntity, ComplaintEventEntity, RatingEntity };

/** The feedback module's Sequelize models (registered in common/db/entities.ts). */
export const FEEDBACK_ENTITIES: ModelCtor[] = [RatingEntity, ComplaintEntity, ComplaintEventEntity];
