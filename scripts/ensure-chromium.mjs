#!/usr/bin/env node
// The browser tests drive Debian's Chromium; npm cannot bring it, and test
// tools must never download a browser of their own (that fails on these
// machines). So: use it if present, install it with apt when we are allowed
// to (root), otherwise stop with a message saying exactly what to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const how = 'sudo apt-get update && sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary)';

if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const mayInstall = isRoot && process.env.TENPO_NO_INSTALL !== '1' && existsSync('/usr/bin/apt-get');
if (!mayInstall) {
  console.error(`\nChromium not found at ${path}. The browser tests need it.\nInstall it with:\n  ${how}\n`);
  process.exit(1);
}

console.log(`Chromium not found at ${path}; installing Debian's chromium with apt-get…`);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
} catch {
  console.error(`\nInstalling chromium failed. Install it by hand:\n  ${how}\n`);
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`\napt-get finished but ${path} is still missing. Set CHROMIUM_PATH to the Chromium binary.\n`);
  process.exit(1);
}
