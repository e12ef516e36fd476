import { render, screen } from '@testing-library/react';
import QRCode from 'qrcode';
import { utf8Bytes } from './matrix';
import { QrCode } from './qr-code.h5';

const TOKEN = 'v1.eyJ0aWNrZXRObyI6IlQyMDI2MTIwNzAwMDEiLCJ0cmlwSWQiOjQyfQ.c2lnbmF0dXJlLWJ5dGVzLWdvLWhlcmUtNjQtYnl0ZXMtbG9uZy0wMTIzNDU2Nzg5YWJjZGVm';

/** The SVG behind the rendered <img>, read back into a module matrix. */
function drawn(img: HTMLElement) {
  const src = img.getAttribute('src')!;
  expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
  const svg = new DOMParser().parseFromString(decodeURIComponent(src.slice(src.indexOf(',') + 1)), 'image/svg+xml');
  const [, , w, h] = svg.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
  const background = svg.querySelector('rect')!;
  const d = svg.querySelector('path')!.getAttribute('d')!;
  const dark = new Set<string>();
  for (const [, x, y, n, back] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    expect(back).toBe(n);
    for (let i = 0; i < Number(n); i++) dark.add(`${Number(y)},${Number(x) + i}`);
  }
  return { w, h, background: [background.getAttribute('width'), background.getAttribute('fill')], dark };
}

describe('R-6.2.6 the ride code as a QR code (H5)', () => {
  it('R-6.2.6 draws exactly the modules of the QR code of the text, inside a white quiet zone of 4 modules', () => {
    render(<QrCode value={TOKEN} size={240} />);
    const img = screen.getByTestId('ride-qr');
    // the library's own matrix of the same bytes (Buffer: jsdom has no TextEncoder for a string)
    const qr = QRCode.create([{ data: Buffer.from(TOKEN, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const { w, h, background, dark } = drawn(img);
    expect([w, h]).toEqual([n + 8, n + 8]);
    expect(background).toEqual([String(n + 8), '#fff']);
    const expected = new Set<string>();
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) expected.add(`${r + 4},${c + 4}`);
    expect(dark.size).toBe(Array.from(qr.modules.data).filter(Boolean).length);
    expect(dark).toEqual(expected);
  });

  it('R-6.2.6 carries the encoded text and an accessible name', () => {
    render(<QrCode value={TOKEN} label="张*丰的乘车码" />);
    const img = screen.getByRole('img', { name: '张*丰的乘车码' });
    expect(img.getAttribute('data-value')).toBe(TOKEN);
    expect(img.getAttribute('alt')).toBe('张*丰的乘车码');
    expect(img.getAttribute('width')).toBe('220');
  });

  it('R-6.2.6 encodes names and other non-ASCII text as UTF-8', () => {
    expect(Array.from(utf8Bytes('张a€😀'))).toEqual([...Buffer.from('张a€😀', 'utf8')]);
  });

  it('R-6.2.6 another text gives another picture', () => {
    const { rerender } = render(<QrCode value="T202612070001" />);
    const first = screen.getByTestId('ride-qr').getAttribute('src');
    rerender(<QrCode value="T202612070002" />);
    expect(screen.getByTestId('ride-qr').getAttribute('src')).not.toBe(first);
    expect(screen.getByTestId('ride-qr').getAttribute('data-value')).toBe('T202612070002');
  });
});
