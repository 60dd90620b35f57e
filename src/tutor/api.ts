/**
 * The core's contract with platform adapters (console, Discord, Slack). Adapters translate platform events
 * into these calls and render the returned `OutMessage`s; nothing here knows any platform library.
 * Every method resolves (never rejects): failures come back as messages with an `errorId`.
 */
import type { Locale, Platform } from '../domain/vocabulary.js';
import type { CommandName } from './commands/spec.js';
import type { OutMessage } from './messages.js';

/** Who acts. Ids are the platform's own (Discord snowflakes, Slack U…/T…). */
export interface Actor {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly locale: Locale;
  /** Decided by the adapter: Discord Manage Server, Slack admin/owner or configured list, console always. */
  readonly isAdmin: boolean;
  /** Team names from platform groups (Discord roles mapped to teams); empty when not applicable. */
  readonly platformTeams?: readonly string[];
}

/** Where it happens. */
export interface Place {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly channelId: string;
  /** A thread (Discord thread channel id, Slack thread_ts) when the event came from one. */
  readonly threadId?: string;
  readonly channelName?: string;
}

export type OptionValue = string | number | boolean;

export interface CommandRequest {
  readonly actor: Actor;
  readonly place: Place;
  readonly command: CommandName;
  /** For commands with subcommands (`team join`). */
  readonly subcommand?: string;
  /** Raw option values from the platform; the core validates them with zod. */
  readonly options: Readonly<Record<string, OptionValue | undefined>>;
  /** Platform event/interaction id: a retried delivery with the same id is answered once. */
  readonly eventId?: string;
}

export interface CommandReply {
  /** In order. A `private` message goes to the requester only. */
  readonly messages: readonly OutMessage[];
  /**
   * Set when the command changed the requester's waiting practice challenge: the one now waiting for
   * `/practice-answer`, or null once none is. The console routes plain lines by it.
   */
  readonly practice?: { readonly title: string } | null;
}

export interface ThreadAnswer {
  readonly actor: Actor;
  readonly place: Place & { readonly threadId: string };
  readonly text: string;
  readonly eventId?: string;
}

export type AnswerReaction = 'pass' | 'fail' | 'rejected';

export interface ThreadAnswerReply {
  /** Short public result for the thread ("Ada scored 80 ✅"): no hits or misses, so nobody is handed the answer. */
  readonly publicMessage: OutMessage;
  /** The detailed feedback, for the answerer only. */
  readonly privateMessage: OutMessage;
  readonly reaction: AnswerReaction;
  /** Lets an adapter fetch the feedback again later (e.g. a Discord "show my feedback" button). */
  readonly attemptId?: number;
}

export interface AutocompleteChoice {
  /** ≤100 characters. */
  readonly name: string;
  /** The value put in the option (a topic id or title), ≤100 characters. */
  readonly value: string;
}

/** A channel the scheduler posts to, as the outbox of its platform addresses it. */
export interface ChannelAddress {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly channelId: string;
}

export interface PostedMessage {
  readonly messageId: string;
  /** The thread answers go into (Discord thread channel id; Slack: the message ts). */
  readonly threadId: string;
}

/** A learner as the outbox of their platform addresses them privately. */
export interface UserAddress {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly userId: string;
}

/** What the core asks of a platform when no user event drives it (daily posts, day-close reveals, reminders). */
export interface Outbox {
  postChallenge(channel: ChannelAddress, message: OutMessage): Promise<PostedMessage>;
  postInThread(channel: ChannelAddress, threadId: string, message: OutMessage): Promise<void>;
  /** A message only this user sees, outside any event: a Discord DM, a Slack DM from the app, console text. */
  sendPrivate(user: UserAddress, message: OutMessage): Promise<void>;
}

/** A user's standing, for Slack's App Home and similar dashboards. */
export interface UserOverview {
  readonly streak: { readonly current: number; readonly longest: number; readonly freezes: number };
  readonly points: { readonly week: number; readonly month: number; readonly all: number };
  readonly team: { readonly name: string; readonly rank: number | null; readonly teams: number } | null;
  /** Today's challenge in each channel of the user's workspace on this platform. */
  readonly today: readonly {
    readonly channelId: string;
    readonly channelName: string | null;
    readonly title: string;
    readonly answered: boolean;
    readonly bestScore: number | null;
  }[];
}

export interface TutorApi {
  handleCommand(request: CommandRequest): Promise<CommandReply>;
  /** A message in a thread: graded when the thread is a challenge thread, `null` otherwise (ignore it). */
  handleThreadAnswer(answer: ThreadAnswer): Promise<ThreadAnswerReply | null>;
  /** Top 25 topic titles for a prefix or fragment. */
  autocomplete(fragment: string, locale: Locale): AutocompleteChoice[];
  /** The detailed feedback of an attempt, for its author only. */
  attemptFeedback(actor: Actor, attemptId: number): Promise<OutMessage>;
  /** Registers the channel (with the default schedule) when a platform first sees it. */
  ensureChannel(place: Place): Promise<void>;
  overview(actor: Actor): Promise<UserOverview>;
}
