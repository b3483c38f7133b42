import { connect, createServer, type Socket } from 'node:net';

/**
 * A cable between a tablet and the server that the test can pull out: a TCP
 * relay whose unplug() cuts every open connection and refuses new ones.
 *
 * WebKitGTK has no offline switch over WebDriver (Playwright's setOffline is
 * Chromium-only here), so the WebKit tablet talks to the server through this.
 * navigator.onLine stays true, as it does on an iPad whose Wi-Fi is up but
 * whose shop line is down: the app must cope with failing requests, not only
 * with the "offline" event.
 */
export interface NetworkCable {
  /** The server's address as the tablet sees it through the cable. */
  url: string;
  unplug(): void;
  plug(): void;
  /** Connections refused while unplugged: proof the tablet really tried the network. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function networkCable(serverUrl: string): Promise<NetworkCable> {
  const target = new URL(serverUrl);
  const open = new Set<Socket>();
  let plugged = true;
  let refused = 0;

  const relay = createServer((client) => {
    if (!plugged) {
      refused += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  if (typeof address !== 'object' || address === null) throw new Error('the network cable got no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    unplug() {
      plugged = false;
      for (const socket of open) socket.resetAndDestroy();
    },
    plug() {
      plugged = true;
    },
    get refused() {
      return refused;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
