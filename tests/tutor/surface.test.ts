import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/types.js';
import { t } from '../../src/tutor/i18n.js';
import { atSurface, failureMessage } from '../../src/tutor/surface.js';
import { recordingLogger } from '../support/recording-logger.js';

describe('atSurface', () => {
  it('answers a synchronous throw synchronously with the fallback, passing the arguments', () => {
    const guarded = atSurface(
      (fragment: string): string[] => {
        if (fragment === 'boom') throw new Error('index gone');
        return [fragment];
      },
      (error, fragment) => [`fallback for ${fragment}: ${(error as Error).message}`],
    );
    expect(guarded('ok')).toEqual(['ok']);
    expect(guarded('boom')).toEqual(['fallback for boom: index gone']);
  });

  it('turns a rejection into the fallback, so the wrapped method never rejects', async () => {
    const guarded = atSurface(
      async (id: number): Promise<number> => {
        if (id < 0) throw new Error('negative');
        return id * 2;
      },
      (_error, id) => -id,
    );
    await expect(guarded(4)).resolves.toBe(8);
    await expect(guarded(-3)).resolves.toBe(3);
  });
});

describe('failureMessage', () => {
  it('explains a store error by its id and logs it as a warning; anything else is internal, logged as an error', () => {
    const logs = recordingLogger();
    const log = logs.logger;
    expect(failureMessage('en', new StoreError('store-full', 'disk full'), log, 'answer')).toEqual({
      text: t('en', 'error.store-full'),
      tone: 'error',
      errorId: 'store-full',
      private: true,
    });
    expect(failureMessage('zh', new TypeError('oops'), log, 'answer')).toEqual({
      text: t('zh', 'error.internal'),
      tone: 'error',
      errorId: 'internal',
      private: true,
    });
    expect(logs.lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'answer: store error'],
      ['error', 'answer failed'],
    ]);
  });
});
