import QRCode from 'qrcode';

/** Light modules around the code: the 4 the QR standard asks for, so scanners find the edges. */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** modules per side, quiet zone excluded */
  size: number;
  /** row-major, 1 = dark */
  modules: Uint8Array;
}

/** UTF-8 without TextEncoder, which the mini-program runtime does not always have. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * The module matrix of `text` at error correction level M (15 % of the code may be unreadable —
 * a scratched screen protector, glare — and a long ride code still fits a phone screen). The text
 * goes in as one byte segment of its UTF-8: given a string, the library calls TextEncoder itself.
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create([{ data: utf8Bytes(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, modules: Uint8Array.from(qr.modules.data) };
}

/** Runs of dark modules per row: [row, first column, length], quiet zone not counted. */
export function darkRuns(m: QrMatrix): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = [];
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.modules[r * m.size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.modules[r * m.size + c]) c++;
      runs.push([r, start, c - start]);
    }
  }
  return runs;
}

/**
 * The code as SVG: one unit per module, the quiet zone as a white background, dark runs of a row
 * drawn as one path segment each (a ride code's matrix has thousands of modules).
 */
export function qrSvg(m: QrMatrix): string {
  const side = m.size + 2 * QUIET_ZONE;
  const path = darkRuns(m)
    .map(([r, c, n]) => `M${c + QUIET_ZONE} ${r + QUIET_ZONE}h${n}v1h-${n}z`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}
