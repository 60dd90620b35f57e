/** A TutorApi that notes who called what before passing the call on: for "the request reached nothing" checks. */
import type { Actor, Place, TutorApi } from '../../src/tutor/api.js';

export interface ApiCall {
  readonly method: keyof TutorApi;
  /** The platform user id, when the call has an actor. */
  readonly userId?: string;
  /** The platform channel id, when the call has a place. */
  readonly channelId?: string;
}

export function recordingApi(api: TutorApi): { api: TutorApi; calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  const note = (method: keyof TutorApi, actor?: Actor, place?: Place) =>
    void calls.push({
      method,
      ...(actor ? { userId: actor.userId } : {}),
      ...(place ? { channelId: place.channelId } : {}),
    });
  return {
    calls,
    api: {
      handleCommand: (request) => (note('handleCommand', request.actor, request.place), api.handleCommand(request)),
      handleThreadAnswer: (answer) => (
        note('handleThreadAnswer', answer.actor, answer.place),
        api.handleThreadAnswer(answer)
      ),
      autocomplete: (fragment, locale) => (note('autocomplete'), api.autocomplete(fragment, locale)),
      attemptFeedback: (actor, attemptId) => (note('attemptFeedback', actor), api.attemptFeedback(actor, attemptId)),
      ensureChannel: (place) => (note('ensureChannel', undefined, place), api.ensureChannel(place)),
      overview: (actor) => (note('overview', actor), api.overview(actor)),
    },
  };
}
