import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTenpo } from '../../../server/start.ts';

/**
 * Demo chain sizes the e2e files start their servers with (startTestServer).
 * Migrating and loading a demo chain takes about 6 s; copying a data
 * directory that already holds it and opening it takes under 2 s. Each of the
 * two dozen e2e files starts a server, one after another, so the chains are
 * made once per run here and each file starts on its own copy.
 */
export const TEMPLATE_SIZES = [50, 100, 300] as const;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Demo chain size → a closed PGlite data directory holding it. */
    demoTemplates: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const templates: Record<string, string> = {};
  for (const members of TEMPLATE_SIZES) {
    const dataDir = await mkdtemp(join(tmpdir(), `tenpo-e2e-template-${members}-`));
    const server = await startTenpo({ port: 0, host: '127.0.0.1', dataDir, demo: { members }, dailyJob: false, logger: false });
    await server.close();
    templates[String(members)] = dataDir;
  }
  project.provide('demoTemplates', templates);
  return async () => {
    await Promise.all(Object.values(templates).map((dir) => rm(dir, { recursive: true, force: true })));
  };
}
