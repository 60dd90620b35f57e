/**
 * Remembers the last N event ids so a redelivered event (a gateway replay after a resume, a retried webhook) is
 * handled once. Bounded: the oldest ids are forgotten first, so memory stays flat however long the bot runs.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 5_000) {}

  /** True the first time `id` is seen; false for a repeat still remembered. */
  firstSighting(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value as string;
      this.ids.delete(oldest);
    }
    return true;
  }
}
