// Draws the tray icons into build/tray/ (shipped as extraResources): the app icon's speech bubble
// as a macOS template (black + alpha, the menu bar tints it) and, for Windows and Linux, a small
// coloured tile. Run: node build/make-tray-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const outDir = new URL('./tray/', import.meta.url);
const samples = 4;

/** Coverage of the bubble glyph at (x, y) in a unit square: bubble minus its three dots. */
function glyph(x, y) {
  const inCircle = (cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const inTail = inTriangle(x, y, [0.18, 0.6], [0.42, 0.8], [0.05, 0.94]);
  const bubble = inCircle(0.5, 0.44, 0.41) || inTail;
  const dot = [0.3125, 0.5, 0.6875].some((cx) => inCircle(cx, 0.4375, 0.075));
  return bubble && !dot;
}

function inTriangle(x, y, a, b, c) {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function inRoundedSquare(x, y, radius) {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

/** Supersampled coverage of `inside` over pixel (px, py) of a size×size image. */
function coverage(size, px, py, inside) {
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (inside((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
    }
  }
  return hits / (samples * samples);
}

function render(size, template) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const at = (py * size + px) * 4;
      if (template) {
        rgba.set([0, 0, 0, Math.round(255 * coverage(size, px, py, glyph))], at);
        continue;
      }
      // The tile in the app icon's violet; the bubble in white on top of it.
      const tile = coverage(size, px, py, (x, y) => inRoundedSquare(x, y, 0.22));
      const white = coverage(size, px, py, (x, y) => glyph((x - 0.1) / 0.8, (y - 0.1) / 0.8));
      const mix = (violet) => Math.round(violet * (1 - white) + 255 * white);
      rgba.set([mix(0x5b), mix(0x45), mix(0xe8), Math.round(255 * tile)], at);
    }
  }
  return png(size, rgba);
}

function png(size, rgba) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

mkdirSync(outDir, { recursive: true });
for (const [name, template] of [
  ['trayTemplate', true],
  ['tray', false],
]) {
  writeFileSync(new URL(`${name}.png`, outDir), render(16, template));
  writeFileSync(new URL(`${name}@2x.png`, outDir), render(32, template));
}
