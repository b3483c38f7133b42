/**
 * The card's own tiny IndexedDB store, on the member's phone. Not the
 * tablet's RxDB database: a phone is not an enrolled tablet and must never
 * hold other members' data. CryptoKey objects are structured-cloneable, so the
 * non-extractable private key is stored as is: no script, ours included, can
 * read its bytes.
 */
const DB_NAME = 'tenpo-card';
const STORE = 'card';
const KEY = 'current';

export interface StoredCard {
  memberId: string;
  memberNo: string;
  name: string;
  kid: string;
  privateKey: CryptoKey;
  pairedAt: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('cannot open the card store'));
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error ?? new Error('card store transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('card store transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function loadCard(): Promise<StoredCard | null> {
  const card = await run<StoredCard | undefined>('readonly', (store) => store.get(KEY));
  return card ?? null;
}

export async function saveCard(card: StoredCard): Promise<void> {
  await run('readwrite', (store) => store.put(card, KEY));
}
