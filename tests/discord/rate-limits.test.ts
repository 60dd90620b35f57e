/** The fake's Discord rate limits, which the fan-out bench and any paced client rely on. */
import { describe, expect, it } from 'vitest';
import { DiscordRateLimits, GLOBAL_PER_SECOND } from '../fakes/discord/rate-limits.js';

const post = (channel: string) => `/channels/${channel}/messages`;

describe('fake Discord rate limits', () => {
  it('allows a burst of 50 requests, answers the 51st with a global 429, and refills at 50/s', () => {
    const limits = new DiscordRateLimits();
    for (let i = 0; i < GLOBAL_PER_SECOND; i++) {
      expect(limits.take('POST', `/channels/${i}/messages/1/threads`, 0).status).toBe(200);
    }
    const refused = limits.take('GET', '/gateway/bot', 0);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ message: 'You are being rate limited.', retry_after: 0.02, global: true });
    expect(refused.headers['x-ratelimit-global']).toBe('true');
    expect(limits.take('GET', '/gateway/bot', 20).status).toBe(200);
    expect(limits.rejected).toEqual({ global: 1, route: 0 });
  });

  it("limits one channel's message posts to 5 per 5 s with bucket headers, other channels unaffected", () => {
    const limits = new DiscordRateLimits();
    const remaining = [1, 2, 3, 4, 5].map((i) => limits.take('POST', post('7'), i).headers['x-ratelimit-remaining']);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const refused = limits.take('POST', post('7'), 10);
    expect(refused.status).toBe(429);
    expect(refused.body?.global).toBe(false);
    expect(refused.body?.retry_after).toBeGreaterThan(0.9);
    expect(limits.take('POST', post('8'), 10).status).toBe(200);
    expect(limits.take('POST', post('7'), 1100).status).toBe(200);
  });
});
