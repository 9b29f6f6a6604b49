import type { PermChange } from "./hub";

/** docs/api.md: a comment heartbeat every 25 s — under the 30–60 s idle timeouts of common proxies and load balancers. */
export const HEARTBEAT_MS = 25_000;
/** Streams end after this long (the client reconnects at once): sessions are re-checked, load rebalances. */
export const MAX_STREAM_MS = 30 * 60_000;
/** The reconnection hint for EventSource clients that do their own retrying. */
export const RETRY_MS = 2_000;

export interface PermStreamOptions {
  tenantId: string;
  /** Registers for the tenant's changes; resolves to the unsubscribe once listening. */
  subscribe: (tenantId: string, listener: (change: PermChange) => void) => Promise<() => void>;
  /** The tenant's current perm_version (read after subscribing, so no change falls in between). */
  readVersion: (tenantId: string) => Promise<number | null>;
  /** Whether the viewer may still hear this tenant (re-checked on every change and heartbeat); false ends the stream. */
  stillAllowed: () => Promise<boolean>;
  signal?: AbortSignal;
  heartbeatMs?: number;
  maxAgeMs?: number;
}

const encoder = new TextEncoder();

export function sseEvent(event: string, data: unknown, id?: string | number): string {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** What an event stream's body writes with (`eventStream`). */
export interface EventChannel {
  send(text: string): void;
  /** Ends the stream and runs what `onClose` registered (once, however often it is called). */
  close(): void;
  readonly closed: boolean;
  /** Runs when the stream ends, however it ends (the client going away, `close`); at once if it has. */
  onClose(release: () => void): void;
  /** Runs `step` after every step queued before it, one at a time; never once the stream has ended. */
  serial(step: () => Promise<void> | void): void;
}

/**
 * The plumbing of an event stream's body (the browsers' permStream, the SDK's syncStream): a
 * ReadableStream that ends when the client aborts or cancels, and a channel that writes to it,
 * ends it, and releases what the stream holds (subscriptions, timers) when it ends.
 */
export function eventStream(
  signal: AbortSignal | undefined,
  open: (channel: EventChannel) => Promise<void> | void,
): ReadableStream<Uint8Array> {
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const releases: (() => void)[] = [];
  let chain = Promise.resolve();
  const close = () => {
    if (closed) return;
    closed = true;
    signal?.removeEventListener("abort", close);
    for (const release of releases.splice(0)) release();
    try {
      controllerRef?.close();
    } catch {
      // already closed or errored by the consumer going away
    }
  };
  const channel: EventChannel = {
    get closed() {
      return closed;
    },
    send(text) {
      if (closed || controllerRef === null) return;
      try {
        controllerRef.enqueue(encoder.encode(text));
      } catch {
        close();
      }
    },
    close,
    onClose(release) {
      if (closed) release();
      else releases.push(release);
    },
    serial(step) {
      chain = chain.then(() => (closed ? undefined : step()));
    },
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controllerRef = controller;
      if (signal?.aborted) return close();
      signal?.addEventListener("abort", close);
      await open(channel);
    },
    cancel() {
      close();
    },
  });
}

/**
 * The body of `GET /api/v1/me/stream`: a `retry:` hint, the current version at once, then an
 * `event: permissions` whenever the version rises (never twice for one, never backwards), and a
 * comment line every `heartbeatMs` so proxies keep the connection open and dead clients surface.
 * Everything is released when the client goes (abort/cancel), when the viewer loses the tenant,
 * or after `maxAgeMs`.
 */
export function permStream(options: PermStreamOptions): ReadableStream<Uint8Array> {
  const { tenantId, heartbeatMs = HEARTBEAT_MS, maxAgeMs = MAX_STREAM_MS } = options;
  return eventStream(options.signal, async (channel) => {
    const { send, close } = channel;
    channel.onClose(() => {
      if (process.env.GATEHOUSE_DEBUG_LIVE) console.log(`live: stream of tenant ${tenantId} closed`);
    });
    let last = -1;
    const emit = (version: number) => {
      if (version <= last) return;
      last = version;
      send(sseEvent("permissions", { perm_version: version, tenant_id: tenantId }, version));
    };
    // Changes are checked in order, one at a time, so versions are sent in the order they rose.
    const onChange = (change: PermChange) =>
      channel.serial(async () => {
        if (change.permVersion <= last) return;
        if (!(await options.stillAllowed().catch(() => false))) return close();
        emit(change.permVersion);
      });

    send(`retry: ${RETRY_MS}\n: gatehouse permission stream\n\n`);
    try {
      channel.onClose(await options.subscribe(tenantId, onChange));
      if (channel.closed) return;
      const current = await options.readVersion(tenantId);
      if (current === null) return close();
      emit(current);
    } catch (error) {
      console.error("live: could not open the permission stream", error);
      return close();
    }
    // Each heartbeat asks again too: an ended session (sign-out elsewhere, an admin) bumps no
    // version, and must not keep its stream.
    const heartbeat = setInterval(
      () =>
        channel.serial(async () => {
          if (!(await options.stillAllowed().catch(() => false))) return close();
          send(`: heartbeat ${Date.now()}\n\n`);
        }),
      heartbeatMs,
    );
    const maxAge = setTimeout(close, maxAgeMs);
    channel.onClose(() => {
      clearInterval(heartbeat);
      clearTimeout(maxAge);
    });
  });
}

/** Headers that keep every layer from buffering or transforming the stream. */
export const SSE_HEADERS: HeadersInit = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: the `compression` middleware of `next start` (and most proxies) then leave it alone.
  "cache-control": "no-cache, no-store, no-transform",
  // nginx and friends: do not buffer.
  "x-accel-buffering": "no",
};
