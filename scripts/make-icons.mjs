// Draws the toolbar icon (a cookie seen through a lens) as PNGs at the sizes the manifest names.
// Run once after changing the drawing: node scripts/make-icons.mjs. The PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size, 1 / size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// Coverage of a disc, antialiased over one pixel.
const disc = (x, y, cx, cy, r, px) => Math.max(0, Math.min(1, (r - Math.hypot(x - cx, y - cy)) / px + 0.5));
function pixel(x, y, px) {
  const cookie = disc(x, y, 0.42, 0.42, 0.36, px);
  const chips = [[0.3, 0.3], [0.52, 0.28], [0.34, 0.54], [0.55, 0.5]].reduce((m, [cx, cy]) => Math.max(m, disc(x, y, cx, cy, 0.055, px)), 0);
  const ring = Math.max(0, disc(x, y, 0.42, 0.42, 0.36, px) - disc(x, y, 0.42, 0.42, 0.29, px));
  // Handle: a thick segment from the ring towards the bottom right corner.
  const t = Math.max(0, Math.min(1, ((x - 0.66) * 0.707 + (y - 0.66) * 0.707) / 0.36));
  const hx = 0.66 + t * 0.36 * 0.707, hy = 0.66 + t * 0.36 * 0.707;
  const handle = Math.max(0, Math.min(1, (0.075 - Math.hypot(x - hx, y - hy)) / px + 0.5));
  const dark = Math.max(ring, handle);
  if (dark > 0) return [31, 41, 55, Math.round(255 * dark)];
  if (chips > 0) return [120, 72, 30, 255];
  if (cookie > 0) return [214, 158, 88, Math.round(255 * cookie)];
  return [0, 0, 0, 0];
}
mkdirSync('icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`icons/icon-${size}.png`, png(size, pixel));
console.log('icons written');
