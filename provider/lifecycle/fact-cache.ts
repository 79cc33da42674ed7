/**
 * Facts about OTC objects that the lifecycle learnt and may reuse for a while: keyed by region,
 * project and object id, each kept for a fixed time.
 */

/** A key's parts: where the object lives and its id. */
export interface FactKey {
  /** The region. */
  region: string;
  /** The project id. */
  projectId: string;
  /** The object's id. */
  id: string;
}

/** A small time-bounded map of facts. */
export class FactCache<T> {
  private readonly facts = new Map<string, { value: T; at: number }>();

  /**
   * @param ttlMs how long a fact stays usable
   * @param now the clock (epoch milliseconds)
   */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Records a fact, dropping those that expired. */
  set(key: FactKey, value: T): void {
    const now = this.now();
    for (const [k, fact] of this.facts) {
      if (now - fact.at >= this.ttlMs) this.facts.delete(k);
    }
    this.facts.set(keyOf(key), { value, at: now });
  }

  /** The fact when recorded less than the time-to-live ago, else `undefined`. */
  get(key: FactKey): T | undefined {
    const fact = this.facts.get(keyOf(key));
    if (fact === undefined) return undefined;
    const age = this.now() - fact.at;
    return age >= 0 && age < this.ttlMs ? fact.value : undefined;
  }
}

function keyOf(key: FactKey): string {
  return [key.region, key.projectId, key.id].map((part) => part.toLowerCase()).join(" ");
}
