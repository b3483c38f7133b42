import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const DARK = 16;
const LIGHT = 235;
const NO_COLOUR = 128;
const QUIET_ZONE_MODULES = 4;
// Chromium loops the file; a few identical frames are enough for a steady picture.
const FRAMES = 4;

/**
 * Writes a .y4m video that Chromium plays as its camera
 * (--use-file-for-fake-video-capture), showing one QR code centred on a light
 * background. The file is read when the browser starts: one browser per code.
 */
export async function writeQrVideo(text: string, path: string): Promise<void> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor((Math.min(WIDTH, HEIGHT) * 0.8) / (size + 2 * QUIET_ZONE_MODULES));
  const left = Math.floor((WIDTH - size * scale) / 2);
  const top = Math.floor((HEIGHT - size * scale) / 2);

  const luma = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy += 1) {
        const offset = (top + row * scale + dy) * WIDTH + left + col * scale;
        luma.fill(DARK, offset, offset + scale);
      }
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, NO_COLOUR);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`);
  await writeFile(path, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
