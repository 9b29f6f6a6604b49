/**
 * A Server-Sent Events parser (the WHATWG event-stream format), fed chunk by chunk as fetch hands
 * them over: lines end in LF, CR or CRLF (a CR at a chunk's end waits for the next chunk), fields
 * are `event`, `data` (joined by LF), `id` and `retry`; a line starting with `:` is a comment; an
 * empty line dispatches. Every chunk, comments included, proves the connection alive (`onBytes`).
 */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

export interface SseHandlers {
  onEvent(event: SseEvent): void;
  onRetry?(ms: number): void;
  onComment?(text: string): void;
}

export class SseParser {
  private readonly decoder = new TextDecoder("utf-8");
  private buffer = "";
  /** The previous chunk ended in CR: a LF opening this one belongs to it. */
  private pendingCr = false;
  private event = "";
  private data: string[] = [];
  private id: string | undefined;
  private first = true;

  constructor(private readonly handlers: SseHandlers) {}

  push(chunk: Uint8Array | string): void {
    let text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    if (this.first && text.length > 0) {
      // A byte-order mark at the very start is not part of the first field name.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    if (this.pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.buffer.slice(start, i));
      if (c === 13) {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) {
      this.handlers.onComment?.(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        this.event = value;
        break;
      case "data":
        this.data.push(value);
        break;
      case "id":
        if (!value.includes("\u0000")) this.id = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.handlers.onRetry?.(Number(value));
        break;
    }
  }

  private dispatch(): void {
    const event = this.event || "message";
    const hadData = this.data.length > 0;
    const data = this.data.join("\n");
    this.event = "";
    this.data = [];
    // An event without a data line is not dispatched (the spec's rule).
    if (hadData) this.handlers.onEvent({ event, data, id: this.id });
  }
}
