/**
 * A seeded generator of hostile text and values: control characters, lone surrogates, bidi overrides,
 * mention syntax, format strings, SQL, huge and empty strings, note-syntax fragments, wrong types.
 * Seeded so a failure is reproducible from its index.
 */

/** mulberry32: small, fast, good enough to spread inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '',
  ' ',
  '\0',
  '\u0007',
  '\uFFFF',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '🔥',
  '👩‍👩‍👧‍👦',
  '\u202E',
  '\u200B',
  'e\u0301\u0301\u0301\u0301',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
  '<!channel>',
  '<!here|here>',
  '@everyone',
  '<@U123>',
  '<#C1|general>',
  '${process.exit(1)}',
  '%s%n%x',
  "'; DROP TABLE attempts; --",
  '"\\\'',
  '\r\n',
  '\n\n\n',
  '\t\t\t',
  '    ',
  '--',
  '----',
  '>',
  '>>>>',
  '#',
  '######',
  '- ',
  '* ',
  '```',
  '**',
  '_',
  '`',
  'title: body',
  '标题：正文',
  '：',
  '::::',
  '缓存',
  '缓存雪崩',
  '分布式锁',
  '單點故障',
  'ｃａｃｈｅ',
  'cache',
  'not',
  '不',
  '没有',
  'k8s',
  '2PC',
  '0',
  '-1',
  '1e309',
  '99999999999999999999',
  '09:00',
  '25:61',
  'Asia/Shanghai',
  'Mars/Olympus',
  'week',
  'teams',
  '/topic',
  '/tutor',
  'help',
  '{"a":',
  '[[[[[[[[',
  ']]]]',
  '\\',
  '\\u0000',
  '%00',
  '../../etc/passwd',
  'C:\\Windows',
];

export function hostileText(random: () => number, maxPieces = 24): string {
  const count = Math.floor(random() * maxPieces);
  let out = '';
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.8) out += PIECES[Math.floor(random() * PIECES.length)]!;
    else if (roll < 0.9) out += String.fromCharCode(Math.floor(random() * 0x10000));
    else if (roll < 0.97) out += PIECES[Math.floor(random() * PIECES.length)]!.repeat(1 + Math.floor(random() * 50));
    else out += 'x'.repeat(Math.floor(random() * 20_000));
  }
  return out;
}

/** A note file's lines: indentation, markers and titles in hostile combinations, each line cut at `lineCap`. */
export function hostileNotes(random: () => number, lineCap = Infinity): string {
  const lines: string[] = [];
  const count = Math.floor(random() * 40);
  for (let i = 0; i < count; i++) {
    const indent = random() < 0.5 ? '\t'.repeat(Math.floor(random() * 12)) : ' '.repeat(Math.floor(random() * 30));
    const marker = ['', '--', '----', '>', '-', '*', '#', '##', '1.', '>>'][Math.floor(random() * 10)]!;
    lines.push(`${indent}${marker}${random() < 0.5 ? ' ' : ''}${hostileText(random, 6)}`.slice(0, lineCap));
  }
  return lines.join(random() < 0.2 ? '\r\n' : '\n');
}

export function hostileBytes(random: () => number): Uint8Array {
  const text = new TextEncoder().encode(hostileNotes(random));
  const bytes = new Uint8Array(text.length + Math.floor(random() * 64));
  bytes.set(text);
  for (let i = text.length; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  // Scatter invalid UTF-8 (lone continuation bytes, truncated sequences, BOMs) through it.
  for (let i = 0; i < 4 && bytes.length > 0; i++)
    bytes[Math.floor(random() * bytes.length)] = [0x80, 0xc3, 0xff, 0xfe][i]!;
  return bytes;
}

/** Any value a loosely typed payload might carry where a string or number was expected. */
export function hostileValue(random: () => number): unknown {
  const choices: (() => unknown)[] = [
    () => hostileText(random, 6),
    () => random() * 1e6 - 5e5,
    () => [NaN, Infinity, -Infinity, -0, 1e21, 2 ** 53 + 1, 0.1][Math.floor(random() * 7)],
    () => random() < 0.5,
    () => undefined,
    () => null,
    () => ({}),
    () => [hostileText(random, 3)],
    () => ({ toString: () => 'sneaky' }),
  ];
  return choices[Math.floor(random() * choices.length)]!();
}
