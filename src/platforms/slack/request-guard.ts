/**
 * Bolt refuses request timestamps older than five minutes but accepts any from the future, so a captured,
 * validly signed request could be replayed later if its clock was set ahead. This check runs in front of
 * Bolt's HTTP receiver and refuses those with 401, like a stale one.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export const MAX_SKEW_SECONDS = 5 * 60;

export function isFromTheFuture(timestampHeader: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(timestampHeader) ? timestampHeader[0] : timestampHeader;
  if (value === undefined) return false;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + MAX_SKEW_SECONDS;
}

export function refuseFutureTimestamps(
  inner: RequestListener,
  onRefused: (req: IncomingMessage) => void,
  now: () => number = Date.now,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && isFromTheFuture(req.headers['x-slack-request-timestamp'], now())) {
      onRefused(req);
      req.resume();
      res.writeHead(401).end();
      return;
    }
    inner(req, res);
  };
}
