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

/**
 * The body of `GET /api/v1/me/stream`: a `retry:` hint, the current version at once, then an
 * `event: permissions` whenever the version rises (never twice for one, never backwards), and a
 * comment line every `heartbeatMs` so proxies keep the connection open and dead clients surface.
 * Everything is released when the client goes (abort/cancel), when the viewer loses the tenant,
 * or after `maxAgeMs`.
 */
export function permStream(options: PermStreamOptions): ReadableStream<Uint8Array> {
  const { tenantId, heartbeatMs = HEARTBEAT_MS, maxAgeMs = MAX_STREAM_MS } = options;
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  const timers: ReturnType<typeof setTimeout>[] = [];
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    if (process.env.GATEHOUSE_DEBUG_LIVE) console.log(`live: stream of tenant ${tenantId} closed`);
    unsubscribe?.();
    unsubscribe = null;
    if (heartbeat) clearInterval(heartbeat);
    timers.forEach(clearTimeout);
    options.signal?.removeEventListener("abort", close);
    try {
      controllerRef?.close();
    } catch {
      // already closed or errored by the consumer going away
    }
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controllerRef = controller;
      if (options.signal?.aborted) return close();
      options.signal?.addEventListener("abort", close);
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      let last = -1;
      const emit = (version: number) => {
        if (version <= last) return;
        last = version;
        send(sseEvent("permissions", { perm_version: version, tenant_id: tenantId }, version));
      };
      // Changes are checked in order, one at a time, so versions are sent in the order they rose.
      let chain = Promise.resolve();
      const onChange = (change: PermChange) => {
        chain = chain.then(async () => {
          if (closed || change.permVersion <= last) return;
          if (!(await options.stillAllowed().catch(() => false))) return close();
          emit(change.permVersion);
        });
      };

      send(`retry: ${RETRY_MS}\n: gatehouse permission stream\n\n`);
      try {
        unsubscribe = await options.subscribe(tenantId, onChange);
        if (closed) return close();
        const current = await options.readVersion(tenantId);
        if (current === null) return close();
        emit(current);
      } catch (error) {
        console.error("live: could not open the permission stream", error);
        return close();
      }
      // Each heartbeat asks again too: an ended session (sign-out elsewhere, an admin) bumps no
      // version, and must not keep its stream.
      heartbeat = setInterval(() => {
        chain = chain.then(async () => {
          if (closed) return;
          if (!(await options.stillAllowed().catch(() => false))) return close();
          send(`: heartbeat ${Date.now()}\n\n`);
        });
      }, heartbeatMs);
      timers.push(setTimeout(close, maxAgeMs));
    },
    cancel() {
      close();
    },
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
