// Types for `import { QrCode } from './qr-code'`; the build resolves qr-code.h5.tsx or qr-code.weapp.tsx.
import type { QrCodeProps } from './types';

export declare function QrCode(props: QrCodeProps): JSX.Element;
