/**
 * A bounded cache with CLOCK eviction (second chance): a hit is one Map lookup and one store of a
 * "recently used" flag, where a true LRU would relink a list on every hit. When full, the hand
 * sweeps the ring, clearing flags, and evicts the first entry not used since its last pass.
 * It approximates LRU well enough for a cache of users' permission sets, and a warm check is
 * mostly this lookup.
 */
interface Slot<V> {
  key: string | null;
  value: V | undefined;
  used: boolean;
  /** Position in the ring. */
  at: number;
}

export class ClockCache<V> {
  private readonly index = new Map<string, Slot<V>>();
  private readonly ring: Slot<V>[] = [];
  /** Ring positions whose entry was deleted, reused before the ring grows or the hand sweeps. */
  private readonly holes: number[] = [];
  private hand = 0;

  constructor(
    readonly max: number,
    /** Called once for every entry that leaves the cache (evicted, deleted or replaced). */
    private readonly dispose: (value: V, key: string) => void,
  ) {
    if (!(max >= 1)) throw new RangeError("ClockCache max must be at least 1");
  }

  get size(): number {
    return this.index.size;
  }

  get(key: string): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  set(key: string, value: V): void {
    const known = this.index.get(key);
    if (known !== undefined) {
      const old = known.value as V;
      known.value = value;
      known.used = true;
      if (old !== value) this.dispose(old, key);
      return;
    }
    const hole = this.holes.pop();
    const at = hole ?? (this.ring.length < this.max ? this.ring.length : this.evict());
    const slot: Slot<V> = { key, value, used: false, at };
    this.ring[at] = slot;
    this.index.set(key, slot);
  }

  delete(key: string): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    this.index.delete(key);
    const value = slot.value as V;
    slot.key = null;
    slot.value = undefined;
    this.holes.push(slot.at);
    this.dispose(value, key);
    return true;
  }

  /** Frees the ring position of the first entry not used since the hand last passed it. */
  private evict(): number {
    for (;;) {
      const at = this.hand;
      const slot = this.ring[at] as Slot<V>;
      this.hand = (at + 1) % this.ring.length;
      if (slot.key === null) return at;
      if (slot.used) {
        slot.used = false;
        continue;
      }
      const key = slot.key;
      this.index.delete(key);
      this.dispose(slot.value as V, key);
      return at;
    }
  }
}
