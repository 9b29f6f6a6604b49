/**
 * One value per process, kept on globalThis under `Symbol.for("gatehouse.<name>")`: Next.js may
 * evaluate a module in several bundles of one process (route handlers, pages, instrumentation),
 * and a database, a cache with its LISTEN, or a metrics registry must exist once.
 */
export function singleton<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`gatehouse.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** `singleton` for a value made asynchronously; a failed attempt is forgotten, so the next call retries. */
export function singletonAsync<T>(name: string, create: () => Promise<T>): Promise<T> {
  const key = Symbol.for(`gatehouse.${name}`);
  return singleton(name, () =>
    create().catch((error: unknown) => {
      delete (globalThis as Record<symbol, unknown>)[key];
      throw error;
    }),
  );
}
