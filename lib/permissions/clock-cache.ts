/**
 * A bounded cache with CLOCK eviction (second chance): a hit is one Map lookup and one store of a
 * "recently used" flag, where a true LRU relinks a list on every hit. When full, the hand sweeps
 * the ring, clearing flags, and evicts the first entry not used since its last pass. It
 * approximates LRU well enough for a cache of users' permission sets, where a warm check is
 * mostly this lookup.
 *
 * The ring grows as entries arrive, up to `max` (a cache per tenant must not cost its capacity
 * before it has users); an entry then costs its Map entry and ring positions, no object of its own.
 */
export class ClockCache<V> {
  /** Key → position in the ring. */
  private readonly index = new Map<string, number>();
  private readonly keys: (string | undefined)[] = [];
  private readonly values: (V | undefined)[] = [];
  private used = new Uint8Array(16);
  /** Positions never filled yet, or emptied by `delete`: taken before the hand evicts. */
  private readonly free: number[] = [];
  private hand = 0;
  /** Entries pushed out to make room (not counting `delete`). */
  evictions = 0;

  constructor(
    readonly max: number,
    /** Called once for every entry that leaves the cache (evicted, deleted or replaced). */
    private readonly dispose: (value: V, key: string) => void,
  ) {
    if (!(max >= 1) || !Number.isInteger(max)) throw new RangeError("ClockCache max must be an integer of at least 1");
  }

  get size(): number {
    return this.index.size;
  }

  get(key: string): V | undefined {
    const at = this.index.get(key);
    if (at === undefined) return undefined;
    this.used[at] = 1;
    return this.values[at];
  }

  set(key: string, value: V): void {
    const known = this.index.get(key);
    if (known !== undefined) {
      const old = this.values[known] as V;
      this.values[known] = value;
      this.used[known] = 1;
      if (old !== value) this.dispose(old, key);
      return;
    }
    const at = this.free.pop() ?? (this.keys.length < this.max ? this.grow() : this.evict());
    this.keys[at] = key;
    this.values[at] = value;
    this.used[at] = 0;
    this.index.set(key, at);
  }

  /** The value without marking it used. */
  peek(key: string): V | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.values[at];
  }

  /** Empties the cache, disposing of every entry. */
  clear(): void {
    for (const key of [...this.index.keys()]) this.delete(key);
  }

  delete(key: string): boolean {
    const at = this.index.get(key);
    if (at === undefined) return false;
    const value = this.values[at] as V;
    this.empty(at, key);
    this.free.push(at);
    this.dispose(value, key);
    return true;
  }

  /** A new position at the end of the ring. */
  private grow(): number {
    const at = this.keys.length;
    this.keys.push(undefined);
    this.values.push(undefined);
    if (at === this.used.length) {
      const used = new Uint8Array(Math.min(this.max, this.used.length * 2));
      used.set(this.used);
      this.used = used;
    }
    return at;
  }

  /** Empties the position of the first entry not used since the hand last passed it. */
  private evict(): number {
    for (;;) {
      const at = this.hand;
      this.hand = at + 1 === this.max ? 0 : at + 1;
      if (this.used[at] === 1) {
        this.used[at] = 0;
        continue;
      }
      const key = this.keys[at] as string;
      const value = this.values[at] as V;
      this.empty(at, key);
      this.evictions++;
      this.dispose(value, key);
      return at;
    }
  }

  private empty(at: number, key: string): void {
    this.index.delete(key);
    this.keys[at] = undefined;
    this.values[at] = undefined;
    this.used[at] = 0;
  }
}
