/**
 * The QR code in the H5 app: an SVG data URI in a plain <img>, so it scales sharply, can be saved
 * with a long press, and carries its attributes on the element itself (Taro's H5 <Image> is a web
 * component with the real <img> inside). `data-value` holds the encoded text, for browser tests.
 */
import { useMemo } from 'react';
import { qrMatrix, qrSvg } from './matrix';
import { DEFAULT_QR_LABEL, DEFAULT_QR_SIZE, type QrCodeProps } from './types';

export function QrCode({ value, size = DEFAULT_QR_SIZE, label = DEFAULT_QR_LABEL, id, className }: QrCodeProps) {
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(qrMatrix(value)))}`, [value]);
  return (
    <img
      id={id}
      className={className}
      src={src}
      width={size}
      height={size}
      alt={label}
      aria-label={label}
      role="img"
      data-testid="ride-qr"
      data-value={value}
      style={{ display: 'block', width: `${size}px`, height: `${size}px`, background: '#fff' }}
    />
  );
}
