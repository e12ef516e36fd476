// Draws the tab bar icons (81×81 PNG, as WeChat recommends) so no image editor or icon package is
// needed: `node scripts/tab-icons.mjs` rewrites src/assets/tab/*.png.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SS = 4; // supersampling per axis, for smooth edges

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(cover, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let i = 0; i < SS; i++)
        for (let j = 0; j < SS; j++) if (cover((x + (i + 0.5) / SS) / SIZE, (y + (j + 0.5) / SS) / SIZE)) hits++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// shapes on the unit square; a stroke width of about 0.07
const W = 0.07;
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const ring = (x, y, x0, y0, x1, y1) => inRect(x, y, x0, y0, x1, y1) && !inRect(x, y, x0 + W, y0 + W, x1 - W, y1 - W);
const distToSeg = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};

const shapes = {
  // a house: roof lines, walls, a door
  home: (x, y) =>
    distToSeg(x, y, 0.14, 0.5, 0.5, 0.16) < W / 2 ||
    distToSeg(x, y, 0.5, 0.16, 0.86, 0.5) < W / 2 ||
    (ring(x, y, 0.24, 0.42, 0.76, 0.86) && !(y < 0.46)) ||
    inRect(x, y, 0.43, 0.62, 0.57, 0.86),
  // a ticket list: page outline with three lines
  order: (x, y) =>
    ring(x, y, 0.2, 0.12, 0.8, 0.88) ||
    inRect(x, y, 0.32, 0.3, 0.68, 0.3 + W) ||
    inRect(x, y, 0.32, 0.47, 0.68, 0.47 + W) ||
    inRect(x, y, 0.32, 0.64, 0.56, 0.64 + W),
  // a person: head ring and shoulders arc
  mine: (x, y) => {
    const head = Math.hypot(x - 0.5, y - 0.33);
    const body = Math.hypot((x - 0.5) / 0.36, (y - 0.9) / 0.36);
    return (head < 0.17 && head > 0.17 - W) || (y < 0.86 && body < 1 && body > 1 - W / 0.36) || (y >= 0.86 - W && y <= 0.86 && Math.abs(x - 0.5) < 0.36);
  },
};

const colours = { '': [0x7d, 0x85, 0x92], '-active': [0x16, 0x77, 0xff] };
const out = new URL('../src/assets/tab/', import.meta.url);
for (const [name, cover] of Object.entries(shapes)) {
  for (const [suffix, colour] of Object.entries(colours)) {
    writeFileSync(new URL(`${name}${suffix}.png`, out), png(cover, colour));
  }
}
console.log('tab icons written to src/assets/tab');
