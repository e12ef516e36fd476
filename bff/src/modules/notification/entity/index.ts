import type { ModelCtor } from 'sequelize-typescript';
import { NotificationDeliveryEntity, type DeliveryChannel, type DeliveryStatus } from './notification-delivery.entity';

export { NotificationDeliveryEntity, type DeliveryChannel, type DeliveryStatus };

export const NOTIFICATION_ENTITIES: ModelCtor[] = [NotificationDeliveryEntity];
