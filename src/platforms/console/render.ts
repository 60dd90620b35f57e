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

/** The Markdown-ish subset: **bold** and _italic_ lose their markers (or become ANSI); `code` stays as typed. */
function inline(text: string, colour: boolean): string {
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
    lines.push('', colour ? `${ANSI.bold}${field.name}${ANSI.reset}` : `${field.name}:`, inline(field.value, colour));
  }
  if (message.footer)
    lines.push('', colour ? `${ANSI.dim}${inline(message.footer, false)}${ANSI.reset}` : inline(message.footer, false));
  return `${lines.join('\n')}\n`;
}
