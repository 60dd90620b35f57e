/**
 * Preconditions, checked in one place before any handler runs (in the manner of Sapphire's): an `admin`
 * command's group, then the spec's declared list in order. Each failure is a refusal with its own error id;
 * each success may resolve what the handler then needs (the channel, today's challenge), so a handler that
 * declares `needs-todays-challenge` receives the challenge instead of looking it up and checking again.
 */
import { localTimeToInstant } from '../../domain/calendar.js';
import type { Locale } from '../../domain/vocabulary.js';
import { rejectAnswer } from '../../grading/reject.js';
import type { ChannelRecord, DailyChallengeRecord } from '../../store/types.js';
import type { CommandRequest } from '../api.js';
import { channelOf, isAdmin, type Core } from '../core.js';
import { errorMessage, refusal } from '../errors.js';
import type { OutMessage } from '../messages.js';
import type { CommandSpec, Precondition } from './spec.js';

/** What the passed preconditions resolved for the handler. */
export interface Resolved {
  readonly channel?: ChannelRecord;
  readonly challenge?: DailyChallengeRecord;
}

/** The part of `Resolved` a set of preconditions guarantees: what a handler's input carries. */
export type Provided<P extends Precondition> = ('needs-channel' extends P
  ? { readonly channel: ChannelRecord }
  : unknown) &
  ('needs-todays-challenge' extends P
    ? { readonly channel: ChannelRecord; readonly challenge: DailyChallengeRecord }
    : unknown);

export type PreconditionResult =
  { readonly ok: true; readonly resolved: Resolved } | { readonly ok: false; readonly refusal: OutMessage };

export async function checkPreconditions(
  spec: CommandSpec,
  request: CommandRequest,
  options: { readonly text?: unknown },
  core: Core,
): Promise<PreconditionResult> {
  const locale = request.actor.locale;
  if (spec.group === 'admin' && !isAdmin(core, request.actor)) {
    return { ok: false, refusal: refusal(locale, 'not-admin', 'admin.refused') };
  }
  let resolved: Resolved = {};
  for (const precondition of spec.preconditions) {
    const result = await check(precondition, request, options, resolved, core);
    if (!result.ok) return result;
    resolved = result.resolved;
  }
  return { ok: true, resolved };
}

async function check(
  precondition: Precondition,
  request: CommandRequest,
  options: { readonly text?: unknown },
  resolved: Resolved,
  core: Core,
): Promise<PreconditionResult> {
  const locale = request.actor.locale;
  switch (precondition) {
    case 'acceptable-answer': {
      const rejection = rejectAnswer(typeof options.text === 'string' ? options.text : '', locale);
      return rejection ? { ok: false, refusal: errorMessage(rejection.id, rejection.message) } : { ok: true, resolved };
    }
    case 'needs-channel': {
      if (!request.place.channelId) return { ok: false, refusal: refusal(locale, 'no-channel', 'error.no-channel') };
      return { ok: true, resolved: { ...resolved, channel: await channelOf(core, request.place) } };
    }
    case 'needs-todays-challenge': {
      const channel = resolved.channel ?? (await channelOf(core, request.place));
      const challenge = await core.store.dailyChallenge(channel.id, core.dayOf(core.clock.now(), channel.timeZone));
      if (!challenge?.postedAt) return { ok: false, refusal: openingNotice(core, locale, channel, challenge) };
      return { ok: true, resolved: { ...resolved, channel, challenge } };
    }
  }
}

/**
 * Why there is nothing to answer yet: paused, being posted right now, not yet due, or due and not posted (a
 * channel first seen after its time, say): "it opens at 09:00" is never said at 10:00.
 */
function openingNotice(
  core: Core,
  locale: Locale,
  channel: ChannelRecord,
  record: DailyChallengeRecord | null,
): OutMessage {
  if (record) return refusal(locale, 'no-challenge', 'challenge.posting');
  if (channel.paused) return refusal(locale, 'no-challenge', 'challenge.paused');
  const now = core.clock.now();
  const due = localTimeToInstant(core.dayOf(now, channel.timeZone), channel.scheduleTime, channel.timeZone);
  const key = now.getTime() >= due.getTime() ? 'challenge.overdue' : 'challenge.none';
  return refusal(locale, 'no-challenge', key, { time: channel.scheduleTime, zone: channel.timeZone });
}
