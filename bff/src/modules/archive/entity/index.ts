import type { ModelCtor } from 'sequelize-typescript';

/** The archive module's Sequelize models (registered in common/db/entities.ts). */
export const ARCHIVE_ENTITIES: ModelCtor[] = [];
