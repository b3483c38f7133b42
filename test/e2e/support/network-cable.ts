import { openTcpProxy } from '../../server/helpers/tcp-proxy.ts';

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
  /** Connections refused since the last unplug(): proof the tablet really tried the network. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function networkCable(serverUrl: string): Promise<NetworkCable> {
  const target = new URL(serverUrl);
  const relay = await openTcpProxy({ targetPort: Number(target.port), targetHost: target.hostname });
  return {
    url: `http://127.0.0.1:${relay.port}`,
    unplug: () => relay.down(),
    plug: () => relay.up(),
    get refused() {
      return relay.refused;
    },
    close: () => relay.close(),
  };
}
