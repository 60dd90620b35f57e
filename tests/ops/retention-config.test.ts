import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('TUTOR_RETENTION', () => {
  it('defaults to 0.9 and takes a decimal from 0.70 to 0.99', () => {
    expect(loadConfig({}).retention).toBe(0.9);
    expect(loadConfig({ TUTOR_RETENTION: '0.85' }).retention).toBe(0.85);
    expect(loadConfig({ TUTOR_RETENTION: '.95' }).retention).toBe(0.95);
  });

  it.each(['1.5', '0.5', '90', 'high'])('refuses %s, naming the variable and an example', (value) => {
    expect(() => loadConfig({ TUTOR_RETENTION: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TUTOR_RETENTION: value })).toThrow(
      /TUTOR_RETENTION: must be .*Example: TUTOR_RETENTION=0\.9/,
    );
  });
});
