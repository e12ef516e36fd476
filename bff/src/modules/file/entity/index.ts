import type { ModelCtor } from 'sequelize-typescript';

/** The file module's Sequelize models (registered in common/db/entities.ts). */
export const FILE_ENTITIES: ModelCtor[] = [];
