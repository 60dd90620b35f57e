/**
 * One platform-neutral reply, rendered per backend (console text, Discord embed, Slack blocks), as Errbot does.
 *
 * Markdown-ish subset allowed in `text`, field values and `footer`:
 *   **bold**, _italic_, `code`, lines starting with "- " (bullets), blank line = paragraph.
 * User-written text may appear anywhere; renderers must neutralize mentions (@everyone, <!channel>, <@U…>…).
 */
import type { ErrorId } from './errors.js';

export type Tone = 'neutral' | 'success' | 'failure' | 'warning' | 'error';

export interface MessageField {
  readonly name: string;
  readonly value: string;
  readonly inline?: boolean;
}

export interface OutMessage {
  readonly title?: string;
  readonly text: string;
  readonly fields?: readonly MessageField[];
  readonly footer?: string;
  readonly tone: Tone;
  /** Only the requester may see it: an ephemeral reply on Discord/Slack, printed as-is on the console. */
  readonly private?: boolean;
  /** Stable identifier when the message reports an error (e.g. `unknown-topic`, `not-admin`); such messages are private. */
  readonly errorId?: ErrorId;
}
