/**
 * Function words and filler, Chinese and English: words that carry no term of their own. A concept, a
 * reference text or a query weighed word by word skips them (在, 的, 可以, 问题, the, can, problem).
 */

const CHINESE = `的 地 得 了 着 过 在 是 和 与 及 以及 或 或者 还是 就 都 也 还 又 而 而且 并 并且 被 把 让 给 对 对于 从 向 到
由 为 为了 以 于 之 其 这 那 这个 那个 这些 那些 这样 那样 这种 那种 一个 一些 一种 一下 一样 一直 一般 什么 怎么 怎样 如何
为什么 哪个 哪些 哪里 可以 能 能够 会 要 需要 应该 应当 可能 已经 因为 所以 因此 如果 假如 要是 但 但是 可是 不过 然后 然而
于是 从而 只 只是 只要 只有 就是 不是 很 非常 比较 更 最 太 挺 等 等等 我 你 他 她 它 我们 你们 他们 它们 大家 自己 时候 时
后 前 中 上 下 里 内 外 个 种 次 些 每 各 该 此 有 没 没有 不 无 非 即 则 若 便 再 才 已 将 所 得到 进行 通过 使用 采用 利用
实现 做 用 来 去 说 看 搞 弄 当 当然 其实 比如 例如 包括 主要 之后 之前 以后 以前 之间 起来 出来 下来 上来 一定 所有 任何
问题 方法 方式 情况 东西 事情 地方 方面 部分 时间 结果 原因 办法 就会 就要 就能 也会 也能 还会 还要 都会 其他 另外 别的
好 多 少 大 小 高 低 新 老 真 就好 就行 就可以 的话 这里 那里 这时 这时候 那时 一旦 直接 自动 相关 对应 不同 同时 然后再
解决 导致 造成 引起 带来 出现 发生 产生 存在 变得 成为 作为 属于 包含 具有 拥有 提供 保证 确保 避免 防止`;

const ENGLISH = `a an the and or but nor so yet for of to in on at by with from into onto over under about as than then
that this these those there here it its it's they them their we us our you your he she his her i me my is are was were be
been being am do does did doing done have has had having can could will would shall should may might must need needs
not no yes if when while where which who whom whose what why how all any each every some such only also just very too
more most much many few less least other another same both either neither one two first via per up down out off again
further once still even ever because since until unless though although whereas instead rather get gets got make makes
made let lets use used uses using way ways thing things problem problems issue issues solution solutions fix fixes pain
like e.g i.e etc`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/u).filter((w) => w.length > 0));
}

export const CHINESE_STOPWORDS = wordSet(CHINESE);
export const ENGLISH_STOPWORDS = wordSet(ENGLISH);

/** Whether a word (folded: lower case, simplified) carries no term of its own. */
export function isStopword(word: string): boolean {
  return CHINESE_STOPWORDS.has(word) || ENGLISH_STOPWORDS.has(word);
}
