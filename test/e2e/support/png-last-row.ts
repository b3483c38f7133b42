import { inflateSync } from 'node:zlib';

const SIGNATURE_BYTES = 8;
const BYTES_PER_PIXEL: Record<number, number> = { 2: 3, 6: 4 };

function paeth(left: number, up: number, upLeft: number): number {
  const guess = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(guess - left), Math.abs(guess - up), Math.abs(guess - upLeft)];
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/**
 * The bottom row of pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what
 * WebDriver returns), as [r, g, b] per pixel. Every row is unfiltered because
 * each one's filter may build on the row above.
 */
export function lastRowOf(png: Buffer): [number, number, number][] {
  let width = 0;
  let colourType = -1;
  const data: Buffer[] = [];
  for (let at = SIGNATURE_BYTES; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are read here');
      colourType = body[9] ?? -1;
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const bpp = BYTES_PER_PIXEL[colourType];
  if (bpp === undefined) throw new Error(`PNG colour type ${colourType} is not RGB or RGBA`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * bpp;
  let row = new Uint8Array(stride);
  for (let at = 0; at < raw.length; at += stride + 1) {
    const filter = raw[at];
    const above = row;
    row = new Uint8Array(raw.subarray(at + 1, at + 1 + stride));
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? (row[x - bpp] ?? 0) : 0;
      const up = above[x] ?? 0;
      const upLeft = x >= bpp ? (above[x - bpp] ?? 0) : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0] ?? 0;
      row[x] = ((row[x] ?? 0) + predicted) & 0xff;
    }
  }
  return Array.from({ length: width }, (_, x) => [row[x * bpp] ?? 0, row[x * bpp + 1] ?? 0, row[x * bpp + 2] ?? 0]);
}
