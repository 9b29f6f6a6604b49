import type { ChangeHistory, PermChange } from "./hub";
import { eventStream, MAX_STREAM_MS, RETRY_MS, sseEvent } from "./sse";

/** The sync stream's heartbeat: under the SDK's default freshness bound (5 s), several times over. */
export const SYNC_HEARTBEAT_MS = 1_000;

export interface SyncStreamOptions {
  tenantId: string;
  /** The version the client holds everything up to (`?from=`); undefined: it holds nothing. */
  from?: number;
  subscribe: (tenantId: string, listener: (change: PermChange) => void) => Promise<() => void>;
  /** What this process has heard of the tenant's changes (PermHub.historyOf), and where it starts. */
  history: (tenantId: string) => ChangeHistory | null;
  baseline: (tenantId: string, version: number) => void;
  readVersion: (tenantId: string) => Promise<number | null>;
  /** Whether the key may still sync (re-checked on every change and heartbeat); false ends the stream. */
  stillAllowed: () => Promise<boolean>;
  signal?: AbortSignal;
  heartbeatMs?: number;
  maxAgeMs?: number;
}

/** The `data:` of an `event: change` (SyncChangeEvent in lib/validation/responses.ts). */
export function changeData(change: PermChange) {
  return {
    perm_version: change.permVersion,
    policy: change.policy === true,
    ...(Array.isArray(change.users) ? { user_ids: [...change.users] } : {}),
    ...(change.users === "all" ? { all_users: true as const } : {}),
  };
}

/** A change that says what it touched; one re-read after a resync does not. */
const named = (change: PermChange) => change.policy === true || change.users !== undefined;

/**
 * The body of `GET /api/v1/sync/stream` (docs/sdk.md): the tenant's changes as they are heard,
 * fed by the same LISTEN as everything else (lib/live/hub.ts), never by polling.
 *
 * It opens with where the client stands: resuming from `from`, the changes after it that this
 * process remembers, then `event: ready`; without `from`, `event: ready` at the current version;
 * when the changes since `from` are not all known here (another instance heard them, a resync
 * lost them, or `from` is ahead of the database), `event: reset`: drop everything, start again
 * at this version. After that, `event: change` for each version in order (a gap, or a change
 * that does not say what it touched, is a `reset`), and a comment every `heartbeatMs` that says
 * "nothing else so far". The key is re-checked on each; a refused key ends the stream.
 */
export function syncStream(options: SyncStreamOptions): ReadableStream<Uint8Array> {
  const { tenantId, heartbeatMs = SYNC_HEARTBEAT_MS, maxAgeMs = MAX_STREAM_MS } = options;
  return eventStream(options.signal, (channel) => {
    const { send, close } = channel;
    let last = -1;
    const sendChange = (change: PermChange) => {
      if (change.permVersion <= last) return;
      if (change.permVersion !== last + 1 || !named(change))
        send(sseEvent("reset", { perm_version: change.permVersion }, change.permVersion));
      else send(sseEvent("change", changeData(change), change.permVersion));
      last = change.permVersion;
    };
    // One at a time, in order, the key checked before each: the opening, then each change and heartbeat.
    const guarded = (step: () => Promise<void> | void) =>
      channel.serial(async () => {
        if (!(await options.stillAllowed().catch(() => false))) return close();
        await step();
      });

    send(`retry: ${RETRY_MS}\n: gatehouse sync stream\n\n`);
    guarded(async () => {
      try {
        channel.onClose(await options.subscribe(tenantId, (change) => guarded(() => sendChange(change))));
        const current = await options.readVersion(tenantId);
        if (current === null) return close();
        options.baseline(tenantId, current);
        const { from } = options;
        const h = options.history(tenantId);
        if (from === undefined || from === current) {
          last = current;
          send(sseEvent("ready", { perm_version: current }, current));
        } else if (h !== null && from >= h.base && from < current) {
          // Everything after `from` is known here up to the history's end; the rest is on its way.
          last = from;
          for (const change of h.changes) if (change.permVersion > from) sendChange(change);
          send(sseEvent("ready", { perm_version: last }, last));
        } else {
          last = current;
          send(sseEvent("reset", { perm_version: current }, current));
        }
      } catch (error) {
        console.error("sync: could not open the stream", error);
        close();
      }
    });
    const heartbeat = setInterval(() => guarded(() => send(`: ${Date.now()}\n\n`)), heartbeatMs);
    const maxAge = setTimeout(close, maxAgeMs);
    channel.onClose(() => {
      clearInterval(heartbeat);
      clearTimeout(maxAge);
    });
  });
}
