#!/usr/bin/env node
// The browser tests drive Debian's Chromium and Debian's WebKitGTK (Safari's
// engine family, driven through its WebDriver under a virtual X display).
// npm cannot bring them, and test tools must never download a browser of
// their own (that fails on these machines). So: use what is present, install
// the missing Debian packages with apt when we are allowed to (root),
// otherwise stop with a message saying exactly what to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the tests run, and the Debian package that brings it. */
const NEEDED = [
  { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium', env: 'CHROMIUM_PATH' },
  { path: process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver', pkg: 'webkit2gtk-driver', env: 'WEBKIT_DRIVER_PATH' },
  { path: '/usr/bin/xvfb-run', pkg: 'xvfb' },
  { path: '/usr/bin/xauth', pkg: 'xauth' },
  // Japanese in the screenshots the e2e run leaves: without a CJK font they show boxes.
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', pkg: 'fonts-noto-cjk' },
];

const missing = NEEDED.filter((need) => !existsSync(need.path));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((need) => need.pkg))];
const how = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
const paths = missing.map((need) => `${need.path}${need.env ? ` (or set ${need.env})` : ''}`).join('\n  ');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const mayInstall = isRoot && process.env.TENPO_NO_INSTALL !== '1' && existsSync('/usr/bin/apt-get');
if (!mayInstall) {
  console.error(`\nThe browser tests need:\n  ${paths}\nInstall with:\n  ${how}\n`);
  process.exit(1);
}

console.log(`Installing Debian's ${packages.join(', ')} for the browser tests (apt-get)…`);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
} catch {
  console.error(`\nInstalling failed. Install by hand:\n  ${how}\n`);
  process.exit(1);
}
const stillMissing = missing.filter((need) => !existsSync(need.path));
if (stillMissing.length > 0) {
  console.error(`\napt-get finished but these are still missing:\n  ${stillMissing.map((need) => need.path).join('\n  ')}\n`);
  process.exit(1);
}
