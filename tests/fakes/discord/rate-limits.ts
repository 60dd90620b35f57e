/**
 * Discord's rate limits, opt-in for the fake (`FakeDiscord.enforceRateLimits`): a global limit of 50 requests
 * per second per bot, and per-route buckets (a channel's message posts: 5 per 5 s) announced with
 * `X-RateLimit-*` headers. Over a limit the answer is Discord's `429` with `retry_after` in seconds, so
 * discord.js's own pacing and retry are what is exercised. Token buckets: a full bucket allows a burst of its
 * size, then refills at its rate.
 */

export interface RateLimitDecision {
  readonly status: 200 | 429;
  readonly headers: Record<string, string>;
  readonly body?: { message: string; retry_after: number; global: boolean };
}

interface Bucket {
  tokens: number;
  at: number;
}

interface BucketRule {
  readonly size: number;
  readonly perMs: number;
}

export const GLOBAL_PER_SECOND = 50;
const GLOBAL: BucketRule = { size: GLOBAL_PER_SECOND, perMs: 1000 };
const ROUTES: readonly { method: string; path: RegExp; name: string; rule: BucketRule }[] = [
  { method: 'POST', path: /^\/channels\/(\d+)\/messages$/, name: 'channel-messages', rule: { size: 5, perMs: 5000 } },
];

export class DiscordRateLimits {
  private readonly global: Bucket = { tokens: GLOBAL.size, at: 0 };
  private readonly routes = new Map<string, Bucket>();
  /** 429 answers given, global and per route. */
  readonly rejected = { global: 0, route: 0 };

  /** Takes one token for a request arriving at `nowMs` (performance.now()), or says how long to wait. */
  take(method: string, path: string, nowMs: number): RateLimitDecision {
    const route = ROUTES.find((r) => r.method === method && r.path.test(path));
    const key = route ? `${route.name}:${route.path.exec(path)?.[1] ?? ''}` : null;
    const bucket = key && route ? this.bucket(key, route.rule, nowMs) : null;
    const global = refill(this.global, GLOBAL, nowMs);
    if (global.tokens < 1) {
      this.rejected.global += 1;
      return tooMany(waitMs(global, GLOBAL), true, {});
    }
    if (bucket && route && bucket.tokens < 1) {
      this.rejected.route += 1;
      return tooMany(waitMs(bucket, route.rule), false, headers(key ?? '', route.rule, bucket));
    }
    global.tokens -= 1;
    if (!bucket || !route) return { status: 200, headers: {} };
    bucket.tokens -= 1;
    return { status: 200, headers: headers(key ?? '', route.rule, bucket) };
  }

  private bucket(key: string, rule: BucketRule, nowMs: number): Bucket {
    const existing = this.routes.get(key);
    if (existing) return refill(existing, rule, nowMs);
    const fresh = { tokens: rule.size, at: nowMs };
    this.routes.set(key, fresh);
    return fresh;
  }
}

function refill(bucket: Bucket, rule: BucketRule, nowMs: number): Bucket {
  bucket.tokens = Math.min(rule.size, bucket.tokens + ((nowMs - bucket.at) * rule.size) / rule.perMs);
  bucket.at = nowMs;
  return bucket;
}

function waitMs(bucket: Bucket, rule: BucketRule): number {
  return ((1 - bucket.tokens) * rule.perMs) / rule.size;
}

function headers(key: string, rule: BucketRule, bucket: Bucket): Record<string, string> {
  return {
    'x-ratelimit-limit': String(rule.size),
    'x-ratelimit-remaining': String(Math.max(0, Math.floor(bucket.tokens))),
    'x-ratelimit-reset-after': (waitMs(bucket, rule) / 1000).toFixed(3),
    'x-ratelimit-bucket': key,
  };
}

function tooMany(ms: number, global: boolean, extra: Record<string, string>): RateLimitDecision {
  const seconds = Math.max(0.001, ms / 1000);
  return {
    status: 429,
    headers: {
      ...extra,
      'retry-after': String(Math.ceil(seconds)),
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
    },
    body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global },
  };
}
