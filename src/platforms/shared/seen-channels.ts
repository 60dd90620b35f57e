/**
 * Channels this process has already registered with the core (`TutorApi.ensureChannel`), so a busy channel costs
 * one registration per process, not one per event. A registration that fails is not remembered: the channel's
 * next event tries again.
 */
import type { Place } from '../../tutor/api.js';

export class SeenChannels {
  private readonly seen = new Set<string>();

  constructor(private readonly register: (place: Place) => Promise<void>) {}

  /** Registers the channel of `place` the first time this process sees it. */
  async ensure(place: Place): Promise<void> {
    const key = `${place.workspaceId}/${place.channelId}`;
    if (this.seen.has(key)) return;
    await this.register(place);
    this.seen.add(key);
  }
}
