import pg from 'pg';

export interface PgListenerOptions {
  connectionString: string;
  channel: string;
  /** Shown in pg_stat_activity, so an operator (or a test) can tell this connection apart. */
  applicationName: string;
  onNotification: (payload: string) => void;
  /**
   * The connection is back after a drop. Notifications sent while it was down
   * are lost for good (PostgreSQL keeps none for a listener that is gone).
   */
  onReconnected: () => void;
  onError: (error: unknown) => void;
  /** Backoff between reconnection attempts: the first wait, doubled up to maxMs. */
  retry?: { firstMs?: number; maxMs?: number };
  /**
   * How often the idle connection is asked `select 1`. A listener only
   * receives, so without it a silently dead connection (a NAT or firewall
   * dropping it) would go unnoticed until TCP keepalive gives up, hours later.
   */
  pingMs?: number;
}

export interface PgListener {
  /** Backend process id of the listening connection; null while disconnected. */
  readonly pid: number | null;
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;
const PING_MS = 10_000;

/**
 * One dedicated connection that LISTENs on one channel, for the life of the
 * process: not a pooled one, because LISTEN belongs to a session and a pool
 * would hand that session to other work. When the connection drops (database
 * restart, pg_terminate_backend, network), it reconnects with backoff for as
 * long as it takes, then calls onReconnected.
 */
export async function openPgListener(options: PgListenerOptions): Promise<PgListener> {
  const { channel, onNotification, onReconnected, onError } = options;
  const firstMs = options.retry?.firstMs ?? FIRST_RETRY_MS;
  const maxMs = options.retry?.maxMs ?? MAX_RETRY_MS;
  const pingMs = options.pingMs ?? PING_MS;
  let current: { client: pg.Client; pid: number } | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let pinging = false;

  async function connect(): Promise<{ client: pg.Client; pid: number }> {
    const client = new pg.Client({ connectionString: options.connectionString, application_name: options.applicationName, keepAlive: true });
    // Handlers first: an 'error' event with no listener would crash the process.
    client.on('error', (error) => drop(client, error));
    client.on('end', () => drop(client, new Error('the listening connection ended')));
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onNotification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      return { client, pid: rows[0]?.pid ?? 0 };
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
  }

  /** Forgets a connection that failed (once, however many events it emits) and starts reconnecting. */
  function drop(client: pg.Client, error: unknown): void {
    if (current?.client !== client) return;
    current = null;
    client.end().catch(() => undefined);
    if (closed) return;
    onError(error);
    scheduleReconnect(firstMs);
  }

  function scheduleReconnect(waitMs: number): void {
    // Jitter: instances that lost the database together should not all knock at the same instant.
    const jittered = waitMs / 2 + Math.random() * (waitMs / 2);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        (connection) => {
          if (closed) {
            connection.client.end().catch(() => undefined);
            return;
          }
          current = connection;
          onReconnected();
        },
        (error: unknown) => {
          if (closed) return;
          onError(error);
          scheduleReconnect(Math.min(waitMs * 2, maxMs));
        },
      );
    }, jittered);
    retryTimer.unref();
  }

  const ping = setInterval(() => {
    const connection = current;
    if (!connection || pinging) return;
    pinging = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the listening connection did not answer a ping')), pingMs);
    });
    Promise.race([connection.client.query('select 1'), timeout])
      .catch((error: unknown) => drop(connection.client, error))
      .finally(() => {
        clearTimeout(timer);
        pinging = false;
      });
  }, pingMs);
  ping.unref();

  try {
    // The first connection must work: the store was just reached, so a failure here is a real misconfiguration.
    current = await connect();
  } catch (error) {
    clearInterval(ping);
    throw error;
  }

  return {
    get pid() {
      return current?.pid ?? null;
    },
    async close() {
      closed = true;
      clearInterval(ping);
      if (retryTimer) clearTimeout(retryTimer);
      const connection = current;
      current = null;
      await connection?.client.end().catch(() => undefined);
    },
  };
}
