import { describe, expect, it, vi } from "vitest";
import { type PermChange, PermHub } from "./hub";
import { permStream } from "./sse";
import { backoffDelay } from "./use-perm-stream";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

/** A fake database: one LISTEN callback we can fire, and versions to read. */
function fakeDatabase(versions: Record<string, number>) {
  let notify: ((payload: string) => void) | null = null;
  let reconnect: (() => void) | null = null;
  let listens = 0;
  const database = {
    db: {} as never,
    listen: async (_channel: string, onMessage: (payload: string) => void, onReconnect?: () => void) => {
      listens++;
      notify = onMessage;
      reconnect = onReconnect ?? null;
      return async () => undefined;
    },
  };
  return {
    database,
    fire: (msg: unknown) => notify!(JSON.stringify(msg)),
    reconnect: () => reconnect!(),
    listens: () => listens,
    versions,
  };
}

vi.mock("@/db/queries/perm-version", () => ({
  PERM_CHANNEL: "gatehouse_perm",
  currentPermVersion: async (db: { versions?: Record<string, number> }, tenantId: string) =>
    db.versions?.[tenantId] ?? null,
}));

describe("PermHub", () => {
  it("LISTENs once, however many subscribe, and delivers each tenant's changes only to its own listeners", async () => {
    const fake = fakeDatabase({});
    const hub = new PermHub(fake.database);
    const a1: PermChange[] = [],
      a2: PermChange[] = [],
      b: PermChange[] = [];
    const offA1 = await hub.subscribe(A, (c) => a1.push(c));
    await hub.subscribe(A, (c) => a2.push(c));
    await hub.subscribe(B, (c) => b.push(c));
    expect(fake.listens()).toBe(1);
    expect(hub.size()).toEqual({ tenants: 2, listeners: 3 });

    fake.fire({ tenant_id: A, perm_version: 7 });
    expect(a1).toEqual([{ tenantId: A, permVersion: 7 }]);
    expect(a2).toEqual([{ tenantId: A, permVersion: 7 }]);
    expect(b).toEqual([]);

    offA1();
    fake.fire({ tenant_id: A, perm_version: 8 });
    expect(a1).toHaveLength(1);
    expect(a2).toHaveLength(2);
    expect(hub.size()).toEqual({ tenants: 2, listeners: 2 });
  });

  it("re-reads every watched tenant on a global change, a malformed message or a LISTEN reconnect", async () => {
    const fake = fakeDatabase({});
    const versions: Record<string, number> = { [A]: 3, [B]: 9 };
    const hub = new PermHub({ ...fake.database, db: { versions } as never });
    const seen: PermChange[] = [];
    await hub.subscribe(A, (c) => seen.push(c));
    await hub.subscribe(B, (c) => seen.push(c));
    fake.fire({ all: true });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual(
      expect.arrayContaining([
        { tenantId: A, permVersion: 3 },
        { tenantId: B, permVersion: 9 },
      ]),
    );
    versions[A] = 4;
    fake.reconnect();
    await vi.waitFor(() => expect(seen).toContainEqual({ tenantId: A, permVersion: 4 }));
    seen.length = 0;
    fake.fire("not json at all"); // JSON.stringify makes it a JSON string, not an object
    await vi.waitFor(() => expect(seen).toHaveLength(2));
  });
});

async function readAll(stream: ReadableStream<Uint8Array>, until: (text: string) => boolean): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}

function events(text: string) {
  return [...text.matchAll(/event: permissions\ndata: (.*)\n/g)].map(
    (m) => JSON.parse(m[1]!) as { perm_version: number; tenant_id: string },
  );
}

describe("permStream", () => {
  function setup(initial: number | null, allowed = () => Promise.resolve(true)) {
    let listener: ((c: PermChange) => void) | null = null;
    const unsubscribe = vi.fn();
    const controller = new AbortController();
    const stream = permStream({
      tenantId: A,
      subscribe: async (_t, l) => {
        listener = l;
        return unsubscribe;
      },
      readVersion: async () => initial,
      stillAllowed: allowed,
      signal: controller.signal,
      heartbeatMs: 20,
    });
    return {
      stream,
      change: (v: number) => listener?.({ tenantId: A, permVersion: v }),
      unsubscribe,
      abort: () => controller.abort(),
    };
  }

  it("sends the retry hint and the current version at once, then each rise once and in order", async () => {
    const s = setup(5);
    const reader = s.stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (events(text).length < 1) text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(/^retry: \d+\n/);
    expect(events(text)).toEqual([{ perm_version: 5, tenant_id: A }]);
    s.change(5); // not a rise
    s.change(4); // backwards
    s.change(6);
    s.change(6);
    s.change(8);
    while (events(text).length < 3) text += decoder.decode((await reader.read()).value);
    expect(events(text).map((e) => e.perm_version)).toEqual([5, 6, 8]);
    // A heartbeat comment comes along.
    while (!text.includes(": heartbeat")) text += decoder.decode((await reader.read()).value);
    s.abort();
    expect(s.unsubscribe).toHaveBeenCalledTimes(1);
    expect((await reader.read()).done).toBe(true);
  });

  it("ends, and unsubscribes, when the viewer may no longer hear the tenant", async () => {
    let allowed = true;
    const s = setup(1, async () => allowed);
    const reader = s.stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (events(text).length < 1) text += decoder.decode((await reader.read()).value);
    allowed = false;
    s.change(2);
    let done = false;
    while (!done) {
      const r = await reader.read();
      done = r.done;
      if (r.value) text += decoder.decode(r.value);
    }
    expect(events(text).map((e) => e.perm_version)).toEqual([1]);
    expect(s.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it("cleans up when the consumer cancels", async () => {
    const s = setup(1);
    const text = await readAll(s.stream, (t) => events(t).length > 0);
    expect(events(text)).toHaveLength(1);
    await s.stream.cancel();
    expect(s.unsubscribe).toHaveBeenCalledTimes(1);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially with jitter and is capped at 30 s", () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 0)).toBe(2000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0)).toBe(7500);
    const samples = Array.from({ length: 50 }, () => backoffDelay(2));
    expect(new Set(samples).size).toBeGreaterThan(1);
    expect(samples.every((d) => d >= 1000 && d <= 4000)).toBe(true);
  });
});
