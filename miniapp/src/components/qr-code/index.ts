/**
 * A QR code of a string: `import { QrCode } from '../../components/qr-code'`. Taro builds
 * `qr-code.h5.tsx` (SVG image, `data-testid="ride-qr"`, `data-value` = the text) into the H5 app and
 * `qr-code.weapp.tsx` (2d canvas) into the mini-program.
 */
export { QrCode } from './qr-code';
export type { QrCodeProps } from './types';
export { DEFAULT_QR_LABEL, DEFAULT_QR_SIZE } from './types';
