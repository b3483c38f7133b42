import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags known to work on these machines (DESIGN.md "Test layers and recipes"):
// without the background-networking ones Chromium keeps dialling out and the
// closed network refuses it, slowing every start.
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LaunchOptions {
  /** A .y4m file Chromium plays as its camera. */
  fakeCameraFile?: string;
}

/** Launches Debian's Chromium, or fails loudly saying how to get it: never a silent pass. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Browser tests need it: ` +
        `run "sudo apt-get install -y chromium" (or set CHROMIUM_PATH). npm test installs it when run as root.`,
    );
  }
  const args = [...BASE_ARGS];
  if (options.fakeCameraFile) {
    args.push(
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${options.fakeCameraFile}`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}
