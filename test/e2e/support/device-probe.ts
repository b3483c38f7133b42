import type { Page } from 'playwright-core';
import type { TestServer } from './tenpo-server.ts';

/**
 * Records per IndexedDB database of the tablet app (RxDB's Dexie storage names
 * them `rxdb-dexie-tenpo--<v>--<collection>`), read from inside the page.
 */
export async function tenpoRecordCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const counts: Record<string, number> = {};
    for (const info of await indexedDB.databases()) {
      const name = info.name;
      if (!name?.includes('tenpo')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
      });
      const stores = [...db.objectStoreNames];
      let total = 0;
      if (stores.length > 0) {
        const transaction = db.transaction(stores, 'readonly');
        for (const store of stores) {
          total += await new Promise<number>((resolve, reject) => {
            const request = transaction.objectStore(store).count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error ?? new Error(`cannot count ${store}`));
          });
        }
      }
      db.close();
      counts[name] = total;
    }
    return counts;
  });
}

/** The device the server enrolled under this name (names are the clerk's, unique in a test). */
export async function deviceIdByName(server: TestServer, name: string): Promise<string> {
  const { rows } = await server.store.query<{ id: string }>('select id from devices where name = $1', [name]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no device named ${name}`);
  return id;
}

export async function revokeDevice(server: TestServer, deviceId: string): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/devices/${deviceId}/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`revoke ${deviceId} → ${response.status} ${await response.text()}`);
}

/**
 * The dark/light modules of a QR <img> on the page, one string per row ('1' =
 * dark), sampled at each module's centre. `size` modules plus `margin` quiet
 * modules on each side span the image, as the qrcode package draws it.
 */
export async function qrModulesOnPage(page: Page, testId: string, size: number, margin: number): Promise<string[]> {
  return page.getByTestId(testId).evaluate(
    (image, { size, margin }) => {
      const img = image as HTMLImageElement;
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(img, 0, 0);
      const scale = img.naturalWidth / (size + 2 * margin);
      const rows: string[] = [];
      for (let row = 0; row < size; row += 1) {
        let line = '';
        for (let col = 0; col < size; col += 1) {
          const x = Math.floor((margin + col + 0.5) * scale);
          const y = Math.floor((margin + row + 0.5) * scale);
          line += (context.getImageData(x, y, 1, 1).data[0] ?? 255) < 128 ? '1' : '0';
        }
        rows.push(line);
      }
      return rows;
    },
    { size, margin },
  );
}
