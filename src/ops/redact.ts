/**
 * Keeping secrets out of logs. Two nets: pino's `redact` censors values under secret-named keys, and
 * `scrubSecrets` rewrites every finished log line, so a token that leaks into a message, an error text or a
 * stack trace (a library echoing its Authorization header, say) is censored too.
 */

export const REDACTED = '[redacted]';

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
];

/** pino `redact` paths: secret-named keys at the top level and up to two objects deep (headers, config.discord…). */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * Token shapes worth catching even when nobody told us the value: Slack tokens (xoxb-, xoxp-, xapp-…),
 * Discord bot tokens (three base64url parts), and credentials after an HTTP auth scheme.
 */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bxox[abeoprs]-[A-Za-z0-9-]{6,}/g,
  /\bxapp-[A-Za-z0-9-]{6,}/g,
  /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g,
  /\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g,
];

/** Known secret values are only matched when long enough not to censor ordinary words. */
const MIN_KNOWN_SECRET = 8;

export type Scrubber = (text: string) => string;

/**
 * A scrubber for finished text. `secrets` are exact values (the configured tokens); they are matched both
 * raw and JSON-escaped, because the text it sees is usually a JSON log line.
 */
export function createScrubber(secrets: readonly (string | undefined)[] = []): Scrubber {
  const known = [
    ...new Set(
      secrets
        .filter((s): s is string => typeof s === 'string' && s.length >= MIN_KNOWN_SECRET)
        .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]),
    ),
  ].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    for (const pattern of TOKEN_PATTERNS) {
      out = out.replace(pattern, (match, scheme?: string) =>
        typeof scheme === 'string' && /^(Bot|Bearer)$/.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED,
      );
    }
    return out;
  };
}

export const scrubSecrets: Scrubber = createScrubber();
