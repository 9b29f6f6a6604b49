/**
 * A value now, or a promise of it. The check path's steps (the database handle, the API key, the
 * rate-limit budget, the decision state) answer from memory when they hold the answer and return
 * a promise only when they must read: a request served from memory then creates no promise at
 * all. That matters because Next.js turns on AsyncLocalStorage in the process, and with it a hook
 * on every promise (docs/architecture.md, "The data plane").
 */
export type MaybePromise<T> = T | Promise<T>;

/** `f` applied to the value now, or once the promise resolves (a rejection passes through). */
export function andThen<T, R>(value: MaybePromise<T>, f: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/**
 * Runs `step`, sending what it throws synchronously or rejects with to `caught` alike: the
 * try/catch of an async function, for a step that may answer synchronously.
 */
export function attempt<R>(step: () => MaybePromise<R>, caught: (error: unknown) => MaybePromise<R>): MaybePromise<R> {
  let result: MaybePromise<R>;
  try {
    result = step();
  } catch (error) {
    return caught(error);
  }
  return result instanceof Promise ? result.catch(caught) : result;
}
