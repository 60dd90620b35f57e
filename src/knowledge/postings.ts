/**
 * Postings lists (key → ascending node positions) packed into one Int32Array, built in two steps: `add` records
 * (key, position) pairs in flat typed buffers, `finish` lays each key's positions out contiguously. A 100k-node
 * tree has over a million such pairs; as a `Map` of growing JS arrays they were a quarter of the index's build
 * time and a large share of the heap the garbage collector had to walk.
 */

export interface Postings<K> {
  /** The positions holding `key`, ascending and without repeats; `undefined` when none does. */
  get(key: K): Int32Array | undefined;
  /** Every key, in the order keys were first added. */
  keys(): IterableIterator<K>;
  readonly size: number;
}

const INITIAL_PAIRS = 1024;

export class PostingsBuilder<K> {
  private readonly slots = new Map<K, number>();
  /** Per slot: the last position added, so a key met twice in one node is recorded once. */
  private last = new Int32Array(INITIAL_PAIRS);
  private pairSlots: Int32Array;
  private pairPositions: Int32Array;
  private pairs = 0;

  /** `expectedPairs`: about how many (key, position) pairs will be added (growing the buffers is what costs). */
  constructor(expectedPairs = INITIAL_PAIRS) {
    this.pairSlots = new Int32Array(Math.max(INITIAL_PAIRS, expectedPairs));
    this.pairPositions = new Int32Array(this.pairSlots.length);
  }

  /** Positions must be added in ascending order (the order nodes are indexed in). */
  add(key: K, position: number): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(key, slot);
      if (slot >= this.last.length) this.last = grow(this.last, this.last.length * 2);
      this.last[slot] = -1;
    } else if (this.last[slot] === position) return;
    this.last[slot] = position;
    if (this.pairs === this.pairSlots.length) {
      this.pairSlots = grow(this.pairSlots, this.pairs * 2);
      this.pairPositions = grow(this.pairPositions, this.pairs * 2);
    }
    this.pairSlots[this.pairs] = slot;
    this.pairPositions[this.pairs] = position;
    this.pairs++;
  }

  finish(): Postings<K> {
    const keyCount = this.slots.size;
    const offsets = new Int32Array(keyCount + 1);
    for (let i = 0; i < this.pairs; i++) offsets[(this.pairSlots[i] as number) + 1]++;
    for (let s = 0; s < keyCount; s++) offsets[s + 1] = (offsets[s + 1] as number) + (offsets[s] as number);
    const data = new Int32Array(this.pairs);
    const fill = offsets.slice(0, keyCount);
    for (let i = 0; i < this.pairs; i++) {
      const slot = this.pairSlots[i] as number;
      data[fill[slot] as number] = this.pairPositions[i] as number;
      fill[slot]++;
    }
    return packedPostings(this.slots, offsets, data);
  }
}

function grow(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}

function packedPostings<K>(slots: Map<K, number>, offsets: Int32Array, data: Int32Array): Postings<K> {
  const view = (slot: number) => data.subarray(offsets[slot] as number, offsets[slot + 1] as number);
  return {
    size: slots.size,
    get(key) {
      const slot = slots.get(key);
      return slot === undefined ? undefined : view(slot);
    },
    keys: () => slots.keys(),
  };
}

/**
 * Membership tests against an ascending list, for values asked in ascending order (a walk over another
 * postings list): each test resumes where the previous one stopped and gallops forward, so intersecting a short
 * list with a long one costs about the short one's length, not a binary search per element.
 */
export class AscendingProbe {
  private at = 0;

  constructor(private readonly list: Int32Array) {}

  has(value: number): boolean {
    const { list } = this;
    let low = this.at;
    if (low >= list.length || (list[low] as number) >= value) return list[low] === value;
    // list[low] < value: gallop to a bound, then binary-search the first element ≥ value.
    let step = 1;
    let high = low + 1;
    while (high < list.length && (list[high] as number) < value) {
      low = high;
      step *= 2;
      high = low + step;
    }
    if (high > list.length) high = list.length;
    while (low + 1 < high) {
      const mid = (low + high) >>> 1;
      if ((list[mid] as number) < value) low = mid;
      else high = mid;
    }
    this.at = high;
    return list[high] === value;
  }
}
