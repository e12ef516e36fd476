import type { ModelCtor } from 'sequelize-typescript';

/** The passenger module's Sequelize models (registered in common/db/entities.ts). */
export const PASSENGER_ENTITIES: ModelCtor[] = [];
