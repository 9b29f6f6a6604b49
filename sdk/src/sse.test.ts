import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SseEvent, SseParser } from "./sse";

function parse(chunks: (string | Uint8Array)[]) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = new SseParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments, retries };
}

const STREAM =
  'retry: 2000\n: gatehouse sync stream\n\nid: 7\nevent: ready\ndata: {"perm_version":7}\n\n' +
  ': 1733570000000\n\nid: 8\nevent: change\ndata: {"perm_version":8,"policy":false,"user_ids":["u1"]}\n\n';

describe("the SSE parser", () => {
  it("reads events, ids, comments and the retry hint of a sync stream", () => {
    const { events, comments, retries } = parse([STREAM]);
    expect(retries).toEqual([2000]);
    expect(comments).toEqual(["gatehouse sync stream", "1733570000000"]);
    expect(events).toEqual([
      { event: "ready", data: '{"perm_version":7}', id: "7" },
      { event: "change", data: '{"perm_version":8,"policy":false,"user_ids":["u1"]}', id: "8" },
    ]);
  });

  it("gives the same events however the bytes are cut, a multi-byte character included", () => {
    const text = `${STREAM}event: change\ndata: {"name":"Zoë ✓"}\n\n`;
    const bytes = new TextEncoder().encode(text);
    const whole = parse([bytes]).events;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = at.slice(1).map((end, i) => bytes.slice(at[i], end));
        expect(parse(chunks).events).toEqual(whole);
      }),
    );
  });

  it("takes CR, LF and CRLF line ends, a CRLF split between chunks too", () => {
    const lf = parse(["event: a\ndata: 1\n\n"]).events;
    expect(parse(["event: a\r\ndata: 1\r\n\r\n"]).events).toEqual(lf);
    expect(parse(["event: a\rdata: 1\r\r"]).events).toEqual(lf);
    expect(parse(["event: a\r", "\ndata: 1\r", "\n\r", "\n"]).events).toEqual(lf);
  });

  it("joins data lines, keeps a value's own spaces and colons, and dispatches nothing without data", () => {
    const { events } = parse(["data:  two spaces\ndata: a: b\n\nevent: empty\n\ndata\n\n"]);
    expect(events).toEqual([
      { event: "message", data: " two spaces\na: b", id: undefined },
      { event: "message", data: "", id: undefined },
    ]);
  });

  it("waits for the blank line: a half-sent event is not dispatched", () => {
    expect(parse(["event: change\ndata: {}\n"]).events).toEqual([]);
  });

  it("ignores a byte-order mark at the start, unknown fields and a non-numeric retry", () => {
    const { events, retries } = parse(["\uFEFFevent: a\nfoo: bar\nretry: soon\ndata: x\n\n"]);
    expect(events).toEqual([{ event: "a", data: "x", id: undefined }]);
    expect(retries).toEqual([]);
  });
});
