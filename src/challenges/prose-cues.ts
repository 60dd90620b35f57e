/**
 * Which sentence of a node's prose states its pain, where the notes give no label: words of the language that
 * say something goes wrong, versus words that praise or describe. About the language, never one subject.
 *
 * - Trouble (`速度不匹配`, `waste bandwidth`, `single point of failure`, `更贵`): the sentence states a pain.
 * - Relief (`减少`, `避免单点`, `reduces`): the sentence says what a fix relieves, which names the pain it
 *   answers — unless it praises.
 * - Advantage (`优点`, `好处`, `帮助`, "the advantages of", "helps"): the sentence sells the fix or describes it
 *   (`负载均衡器还能帮助水平扩展`, "Similar to the advantages of federation, …"): never the pain, even when it
 *   names what the fix relieves.
 */

/** Sentence ends of notes in either language (a period only before a space or the end: `v1.2`, `R+W>N`). */
export const SENTENCE_END = /[。；;！？!?\n]+|\.(?:\s+|$)/;

// Not 问题: it also means "question" (面试问题).
export const TROUBLE_CUE =
  /痛点|瓶颈|单点|过载|压力|耗时|慢|难以|无法|不能|不够|故障|宕机|丢失|不一致|不同步|不释放|浪费|耦合|冲突|变差|卡顿|阻塞|泄漏|泄露|溢出|崩溃|超时|报错|耗尽|失败|堆积|积压|雪崩|抖动|过多|过高|太多|昂贵|更贵|太贵|很贵|缺点|弊端|离线|下线|挂掉|waste|bloat|block|jank|stall|leak|overflow|crash|timeout|problem|bottleneck|single point|overload|latency|slow|fail|outage|\blost\b|\bloss\b|inconsisten|cannot|can't|unable|expensive|costly|disadvantage|drawback|downside|offline|goes down|go down|went down|too (?:many|much|large|big|long)/i;

// Not 负载 or "load" alone: a load balancer relieves nothing by its name.
const RELIEF_CUE = /减少|降低|避免|防止|消除|缓解|reduc|\bless\b|fewer|avoid|prevent|eliminat|reliev/i;

/** Praise: what a fix is good at, or makes better (提高, "improves": a gain, not a relief of something bad). */
const ADVANTAGE_CUE =
  /优点|优势|好处|益处|帮助|有助于|有利于|提高|提升|改善|加快|更快|更好|advantages?\b|benefits?\b|\bhelps?\b|\bhelping\b|\bpros\b|effective at|improv|faster|better/i;

/**
 * Resilience: the sentence says what keeps working when a part fails (其他的仍能运行, "can continue to
 * operate"): the failure it names is the fix's strength, not the pain.
 */
const RESILIENCE_CUE =
  /仍能|仍然能|仍可|依然能|照样|still (?:be )?(?:operational|available|work|run|serv)|continue to (?:operate|work|run|serve)/i;

/** Clauses of a sentence: praise in one clause says nothing of the trouble another states (`较慢…，因此区分两者是有帮助的`). */
const CLAUSE_END = /[，,：:]/;

/** Whether a sentence says something goes wrong: a clause of trouble that does not praise. */
export function statesTrouble(sentence: string): boolean {
  if (RESILIENCE_CUE.test(sentence)) return false;
  return sentence.split(CLAUSE_END).some((clause) => TROUBLE_CUE.test(clause) && !ADVANTAGE_CUE.test(clause));
}

/** Whether a sentence states a pain: trouble, or relief in a sentence that does not praise. */
export function statesPain(sentence: string): boolean {
  if (RESILIENCE_CUE.test(sentence)) return false;
  return statesTrouble(sentence) || (RELIEF_CUE.test(sentence) && !ADVANTAGE_CUE.test(sentence));
}
