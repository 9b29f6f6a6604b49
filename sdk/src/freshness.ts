/**
 * Whether the SDK may answer from memory (docs/sdk.md "Freshness"): only while the change stream
 * is open, has said where it stands (`ready` or `reset`), and has been heard from within the
 * bound. Every byte the stream delivers — a change or a heartbeat, sent every second — confirms
 * that nothing else has been heard by the server so far. Time is the caller's clock, so this is
 * plain logic.
 */
export class Freshness {
  private confirmedAt = Number.NEGATIVE_INFINITY;
  private open = false;
  private wasFresh = false;

  constructor(
    /** The bound: longer than this without a word from the stream, memory is not trusted. */
    readonly boundMs: number,
    private readonly clock: () => number = Date.now,
    /** Called when the answer of `fresh()` flips (staleness metrics). */
    private readonly onFlip?: (fresh: boolean, sinceConfirmedMs: number) => void,
  ) {}

  /** The stream said where it stands (`ready`/`reset`): from now on its bytes confirm freshness. */
  opened(): void {
    this.open = true;
    this.confirm();
  }

  /** The stream delivered something while open. */
  confirm(): void {
    if (!this.open) return;
    this.confirmedAt = this.clock();
    if (!this.wasFresh) this.flip(true);
  }

  /** The stream ended or failed: nothing confirms freshness until it is open again. */
  closed(): void {
    this.open = false;
  }

  /** Milliseconds since the stream last confirmed freshness (Infinity: never). */
  age(now = this.clock()): number {
    return now - this.confirmedAt;
  }

  /** Whether memory may answer now. A closed stream stays trusted until the bound runs out. */
  fresh(now = this.clock()): boolean {
    const ok = now - this.confirmedAt <= this.boundMs;
    if (ok !== this.wasFresh) this.flip(ok);
    return ok;
  }

  private flip(fresh: boolean): void {
    this.wasFresh = fresh;
    this.onFlip?.(fresh, this.age());
  }
}
