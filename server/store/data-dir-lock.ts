import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'tenpo-server.lock';
/** Lock files this process holds: a second server in the same process is refused too. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means "in use".
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: two servers on one data directory
 * corrupt it. A pid file refuses the second one; a file left by a process that
 * died is taken over. Returns the release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) throw new Error(`data directory ${dataDir} is in use by another Tenpo server in this process`);
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number((await readFile(path, 'utf8')).trim());
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new Error(`data directory ${dataDir} is in use by another Tenpo server (pid ${holder})`, { cause: error });
    }
    await writeFile(path, String(process.pid));
  }
  heldHere.add(path);
  return async () => {
    heldHere.delete(path);
    await unlink(path).catch(() => undefined);
  };
}
