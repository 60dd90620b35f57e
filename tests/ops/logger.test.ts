import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/domain/logger.js';
import { createLogger } from '../../src/ops/logger.js';
import { closingSink } from '../../src/ops/output.js';
import { REDACTED, createScrubber } from '../../src/ops/redact.js';

function recorder() {
  const lines: string[] = [];
  return {
    lines,
    destination: { write: (line: string) => void lines.push(line) },
    parsed: () => lines.map((l) => JSON.parse(l)),
  };
}

const DISCORD_SHAPED = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456';

describe('createLogger', () => {
  it('writes one JSON line per event with level, time and message', () => {
    const out = recorder();
    const logger: Logger = createLogger({ level: 'info', destination: out.destination });
    logger.info('started');
    logger.debug('not at info');
    logger.warn({ channels: 3 }, 'catching up');
    expect(out.lines).toHaveLength(2);
    expect(out.lines.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
    const [first, second] = out.parsed();
    expect(first).toMatchObject({ level: 'info', msg: 'started' });
    expect(Number.isNaN(Date.parse(first.time))).toBe(false);
    expect(second).toMatchObject({ level: 'warn', channels: 3, msg: 'catching up' });
  });

  it('carries child bindings (platform, workspace, channel, user ids) on every line of the event', () => {
    const out = recorder();
    const logger = createLogger({ level: 'info', destination: out.destination });
    const event = logger.child({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }).child({ userId: 'U1' });
    event.info('answer graded');
    event.warn({ score: 40 }, 'below pass mark');
    for (const line of out.parsed()) {
      expect(line).toMatchObject({ platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1' });
    }
    expect(out.lines).toHaveLength(2);
  });

  it('redacts secret-named fields at any usual depth', () => {
    const out = recorder();
    const logger = createLogger({ level: 'info', destination: out.destination });
    logger.info(
      { token: 'a', config: { slack: { botToken: 'b', signingSecret: 'c' } }, headers: { authorization: 'd' } },
      'config',
    );
    const line = out.parsed()[0];
    expect(line.token).toBe(REDACTED);
    expect(line.config.slack).toEqual({ botToken: REDACTED, signingSecret: REDACTED });
    expect(line.headers.authorization).toBe(REDACTED);
  });

  it('scrubs token-shaped strings and configured secrets from messages, errors and stacks', () => {
    const out = recorder();
    const logger = createLogger({ level: 'info', destination: out.destination, secrets: ['my-signing-secret-42'] });
    logger.error({ err: new Error(`login failed for ${DISCORD_SHAPED}`) }, 'discord down');
    logger.warn(`slack said no to xoxb-1111-2222-abcdef and xapp-1-A1-xyz123 with my-signing-secret-42`);
    logger.info({ detail: 'Authorization: Bot abc.def.ghijkl-123' }, 'request');
    const text = out.lines.join('');
    for (const secret of [DISCORD_SHAPED, 'xoxb-1111', 'xapp-1-A1', 'my-signing-secret-42', 'abc.def.ghijkl']) {
      expect(text).not.toContain(secret);
    }
    expect(out.parsed()[0].err.message).toBe(`login failed for ${REDACTED}`);
    expect(out.parsed()[2].detail).toBe(`Authorization: Bot ${REDACTED}`);
  });

  it('is silent at level silent', () => {
    const out = recorder();
    createLogger({ level: 'silent', destination: out.destination }).error('nothing');
    expect(out.lines).toEqual([]);
  });
});

describe('createScrubber', () => {
  it('leaves ordinary text alone and ignores short configured values', () => {
    const scrub = createScrubber(['abc', undefined]);
    const text = 'posted challenge 缓存击穿 to C012 at 09:00 (abc)';
    expect(scrub(text)).toBe(text);
  });

  it('matches secrets inside JSON-escaped text', () => {
    const secret = 'pa"ss\\word-123';
    expect(createScrubber([secret])(JSON.stringify({ msg: `x ${secret} y` }))).toBe(
      JSON.stringify({ msg: `x ${REDACTED} y` }),
    );
  });
});

describe('a destination whose reader has gone', () => {
  it('is written no more after its first failure, thrown or emitted, and logging never throws', () => {
    let writes = 0;
    const throwing = {
      write: () => {
        writes += 1;
        throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      },
    };
    const logger = createLogger({ level: 'info', destination: throwing });
    expect(() => {
      for (let i = 0; i < 100; i++) logger.info({ i }, 'line');
    }).not.toThrow();
    expect(writes).toBe(1);

    // A stream reports EPIPE as an `error` event (process.stderr keeps failing every write without end).
    const emitter = new EventEmitter();
    let streamWrites = 0;
    const stream = Object.assign(emitter, {
      write: () => {
        streamWrites += 1;
        emitter.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        return false;
      },
    });
    const streamLogger = createLogger({ level: 'info', destination: stream });
    for (let i = 0; i < 100; i++) streamLogger.error({ i }, 'line');
    expect(streamWrites).toBe(1);
    expect(emitter.listenerCount('error')).toBe(1);
  });
});

describe('closingSink', () => {
  it('calls onClosed once, with the first error, and writes nothing after it', () => {
    const emitter = new EventEmitter();
    const seen: unknown[] = [];
    const written: string[] = [];
    const sink = closingSink(Object.assign(emitter, { write: (t: string) => written.push(t) }), (e) => seen.push(e));
    sink.write('a');
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    emitter.emit('error', epipe);
    emitter.emit('error', epipe);
    sink.write('b');
    expect({ written, seen }).toEqual({ written: ['a'], seen: [epipe] });
  });
});
