/**
 * The QR code in the mini-program: a 2d <Canvas> (a grid of <View>s would be thousands of nodes for
 * a ride code). Modules are whole device pixels, so no seams appear between them; what is left
 * over goes to the white quiet zone.
 */
import { useEffect, useMemo } from 'react';
import Taro from '@tarojs/taro';
import { Canvas } from '@tarojs/components';
import { QUIET_ZONE, darkRuns, qrMatrix } from './matrix';
import { DEFAULT_QR_LABEL, DEFAULT_QR_SIZE, type QrCodeProps } from './types';

let serial = 0;

interface Canvas2d {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
  };
}

export function QrCode({ value, size = DEFAULT_QR_SIZE, label = DEFAULT_QR_LABEL, id, className }: QrCodeProps) {
  const canvasId = useMemo(() => id ?? `ride-qr-${++serial}`, [id]);
  const matrix = useMemo(() => qrMatrix(value), [value]);

  useEffect(() => {
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${canvasId}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: Canvas2d } | null>) => {
          const canvas = res?.[0]?.node;
          if (!canvas) return;
          const ratio = Taro.getWindowInfo?.().pixelRatio ?? Taro.getSystemInfoSync().pixelRatio ?? 2;
          const side = Math.round(size * ratio);
          canvas.width = side;
          canvas.height = side;
          const ctx = canvas.getContext('2d');
          const cell = Math.floor(side / (matrix.size + 2 * QUIET_ZONE));
          const offset = Math.floor((side - cell * matrix.size) / 2);
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, side, side);
          ctx.fillStyle = '#000000';
          for (const [r, c, n] of darkRuns(matrix)) ctx.fillRect(offset + c * cell, offset + r * cell, n * cell, cell);
        });
    });
  }, [canvasId, matrix, size]);

  return (
    <Canvas
      type="2d"
      id={canvasId}
      className={className}
      aria-label={label}
      aria-role="img"
      style={{ width: `${size}px`, height: `${size}px`, background: '#ffffff' }}
    />
  );
}
