/**
 * The one declarative command spec. Discord's application-command JSON, Slack's `/tutor` help and the
 * console's `/help` are all generated from it, so the same words work on every platform.
 */
import { PERIODS } from '../domain/vocabulary.js';

export interface Localized {
  readonly en: string;
  readonly zh: string;
}

export type OptionType = 'string' | 'integer' | 'boolean' | 'user';

export interface OptionSpec {
  readonly name: string;
  readonly type: OptionType;
  readonly description: Localized;
  readonly required?: boolean;
  /** Allowed values (string options). In text form any of them may stand alone as a token. */
  readonly choices?: readonly string[];
  /** Discord autocomplete from the knowledge graph. */
  readonly autocomplete?: boolean;
  /** In text form (console, Slack) this option takes the rest of the line. */
  readonly rest?: boolean;
  readonly maxLength?: number;
  /** How usage text names the value (`<HH:MM>`), when the option's name would say less. */
  readonly placeholder?: string;
}

/**
 * `learner` commands are top-level on Discord and the console; `admin` ones live under `/tutor` on Discord;
 * on Slack everything is `/tutor <name>` because `/topic` is a Slack built-in.
 */
export type CommandGroup = 'learner' | 'admin';

export interface CommandSpec {
  readonly name: CommandName;
  readonly group: CommandGroup;
  readonly description: Localized;
  readonly options: readonly OptionSpec[];
  /** e.g. `team join <name>` / `team leave`: the first token of the text form picks one. */
  readonly subcommands?: readonly SubcommandSpec[];
}

export interface SubcommandSpec {
  readonly name: string;
  readonly description: Localized;
  readonly options: readonly OptionSpec[];
}

export const COMMAND_NAMES = [
  'topic',
  'challenge',
  'answer',
  'practice',
  'practice-answer',
  'streak',
  'leaderboard',
  'team',
  'schedule',
  'pause',
  'resume',
  'post-now',
  'reload',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** Platform payloads are untrusted: a command name is checked before anything is looked up by it. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'topic',
    group: 'learner',
    description: { en: 'Look a topic up in the notes', zh: '在笔记中查找一个主题' },
    options: [
      {
        name: 'query',
        type: 'string',
        required: true,
        autocomplete: true,
        rest: true,
        maxLength: 200,
        description: {
          en: 'A topic, in Chinese or English (k8s, 缓存, eventual consistency…)',
          zh: '主题，中文或英文（k8s、缓存、最终一致性…）',
        },
      },
    ],
  },
  {
    name: 'challenge',
    group: 'learner',
    description: { en: "Show today's challenge in this channel", zh: '查看本频道今天的挑战' },
    options: [],
  },
  {
    name: 'answer',
    group: 'learner',
    description: {
      en: "Answer today's challenge: the pain point, then the fix",
      zh: '回答今天的挑战：先说痛点，再说解法',
    },
    options: [
      {
        name: 'text',
        type: 'string',
        required: true,
        rest: true,
        maxLength: 4000,
        description: { en: 'Your answer', zh: '你的回答' },
      },
    ],
  },
  {
    name: 'practice',
    group: 'learner',
    description: {
      en: 'A personal challenge now: scored, not counted for the streak',
      zh: '立即练习一题：计分，但不计入连续天数',
    },
    options: [
      {
        name: 'topic',
        type: 'string',
        autocomplete: true,
        rest: true,
        maxLength: 200,
        description: { en: 'A topic (random when empty)', zh: '主题（留空则随机）' },
      },
    ],
  },
  {
    name: 'practice-answer',
    group: 'learner',
    description: {
      en: 'Answer your practice challenge (never uses a daily attempt)',
      zh: '回答你的练习题（不占用每日挑战的作答次数）',
    },
    options: [
      {
        name: 'text',
        type: 'string',
        required: true,
        rest: true,
        maxLength: 4000,
        description: { en: 'Your answer', zh: '你的回答' },
      },
    ],
  },
  {
    name: 'streak',
    group: 'learner',
    description: { en: 'Current and longest streak, freezes, recent days', zh: '当前与最长连续天数、冻结卡、最近记录' },
    options: [
      { name: 'user', type: 'user', description: { en: 'Whose streak (you by default)', zh: '查看谁（默认自己）' } },
    ],
  },
  {
    name: 'leaderboard',
    group: 'learner',
    description: { en: 'Rankings by points and streak', zh: '积分与连续天数排行榜' },
    options: [
      {
        name: 'period',
        type: 'string',
        choices: PERIODS,
        description: { en: 'week, month or all (default week)', zh: 'week、month 或 all（默认 week）' },
      },
      { name: 'teams', type: 'boolean', description: { en: 'Rank teams instead of people', zh: '按团队排名' } },
    ],
  },
  {
    name: 'team',
    group: 'learner',
    description: { en: 'Join or leave a team', zh: '加入或离开团队' },
    options: [],
    subcommands: [
      {
        name: 'join',
        description: { en: 'Join a team (leaving your current one)', zh: '加入一个团队（并离开当前团队）' },
        options: [
          {
            name: 'name',
            type: 'string',
            required: true,
            rest: true,
            maxLength: 50,
            description: { en: 'Team name', zh: '团队名称' },
          },
        ],
      },
      { name: 'leave', description: { en: 'Leave your team', zh: '离开团队' }, options: [] },
    ],
  },
  {
    name: 'schedule',
    group: 'admin',
    description: { en: "Set this channel's daily time and time zone", zh: '设置本频道每日挑战的时间与时区' },
    options: [
      {
        name: 'time',
        type: 'string',
        required: true,
        maxLength: 5,
        placeholder: 'HH:MM',
        description: { en: 'HH:MM, 24-hour', zh: 'HH:MM，24 小时制' },
      },
      {
        name: 'timezone',
        type: 'string',
        maxLength: 64,
        placeholder: 'zone',
        description: {
          en: 'IANA time zone, e.g. Asia/Shanghai (unchanged when empty)',
          zh: 'IANA 时区，如 Asia/Shanghai（留空不变）',
        },
      },
    ],
  },
  {
    name: 'pause',
    group: 'admin',
    description: { en: 'Pause daily challenges here', zh: '暂停本频道的每日挑战' },
    options: [],
  },
  {
    name: 'resume',
    group: 'admin',
    description: { en: 'Resume daily challenges here', zh: '恢复本频道的每日挑战' },
    options: [],
  },
  {
    name: 'post-now',
    group: 'admin',
    description: { en: "Post today's challenge now (once per day)", zh: '立即发布今天的挑战（每天一次）' },
    options: [],
  },
  {
    name: 'reload',
    group: 'admin',
    description: { en: 'Reload the knowledge base from disk', zh: '从磁盘重新加载知识库' },
    options: [],
  },
];

export function commandSpec(name: CommandName): CommandSpec {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new Error(`no command spec named ${name}`);
  return spec;
}
