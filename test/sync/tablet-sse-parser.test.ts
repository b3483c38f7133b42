import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '../../src/sync/sse-parser.ts';

/** Feeds the chunks in order and collects every event they complete. */
function parse(...chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.feed(chunk));
}

const BATCH = '{"documents":[],"checkpoint":{"seq":7,"id":"m1"}}';

describe('SseParser (the tablet reads /sync/v1/stream with fetch, not EventSource)', () => {
  it('dispatches a named event at the blank line', () => {
    expect(parse(`event: members\ndata: ${BATCH}\n\n`)).toEqual([{ event: 'members', data: BATCH }]);
  });

  it('names an event without `event:` "message", and resets the name after each dispatch', () => {
    expect(parse('event: stock\ndata: a\n\ndata: b\n\n')).toEqual([
      { event: 'stock', data: 'a' },
      { event: 'message', data: 'b' },
    ]);
  });

  it('holds an event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.feed('event: members\ndata: x\n')).toEqual([]);
    expect(parser.feed('\n')).toEqual([{ event: 'members', data: 'x' }]);
  });

  it.each([1, 2, 3, 5, 7, 13])('gives the same events whatever the chunk size (%d chars)', (size) => {
    const text = `: hello\n\nevent: members\ndata: ${BATCH}\n\nevent: resync\ndata: ["members","stock"]\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
    expect(parse(...chunks)).toEqual([
      { event: 'members', data: BATCH },
      { event: 'resync', data: '["members","stock"]' },
    ]);
  });

  it('splits a line in the middle of a field name, the colon or the value', () => {
    expect(parse('eve', 'nt', ':', ' memb', 'ers\nda', 'ta: {"a"', ':1}\n', '\n')).toEqual([{ event: 'members', data: '{"a":1}' }]);
  });

  it('accepts CRLF line endings', () => {
    expect(parse('event: members\r\ndata: x\r\n\r\n')).toEqual([{ event: 'members', data: 'x' }]);
  });

  it('does not take a CRLF split across chunks for two line endings', () => {
    // A lone '\r' at the end of a chunk may be the first half of '\r\n': were it
    // read as a line end, the '\n' after it would be a blank line and dispatch early.
    expect(parse('event: members\r', '\ndata: x\r', '\n', '\r', '\n')).toEqual([{ event: 'members', data: 'x' }]);
  });

  it('counts the LF after a split CRLF once, and a blank line after it as a blank line', () => {
    expect(parse('data: x\r', '\n', '\n')).toEqual([{ event: 'message', data: 'x' }]);
    expect(parse('data: x\r', '', '\n', '\r', '\n', 'data: y\n\n')).toEqual([
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('accepts bare CR line endings, dispatching without waiting for the next chunk', () => {
    expect(parse('event: members\rdata: x\r\r')).toEqual([{ event: 'members', data: 'x' }]);
  });

  it('joins multi-line data with newlines', () => {
    expect(parse('data: first\ndata: second\ndata:\ndata: fourth\n\n')).toEqual([{ event: 'message', data: 'first\nsecond\n\nfourth' }]);
  });

  it('removes one space after the colon only, and reads a field with no colon as empty', () => {
    expect(parse('data:  two spaces\n\ndata\n\n')).toEqual([
      { event: 'message', data: ' two spaces' },
      { event: 'message', data: '' },
    ]);
  });

  it('ignores comments (the heartbeat) and dispatches nothing for them', () => {
    const parser = new SseParser();
    expect(parser.feed(': heartbeat\n\n')).toEqual([]);
    expect(parser.feed(':\n\n:another\n\n')).toEqual([]);
    // A comment inside an event does not end or change it.
    expect(parser.feed('event: members\n: keep-alive\ndata: x\n\n')).toEqual([{ event: 'members', data: 'x' }]);
  });

  it('dispatches nothing for an event that had no data', () => {
    expect(parse('event: members\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('keeps the last event id for later events, and ignores ids containing NUL', () => {
    expect(parse('id: 1\ndata: a\n\ndata: b\n\nid: 2\0\ndata: c\n\n')).toEqual([
      { event: 'message', data: 'a', id: '1' },
      { event: 'message', data: 'b', id: '1' },
      { event: 'message', data: 'c', id: '1' },
    ]);
  });

  it('ignores a byte order mark at the start of the stream', () => {
    expect(parse('\uFEFFdata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('ignores retry: and unknown fields', () => {
    expect(parse('retry: 100\nfoo: bar\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('reassembles a multi-byte character split across network chunks when fed through a streaming decoder', () => {
    // The stream reader decodes with { stream: true }; the parser must then see whole characters.
    const bytes = new TextEncoder().encode('event: members\ndata: {"name":"山田 花子"}\n\n');
    const decoder = new TextDecoder();
    const parser = new SseParser();
    const events: SseEvent[] = [];
    for (let i = 0; i < bytes.length; i += 4) events.push(...parser.feed(decoder.decode(bytes.subarray(i, i + 4), { stream: true })));
    expect(events).toEqual([{ event: 'members', data: '{"name":"山田 花子"}' }]);
  });
});
