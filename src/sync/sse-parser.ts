/** One dispatched Server-Sent Event. */
export interface SseEvent {
  /** `event:` field; 'message' when the server sent none. */
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental text/event-stream parser (WHATWG HTML "Server-sent events",
 * "Interpreting an event stream"). We parse by hand because the stream is read
 * with fetch: EventSource cannot send an Authorization header, and a token in
 * the URL would land in server and proxy logs.
 *
 * Feed it decoded text in chunks of any size; it returns the events completed
 * by that chunk. Comment lines (`: heartbeat`) produce nothing, but the caller
 * still sees bytes arrive, which is what keeps its idle watchdog quiet.
 */
export class SseParser {
  private buffer = '';
  private eventType = '';
  private data: string[] = [];
  private lastId: string | undefined;
  /** The previous chunk ended on '\r': a '\n' starting this one is the rest of that CRLF. */
  private skipLf = false;
  private started = false;

  feed(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.skipLf && text !== '') {
      this.skipLf = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }
    // A byte order mark may start the stream, never a line.
    if (!this.started && text !== '') {
      this.started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      // A '\r' at the very end may be the first half of a '\r\n' split across
      // chunks. The line is complete either way; only a '\n' arriving next must
      // not count as a (blank) line of its own, which would dispatch early.
      if (match[0] === '\r' && this.buffer === '') this.skipLf = true;
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        // `retry:` and unknown fields: we run our own reconnect policy.
        break;
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const type = this.eventType || 'message';
    const data = this.data.join('\n');
    const hadData = this.data.length > 0;
    this.eventType = '';
    this.data = [];
    if (!hadData) return null;
    return this.lastId === undefined ? { event: type, data } : { event: type, data, id: this.lastId };
  }
}
