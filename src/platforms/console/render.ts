/**
 * `OutMessage` → terminal text. Plain text when the output is a pipe or a file (so a scripted session
 * can be compared line by line); ANSI bold and tone colours only on a terminal.
 */
import type { OutMessage, Tone } from '../../tutor/messages.js';

const ANSI = { bold: '\u001b[1m', dim: '\u001b[2m', reset: '\u001b[0m' };
const TONE_COLOUR: Record<Tone, string> = {
  neutral: '\u001b[36m',
  success: '\u001b[32m',
  failure: '\u001b[31m',
  warning: '\u001b[33m',
  error: '\u001b[31m',
};

export interface RenderOptions {
  readonly colour: boolean;
}

/**
 * Terminal control sequences and invisible controls in message text (a user's answer, name or query echoed
 * back) are dropped, so nothing typed or stored can recolour, move or rewrite the learner's terminal: ANSI
 * CSI/OSC sequences, C0 and C1 controls other than tab and newline, and bidirectional overrides.
 */
const TERMINAL_CONTROLS =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function withoutControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, '');
}

/** The Markdown-ish subset: **bold** and _italic_ lose their markers (or become ANSI); `code` stays as typed. */
function inline(raw: string, colour: boolean): string {
  const text = withoutControls(raw);
  const bold = colour ? `${ANSI.bold}$1${ANSI.reset}` : '$1';
  const dim = colour ? `$1${ANSI.dim}$2${ANSI.reset}` : '$1$2';
  return text.replace(/\*\*([^*\n]+)\*\*/g, bold).replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/gm, dim);
}

export function renderMessage(message: OutMessage, options: RenderOptions): string {
  const { colour } = options;
  const lines: string[] = [];
  if (message.title) {
    const title = inline(message.title, false);
    lines.push(colour ? `${ANSI.bold}${TONE_COLOUR[message.tone]}${title}${ANSI.reset}` : `== ${title} ==`);
  }
  if (message.text) {
    const text = inline(message.text, colour);
    lines.push(
      !message.title && colour && message.tone !== 'neutral'
        ? `${TONE_COLOUR[message.tone]}${text}${ANSI.reset}`
        : text,
    );
  }
  for (const field of message.fields ?? []) {
    const name = withoutControls(field.name);
    lines.push('', colour ? `${ANSI.bold}${name}${ANSI.reset}` : `${name}:`, inline(field.value, colour));
  }
  if (message.footer)
    lines.push('', colour ? `${ANSI.dim}${inline(message.footer, false)}${ANSI.reset}` : inline(message.footer, false));
  return `${lines.join('\n')}\n`;
}
