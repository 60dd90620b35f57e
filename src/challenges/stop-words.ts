/**
 * Words that are never a concept: structure markers of notes, and the filler of Chinese and English prose
 * (function words, pronouns, adverbs, generic verbs and nouns). General lists, not phrases of one note set: a
 * word belongs here when it could stand in any sentence of any subject.
 */

const CHINESE = `
问题 方案 解法 解决 解决方案 解决办法 办法 对策 措施 痛点 原因 缺点 缺陷 优点 举动 引入 引进 带来 产生 导致 出现 遇到
可以 可能 能够 需要 必须 应该 应当 进行 通过 使用 利用 采用 支持 提供 基于 实现 完成 处理 操作 执行 发生 造成 成为 变成
没有 什么 怎么 怎样 如何 为什么 为何 哪个 哪些 哪里 这个 那个 这些 那些 这种 那种 这样 那样 这里 那里 其他 其它 别的
一个 一种 一些 一点 一下 一直 一起 一般 一定 一旦 所有 全部 每个 多个 各种 各个 某个 某些 任何 整个 部分 大部分
如果 假如 然后 然而 以及 而且 并且 或者 还是 就是 只是 只要 只有 但是 不过 因为 所以 因此 于是 虽然 即使 比如 例如
不同 相同 同样 情况 方式 方法 时候 时间 之间 之后 之前 以后 以前 后面 前面 上面 下面 里面 外面 当前 目前 现在 已经
本身 自己 对方 我们 你们 他们 它们 大家 别人 作为 属于 包含 包括 相关 等等 从而 对于 关于 直接 主要 重要 常见 基本
设置 开机 关机 打开 关闭 开始 结束 继续 增加 减少 提高 降低 保持 保证 变得 觉得 知道 看到 发现 注意 记得 比较 非常
特别 尤其 几乎 大概 大约 左右 明显 很多 很少 更多 较多 较少 一样 容易 简单 复杂 正常 默认 具体 实际 真正 根本 完全
直到 帮助 提问 两大类 几率 逐层 所需 返回 得到 得以 导致 用于 用来 以便 以免 从而 进而 而是 并非 仍然 依然 照样
`;

const ENGLISH = `
a an the and or but nor so yet of to in on at by for with from into onto over under about above below between
through during before after since until within without via per vs etc eg ie this that these those it its they
them their there here what which who whom whose when where why how than then also too very just only even still
is are was were be been being am do does did done doing have has had having can could may might must shall
should will would not no yes all any some each every both either neither few more most less least many much
other others another such same own one two first second new old good bad big small high low large long short
use used uses using make makes made making get gets got take takes took give gives given see seen look find
found need needs needed want keep keeps kept let lets put set sets way ways thing things lot lots part parts
case cases example examples e g i e like unlike often usually sometimes always never again back out up down off
if else whether because although though while however therefore thus instead rather whereas
problem problems solution solutions fix fixes pain issue issues drawback drawbacks disadvantage disadvantages
able allow allows allowed help helps helpful result results results common general various several certain
already always later early soon now today based depending according require requires required
as s t d ll ve re m become becomes became stop stops stopped mark marks call called calls rest decide decides
cause causes caused prevent prevents preventing improve improves improving avoid avoids reduce reduces
increase increases provide provides support supports try tries work works mean means say says come comes go
goes run runs show shows start starts end ends turn turns add adds adding build builds send sends sent
you your yours we our ours i me my he she his her us him
one ones anything something everything nothing anyone someone everyone against significant amount amounts
similar independent specialized perform performs performed performing update updates updated updating cause
causing close closes arrive arrives arrived possible potentially typically generally simply easily quickly
return returns returned direct directly next last whole entire full half top bottom left right side sides kind kinds type types
`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

export const CHINESE_STOP_WORDS = wordSet(CHINESE);
export const ENGLISH_STOP_WORDS = wordSet(ENGLISH);

/** Whether a (normalized, lower-case) word is filler in either language. */
export function isStopWord(word: string): boolean {
  return CHINESE_STOP_WORDS.has(word) || ENGLISH_STOP_WORDS.has(word);
}

/** Every stop word of both lists, longest first, as one pattern: `text.replace(STOP_WORDS_PATTERN, ' ')`. */
export const STOP_WORDS_PATTERN = new RegExp(
  [
    ...[...CHINESE_STOP_WORDS].sort((a, b) => b.length - a.length),
    ...[...ENGLISH_STOP_WORDS].sort((a, b) => b.length - a.length).map((w) => `\\b${w}\\b`),
  ].join('|'),
  'gi',
);
