// Types for `import { openInvoiceFile } from './invoice-file'`; the build resolves invoice-file.weapp.ts or invoice-file.h5.ts.

/** Opens an invoice PDF; `signedUrl` fetches its short-lived signed URL. */
export declare function openInvoiceFile(signedUrl: () => Promise<string>): Promise<void>;
