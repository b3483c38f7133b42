import type { RxStorage } from 'rxdb';
import { addRxPlugin } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

/**
 * Dexie (IndexedDB) storage. In development and tests the RxDB dev-mode plugin
 * checks schemas and queries and, because dev-mode refuses an unvalidated
 * storage (DVM1), every write is validated against the schema with ajv.
 *
 * Both are loaded with dynamic imports behind `import.meta.env.DEV`, which Vite
 * replaces with `false` in a production build so the branch and its chunks are
 * dropped: dev-mode loads an iframe from the internet and slows every write,
 * neither of which a shop tablet should ever do.
 */
export async function createStorage(): Promise<RxStorage<unknown, unknown>> {
  const storage = getRxStorageDexie();
  if (!import.meta.env.DEV) return storage;
  const [devMode, ajv] = await Promise.all([import('rxdb/plugins/dev-mode'), import('rxdb/plugins/validate-ajv')]);
  devMode.disableWarnings();
  addRxPlugin(devMode.RxDBDevModePlugin);
  return ajv.wrappedValidateAjvStorage({ storage });
}
