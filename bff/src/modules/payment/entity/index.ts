import { PaymentEntity, PaymentNotificationEntity, RefundEntity } from './payment.entity';

export { PaymentEntity, PaymentNotificationEntity, RefundEntity };
export const PAYMENT_ENTITIES = [PaymentEntity, RefundEntity, PaymentNotificationEntity];
