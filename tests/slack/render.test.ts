import { describe, expect, it } from 'vitest';
import { escapeSlack, LIMITS, renderMessage, toMrkdwn } from '../../src/platforms/slack/render.js';
import type { OutMessage } from '../../src/tutor/messages.js';

const msg = (over: Partial<OutMessage>): OutMessage => ({ text: '', tone: 'neutral', ...over });
type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };
const blocksOf = (m: OutMessage) => renderMessage(m).flatMap((s) => s.blocks as Block[]);

describe('escaping', () => {
  it('turns every Slack control sequence into plain characters', () => {
    for (const ping of [
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U123>',
      '<#C123|general>',
      '<!subteam^S1>',
      '<https://x|y>',
    ]) {
      const out = escapeSlack(ping);
      expect(out).not.toMatch(/[<>]/);
    }
    expect(escapeSlack('a & b <c>')).toBe('a &amp; b &lt;c&gt;');
  });

  it('applies to title, text, fields, footer and the fallback', () => {
    const [out] = renderMessage(
      msg({
        title: '<!here>',
        text: '<!channel>',
        fields: [{ name: '<@U1>', value: '<#C1>', inline: true }],
        footer: '<!everyone>',
      }),
    );
    const all = JSON.stringify(out);
    expect(all).not.toMatch(/<[!@#]/);
    expect(out!.text).toContain('&lt;!here&gt;');
  });
});

describe('mrkdwn', () => {
  it('converts **bold** and bullets, keeps `code` and _italic_', () => {
    expect(toMrkdwn('**Pain** then _fix_: `2PC`\n- one\n- two')).toBe('*Pain* then _fix_: `2PC`\n• one\n• two');
  });
});

describe('layout', () => {
  it('puts the title in a header, the text in a section, the footer in a context block, with a tone mark', () => {
    const blocks = blocksOf(msg({ title: 'Title', text: 'Body', footer: 'Foot', tone: 'success' }));
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(blocks[0]?.text?.text).toBe('✅ Title');
  });

  it('groups inline fields into sections of at most ten, and gives others their own section', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, value: `v${i}`, inline: true }));
    const blocks = blocksOf(msg({ text: 'x', fields: [...fields, { name: 'long', value: 'wide' }] }));
    expect(blocks.map((b) => b.fields?.length ?? 0)).toEqual([0, 10, 2, 0]);
    expect(blocks[3]?.text?.text).toBe('*long*\nwide');
  });
});

describe('Slack limits', () => {
  it('cuts headers to 150 characters', () => {
    const [header] = blocksOf(msg({ title: 'h'.repeat(400), text: 'x' }));
    expect([...header!.text!.text].length).toBe(LIMITS.header);
  });

  it('splits text longer than 3000 characters over several sections, losing nothing', () => {
    const paragraph = 'word '.repeat(200).trim();
    const text = Array.from({ length: 10 }, () => paragraph).join('\n\n');
    const sections = blocksOf(msg({ text }));
    // Cut at paragraph ends: two 999-character paragraphs per section, three would pass the limit.
    expect(sections.map((s) => [...s.text!.text].length)).toEqual([2000, 2000, 2000, 2000, 2000]);
    for (const s of sections) expect([...s.text!.text].length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(
      sections
        .map((s) => s.text!.text)
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toBe(text.replace(/\s+/g, ' '));
  });

  it('splits a message with more than 50 blocks into several messages', () => {
    const fields = Array.from({ length: 60 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    const messages = renderMessage(msg({ text: 'x', fields }));
    expect(messages).toHaveLength(2);
    expect(messages[0]!.blocks).toHaveLength(LIMITS.blocksPerMessage);
    expect(messages[1]!.blocks).toHaveLength(11);
  });

  it('trims the fallback text to 40,000 characters', () => {
    const [out] = renderMessage(msg({ text: 'y'.repeat(50_000) }));
    expect([...out!.text].length).toBe(LIMITS.fallbackText);
  });

  it('never splits a surrogate pair when cutting a header', () => {
    const [header] = blocksOf(msg({ title: '😀'.repeat(100), text: 'x' }));
    expect(header!.text!.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
