import { writeFile } from 'node:fs/promises';
import { isValidJan } from '../../../src/domain/jan.ts';

const WIDTH = 640;
const HEIGHT = 480;
const DARK = 16;
const LIGHT = 235;
const NO_COLOUR = 128;
const FRAMES = 4;

// EAN-13 symbol tables (GS1 General Specifications 5.2.1.2): each digit is 7 modules.
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const G = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111'];
const R = ['1110010', '1100110', '1101100', '1000010', '1011100', '1001110', '1010000', '1000100', '1001000', '1110100'];
/** The first digit is not drawn: it picks which left-hand digits use the G set. */
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** The 95 modules of an EAN-13 symbol ('1' = bar). */
export function ean13Modules(code: string): string {
  if (!isValidJan(code)) throw new Error(`not a valid EAN-13: ${code}`);
  const digits = [...code].map(Number);
  const parity = PARITY[digits[0] ?? 0] ?? '';
  const left = digits.slice(1, 7).map((d, i) => (parity[i] === 'G' ? G : L)[d]).join('');
  const right = digits.slice(7).map((d) => R[d]).join('');
  return `101${left}01010${right}101`;
}

/**
 * Writes a .y4m video (see fake-camera.ts) showing an EAN-13 barcode — a
 * paper point card or a product — centred and small enough to sit inside the
 * scanner's square scan box with a light margin either side.
 */
export async function writeEan13Video(code: string, path: string): Promise<void> {
  const modules = ean13Modules(code);
  const scale = 3;
  const width = modules.length * scale;
  const left = Math.floor((WIDTH - width) / 2);
  const barHeight = Math.floor(HEIGHT * 0.4);
  const top = Math.floor((HEIGHT - barHeight) / 2);

  const luma = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  for (let row = top; row < top + barHeight; row += 1) {
    for (let m = 0; m < modules.length; m += 1) {
      if (modules[m] !== '1') continue;
      const offset = row * WIDTH + left + m * scale;
      luma.fill(DARK, offset, offset + scale);
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, NO_COLOUR);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`);
  await writeFile(path, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
