import { describe, expect, it } from 'vitest';
import { messageLimitViolations } from '../fakes/discord/limits.js';
import { DISCORD_LIMITS, renderMessage, threadName } from '../../src/platforms/discord/render.js';
import { splitText, truncate } from '../../src/platforms/shared/text-limits.js';
import type { OutMessage } from '../../src/tutor/messages.js';

describe('text limits', () => {
  it('truncates with an ellipsis and never splits a surrogate pair', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    const emoji = '😀'.repeat(10); // 20 UTF-16 units
    const cut = truncate(emoji, 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe('😀😀…');
  });

  it('splits at paragraph, line and word boundaries before cutting hard', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(30)} ${'c'.repeat(30)}`;
    expect(splitText(text, 70)).toEqual(['a'.repeat(60), `${'b'.repeat(30)} ${'c'.repeat(30)}`]);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(splitText('', 10)).toEqual(['']);
  });
});

describe('renderMessage', () => {
  it('maps title, text, fields, footer and the tone colour onto one embed', () => {
    const message: OutMessage = {
      title: 'Cache',
      text: '**Pain** first, then _fix_',
      fields: [{ name: 'Children', value: '- TTL\n- LRU', inline: true }],
      footer: 'system-design-primer',
      tone: 'success',
    };
    const [embeds, ...more] = renderMessage(message);
    expect(more).toHaveLength(0);
    expect(embeds).toEqual([
      {
        color: 0x57f287,
        title: 'Cache',
        description: '**Pain** first, then _fix_',
        fields: [{ name: 'Children', value: '- TTL\n- LRU', inline: true }],
        footer: { text: 'system-design-primer' },
      },
    ]);
  });

  it('splits an over-limit message into embeds and messages Discord accepts, losing no text', () => {
    const paragraph = 'Consistent hashing moves few keys when a node joins. '.repeat(40);
    const message: OutMessage = {
      title: 'T'.repeat(400),
      text: Array.from({ length: 12 }, () => paragraph).join('\n\n'),
      fields: Array.from({ length: 40 }, (_, i) => ({
        name: `field ${i} ${'n'.repeat(300)}`,
        value: 'v'.repeat(1500),
      })),
      footer: 'f'.repeat(3000),
      tone: 'neutral',
    };
    const messages = renderMessage(message);
    expect(messages.length).toBeGreaterThan(1);
    for (const embeds of messages) {
      expect(messageLimitViolations({ embeds })).toEqual([]);
      expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    }
    const all = messages.flat();
    const description = all.map((e) => e.description ?? '').join('');
    expect(description.replace(/\s/g, '')).toBe(message.text.replace(/\s/g, ''));
    const values = all.flatMap((e) => e.fields ?? []).map((f) => f.value);
    expect(values.join('')).toBe('v'.repeat(1500 * 40));
    expect(all[0]?.title).toHaveLength(DISCORD_LIMITS.title);
    expect(all.at(-1)?.footer?.text.length).toBe(DISCORD_LIMITS.footer);
  });

  it('never sends an empty embed or an empty field', () => {
    const [embeds] = renderMessage({ text: '', fields: [{ name: '', value: '' }], tone: 'warning' });
    expect(embeds?.[0]?.fields?.[0]).toEqual({ name: '\u200b', value: '\u200b', inline: false });
    const [bare] = renderMessage({ text: '', tone: 'neutral' });
    expect(bare?.[0]?.description).toBe('\u200b');
  });

  it('names threads within 1–100 characters', () => {
    expect(threadName('x'.repeat(150), 'Daily')).toHaveLength(100);
    expect(threadName('  ', 'Daily challenge')).toBe('Daily challenge');
  });
});
