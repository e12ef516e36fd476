/**
 * A QR code of a string (a ride code, 乘车码): `import { QrCode } from '../../components/qr-code'`.
 * Taro builds `qr-code.h5.tsx` (an SVG image) into the H5 app and `qr-code.weapp.tsx` (a 2d canvas)
 * into the mini-program; both draw the same module matrix with a white quiet zone.
 */
export interface QrCodeProps {
  /** the text to encode, e.g. the ride code token */
  value: string;
  /** width and height in px, quiet zone included (default 220) */
  size?: number;
  /** what a screen reader says (default 乘车码二维码) */
  label?: string;
  id?: string;
  className?: string;
}

export const DEFAULT_QR_SIZE = 220;
export const DEFAULT_QR_LABEL = '乘车码二维码';
