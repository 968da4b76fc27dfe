// TF-IDF cosine similarity over term lists, with an inverted index so that finding the neighbours
// of one document touches only the documents sharing a term with it — fast enough to refresh one
// template's related list on publish with 10,000 templates in the library.

/** Most distinct terms kept per document (by term frequency): bounds memory and scoring cost. */
const MAX_TERMS_PER_DOC = 200;
/** Terms found in more than this share of documents are too common to pick candidates by. */
const COMMON_TERM_SHARE = 0.25;

export interface Neighbour {
  key: string;
  score: number;
}

interface DocEntry {
  key: string;
  /** Index into the dense score accumulator. */
  slot: number;
  /** term → raw count in the document */
  tf: Map<string, number>;
  /** Euclidean norm of the TF-IDF vector, computed at `normEpoch`. */
  norm: number;
  normEpoch: number;
}

export class SimilarityIndex {
  private readonly docs = new Map<string, DocEntry>();
  /** term → (document → count): scoring walks these without any further lookup. */
  private readonly postings = new Map<string, Map<DocEntry, number>>();
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  /** Dot products accumulated per slot while scoring one document (reused, zeroed after use). */
  private dots = new Float64Array(64);
  /** Bumped when the collection has changed enough that cached norms are recomputed. */
  private epoch = 0;
  private sizeAtEpoch = 0;

  get size(): number {
    return this.docs.size;
  }

  has(key: string): boolean {
    return this.docs.has(key);
  }

  /** Adds a document, or replaces its terms when the key is already present. */
  upsert(key: string, terms: readonly string[]): void {
    if (this.docs.has(key)) this.remove(key);
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    let tf = counts;
    if (counts.size > MAX_TERMS_PER_DOC) {
      const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_TERMS_PER_DOC);
      tf = new Map(top);
    }
    const slot = this.freeSlots.pop() ?? this.slotCount++;
    if (slot >= this.dots.length) {
      const grown = new Float64Array(this.dots.length * 2);
      grown.set(this.dots);
      this.dots = grown;
    }
    const entry: DocEntry = { key, slot, tf, norm: 0, normEpoch: -1 };
    for (const [term, count] of tf) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(entry, count);
    }
    this.docs.set(key, entry);
    this.maybeNewEpoch();
  }

  remove(key: string): void {
    const entry = this.docs.get(key);
    if (!entry) return;
    for (const term of entry.tf.keys()) {
      const set = this.postings.get(term);
      if (!set) continue;
      set.delete(entry);
      if (set.size === 0) this.postings.delete(term);
    }
    this.docs.delete(key);
    this.freeSlots.push(entry.slot);
  }

  /** Smoothed inverse document frequency. */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    return Math.log((1 + this.docs.size) / (1 + df)) + 1;
  }

  /**
   * Documents most similar to `key` by cosine of TF-IDF vectors, best first (ties by key), at most `limit`.
   * `all` receives every candidate scored (for refreshing the neighbours' own lists).
   */
  neighbours(key: string, limit: number, all?: Neighbour[]): Neighbour[] {
    const entry = this.docs.get(key);
    if (!entry) return [];
    const selfNorm = this.norm(entry);
    if (selfNorm === 0) return [];
    const commonLimit = Math.max(8, this.docs.size * COMMON_TERM_SHARE);
    const dots = this.dots;
    const touched: DocEntry[] = [];
    for (const [term, count] of entry.tf) {
      const posting = this.postings.get(term);
      if (!posting || posting.size <= 1 || posting.size > commonLimit) continue;
      const idf = this.idf(term);
      const w = count * idf * idf;
      for (const [other, otherTf] of posting) {
        if (other === entry) continue;
        if (dots[other.slot] === 0) touched.push(other);
        dots[other.slot] += w * otherTf;
      }
    }
    const scored: Neighbour[] = [];
    let top: Neighbour[] = [];
    for (const other of touched) {
      const dot = dots[other.slot]!;
      dots[other.slot] = 0;
      const norm = this.norm(other);
      if (norm === 0) continue;
      const n = { key: other.key, score: dot / (selfNorm * norm) };
      if (all) scored.push(n);
      else if (top.length < limit || byScore(n, top[top.length - 1]!) < 0) {
        top.push(n);
        top.sort(byScore);
        if (top.length > limit) top.pop();
      }
    }
    if (!all) return top;
    scored.sort(byScore);
    all.push(...scored);
    top = scored.slice(0, limit);
    return top;
  }

  private norm(entry: DocEntry): number {
    if (entry.normEpoch !== this.epoch) {
      let sum = 0;
      for (const [term, count] of entry.tf) {
        const w = count * this.idf(term);
        sum += w * w;
      }
      entry.norm = Math.sqrt(sum);
      entry.normEpoch = this.epoch;
    }
    return entry.norm;
  }

  // IDF drifts slowly as documents arrive; cached norms are refreshed once the collection grew by 10%.
  private maybeNewEpoch(): void {
    if (this.docs.size > this.sizeAtEpoch * 1.1 + 4) {
      this.epoch++;
      this.sizeAtEpoch = this.docs.size;
    }
  }
}

export function byScore(a: Neighbour, b: Neighbour): number {
  return b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Merges a newly scored document into an existing top-`limit` list of a neighbour: returns the new
 * list, or null when it did not change.
 */
export function mergeNeighbour(list: readonly Neighbour[], candidate: Neighbour, limit: number): Neighbour[] | null {
  const without = list.filter((n) => n.key !== candidate.key);
  const existed = without.length !== list.length;
  const worst = without.length >= limit ? without[limit - 1] : undefined;
  if (!existed && worst && byScore(candidate, worst) > 0) return null;
  const next = [...without, candidate].sort(byScore).slice(0, limit);
  if (existed) {
    const before = list.find((n) => n.key === candidate.key);
    if (before && before.score === candidate.score && next.some((n) => n.key === candidate.key)) return null;
  }
  return next;
}
