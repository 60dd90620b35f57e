/**
 * Event ids seen lately, so a redelivery (X-Slack-Retry-Num, Socket Mode retry_attempt) is dropped before any
 * work. Bounded: the oldest ids are forgotten first. The store's own dedupe (eventId) still guards across
 * restarts and instances; this only makes the common case free.
 */
export class RecentEvents {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  /** Records `id`; true when it was already there. */
  check(id: string): boolean {
    if (this.seen.has(id)) return true;
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return false;
  }
}
