import type { ModelCtor } from 'sequelize-typescript';
import { FileObjectEntity } from './file-object.entity';

/** The file module's Sequelize models (registered in common/db/entities.ts). */
export const FILE_ENTITIES: ModelCtor[] = [FileObjectEntity];
