/**
 * One value per process, kept on globalThis under `Symbol.for("gatehouse.<name>")`: Next.js may
 * evaluate a module in several bundles of one process (route handlers, pages, instrumentation),
 * and a database, a cache with its LISTEN, or a metrics registry must exist once.
 */
const keys = new Map<string, symbol>();
/** `Symbol.for("gatehouse.<name>")`, looked up once per name (the check path asks several per request). */
function keyOf(name: string): symbol {
  let key = keys.get(name);
  if (key === undefined) keys.set(name, (key = Symbol.for(`gatehouse.${name}`)));
  return key;
}

export function singleton<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = keyOf(name);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** `singleton` for a value made asynchronously; a failed attempt is forgotten, so the next call retries. */
export function singletonAsync<T>(name: string, create: () => Promise<T>): Promise<T> {
  const key = keyOf(name);
  return singleton(name, () =>
    create().catch((error: unknown) => {
      delete (globalThis as Record<symbol, unknown>)[key];
      throw error;
    }),
  );
}

/** What each promise of `singletonAsync` (or one a test put in place) resolved to, once it has: process-wide. */
let settledMap: WeakMap<Promise<unknown>, { value?: unknown }> | undefined;
const settled = () => {
  settledMap ??= singleton("settled-singletons", () => new WeakMap<Promise<unknown>, { value?: unknown }>());
  return settledMap;
};

/**
 * The value of a `singletonAsync` once its promise has resolved, else undefined (the caller then
 * awaits `singletonAsync` as usual). For the check path, which answers from memory without
 * creating a promise (lib/maybe-promise.ts). The first call about a pending promise starts
 * watching it.
 */
export function singletonNow<T>(name: string): T | undefined {
  const held = (globalThis as Record<symbol, unknown>)[keyOf(name)];
  if (!(held instanceof Promise)) return undefined;
  const values = settled();
  const known = values.get(held);
  if (known === undefined) {
    const watched: { value?: unknown } = {};
    values.set(held, watched);
    held.then(
      (value: unknown) => {
        watched.value = value;
      },
      () => values.delete(held),
    );
  }
  return known?.value as T | undefined;
}
