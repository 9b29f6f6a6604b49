import type { Freshness } from "./freshness";
import { GatehouseError, type Transport } from "./http";
import { SseParser } from "./sse";

/** The `data:` of `event: change` (GET /api/v1/sync/stream). */
export interface ChangeData {
  perm_version: number;
  policy: boolean;
  user_ids?: string[];
  all_users?: true;
}

export interface StreamHandlers {
  /** Where the stream stands, once per connection: `ready` (resumed or fresh) or `reset` (drop everything). */
  onStart(kind: "ready" | "reset", permVersion: number, resumedFrom: number | null): void;
  onChange(change: ChangeData): void;
  onError(error: unknown): void;
}

export interface StreamOptions {
  /** Reconnection delays: from `minDelayMs`, doubling, up to `maxDelayMs`. */
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * The change stream, kept open: it reconnects after any end or failure, resuming from the last
 * version it delivered (`?from=`), and drops a connection that falls silent for longer than the
 * freshness bound (heartbeats come every second), so a half-open socket is noticed.
 */
export class ChangeStream {
  /** The last version the stream delivered (ready, reset or change); -1 before the first. */
  version = -1;
  reconnects = 0;
  private abort: AbortController | null = null;
  /** The open connection once it has said where it stands (`ready`/`reset`). */
  private live: AbortController | null = null;
  private stopped = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private firstStart: { resolve: () => void; reject: (e: unknown) => void } | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly freshness: Freshness,
    private readonly handlers: StreamHandlers,
    private readonly options: StreamOptions,
  ) {}

  /** Opens the stream; resolves at its first `ready`/`reset`, rejects if the first connection fails. */
  start(): Promise<void> {
    const started = new Promise<void>((resolve, reject) => {
      this.firstStart = { resolve, reject };
    });
    void this.loop();
    // A connection that said where it stands and then fell silent past the bound is dropped; one
    // still opening is given its own deadline (`connect`).
    this.watchdog = setInterval(() => {
      if (this.live !== null && this.freshness.age() > this.freshness.boundMs) this.live.abort();
    }, 250);
    this.watchdog.unref?.();
    return started;
  }

  stop(): void {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.abort?.abort();
    this.freshness.closed();
  }

  private async loop(): Promise<void> {
    let delay = this.options.minDelayMs;
    while (!this.stopped) {
      const started = await this.connect().catch((error: unknown) => {
        this.freshness.closed();
        if (this.firstStart) {
          this.firstStart.reject(error);
          this.firstStart = null;
          this.stop();
        } else if (!this.stopped) this.handlers.onError(error);
        return false;
      });
      this.freshness.closed();
      if (this.stopped) return;
      if (started) delay = this.options.minDelayMs;
      await sleep(delay * (0.5 + Math.random() / 2));
      delay = Math.min(delay * 2, this.options.maxDelayMs);
      this.reconnects++;
    }
  }

  /** One connection, until it ends; true when it got as far as `ready`/`reset`. */
  private async connect(): Promise<boolean> {
    const abort = new AbortController();
    this.abort = abort;
    const from = this.version >= 0 ? this.version : null;
    const query = from === null ? "" : `?from=${from}`;
    let started = false;
    // Connecting counts against the bound too: a server that accepts and says nothing is silence.
    const connectTimer = setTimeout(() => abort.abort(), this.freshness.boundMs + 5_000);
    try {
      const res = await fetch(`${this.transport.base}/api/v1/sync/stream${query}`, {
        headers: { authorization: `Bearer ${this.transport.apiKey}`, accept: "text/event-stream" },
        signal: abort.signal,
      });
      if (!res.ok || res.body === null) {
        const text = await res.text().catch(() => "");
        let problem: { title?: string; detail?: string } = {};
        try {
          problem = JSON.parse(text);
        } catch {}
        throw new GatehouseError(res.status, problem.title ?? res.statusText, problem.detail ?? text.slice(0, 200));
      }
      const parser = new SseParser({
        onEvent: ({ event, data }) => {
          const body = JSON.parse(data) as ChangeData;
          if (event === "ready" || event === "reset") {
            clearTimeout(connectTimer);
            this.version = body.perm_version;
            started = true;
            this.live = abort;
            this.handlers.onStart(event, body.perm_version, from);
            this.freshness.opened();
            if (this.firstStart) {
              this.firstStart.resolve();
              this.firstStart = null;
            }
          } else if (event === "change" && (started || from !== null)) {
            // Before `ready`: the changes since `from` that the stream replays on a resume.
            this.version = body.perm_version;
            this.handlers.onChange(body);
          }
        },
      });
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        parser.push(chunk);
        if (started) this.freshness.confirm();
      }
    } catch (error) {
      if (!abort.signal.aborted || this.firstStart) throw error;
    } finally {
      clearTimeout(connectTimer);
      if (this.abort === abort) this.abort = null;
      if (this.live === abort) this.live = null;
    }
    return started;
  }
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });
