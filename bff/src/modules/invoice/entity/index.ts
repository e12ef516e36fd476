import { InvoiceEntity } from './invoice.entity';

export { InvoiceEntity };
export const INVOICE_ENTITIES = [InvoiceEntity];
