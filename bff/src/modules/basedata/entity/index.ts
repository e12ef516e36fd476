import type { ModelCtor } from 'sequelize-typescript';

/** The basedata module's Sequelize models (registered in common/db/entities.ts). */
export const BASEDATA_ENTITIES: ModelCtor[] = [];
