// An app's cached copies of rows every replica may change. They are used only while the app hears
// every change: writers (or triggers) send NOTIFY on the cache's channel, delivered to every replica
// on commit, and hearing it drops every copy. Not listening (no connection, a test context), every
// read goes to the database, so no replica acts on what another has changed.

export class HeardCache<V> {
  private readonly copies = new Map<string, { value: V; at: number }>();
  /** Bumped by every change heard or made, so a read that began before it does not store an old copy. */
  private generation = 0;
  /** Set by this app's own write until its notification arrives (a rolled-back write sends none). */
  private writtenAt: number | undefined;
  private hearing: () => boolean = () => false;
  /** Changes heard so far (what a test waits for). */
  heard = 0;

  /**
   * @param limit copies kept at most; past it, all are dropped and refilled by use.
   * @param maxAgeMs a copy is also dropped after this long, in case a notification was lost with a
   *   connection that has not noticed it is gone.
   */
  constructor(
    private readonly limit = 1,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** Called by the app once its listening connection exists. */
  follow(connected: () => boolean): void {
    this.hearing = connected;
  }

  /** A change was heard (or the connection came back and changes may have been missed). */
  changed(): void {
    this.heard += 1;
    this.drop();
    this.writtenAt = undefined;
  }

  /** This app committed a change of its own: drop every copy now, before its notification comes. */
  drop(): void {
    this.generation += 1;
    this.copies.clear();
  }

  /** This app is writing in a transaction not yet committed: no copies until its notification. */
  writing(): void {
    this.drop();
    this.writtenAt = performance.now();
  }

  /** The copy under `key`, or what `load` reads; an undefined result is never kept. */
  async read<R extends V | undefined>(key: string, load: () => Promise<R>): Promise<R> {
    const now = performance.now();
    const usable = this.hearing() && (this.writtenAt === undefined || now - this.writtenAt > this.maxAgeMs);
    const copy = this.copies.get(key);
    if (usable && copy && now - copy.at < this.maxAgeMs) return copy.value as R;
    const started = this.generation;
    const value = await load();
    if (usable && value !== undefined && this.generation === started) {
      if (this.copies.size >= this.limit) this.copies.clear();
      this.copies.set(key, { value, at: now });
    }
    return value;
  }
}
