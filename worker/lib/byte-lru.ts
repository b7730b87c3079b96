/**
 * A least-recently-used map bounded by bytes rather than entries: cached
 * answers range from a 200-byte summary to a 40 KB page of reviews, so a
 * count would bound nothing.
 *
 * Recency is a doubly linked list beside the Map, not the Map's own order.
 * Re-inserting a key to move it last (delete, then set) costs V8's Map time
 * that grows with its size — 32 µs a hit with 16,000 answers stored, most of
 * a hit's CPU once a day of misses has filled the cache — and so does
 * iterating from a front full of deleted slots. Here a hit relinks two nodes
 * and the Map only ever gains new keys and loses known ones.
 */
interface Node<V> {
  key: string;
  value: V;
  bytes: number;
  /** Toward the most recently used end. */
  newer: Node<V> | null;
  /** Toward the least recently used end. */
  older: Node<V> | null;
}

export class ByteLru<V> {
  readonly #entries = new Map<string, Node<V>>();
  #newest: Node<V> | null = null;
  #oldest: Node<V> | null = null;
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const node = this.#entries.get(key);
    if (!node) return undefined;
    if (node !== this.#newest) {
      this.#unlink(node);
      this.#pushNewest(node);
    }
    return node.value;
  }

  /** Stores `value` as costing `bytes`; one larger than the whole budget is not kept at all. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    const node: Node<V> = { key, value, bytes, newer: null, older: null };
    this.#entries.set(key, node);
    this.#pushNewest(node);
    this.#bytes += bytes;
    while (this.#bytes > this.maxBytes && this.#oldest) this.delete(this.#oldest.key);
  }

  delete(key: string): void {
    const node = this.#entries.get(key);
    if (!node) return;
    this.#entries.delete(key);
    this.#unlink(node);
    this.#bytes -= node.bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Keys from least to most recently used. */
  *keys(): IterableIterator<string> {
    for (let node = this.#oldest; node; node = node.newer) yield node.key;
  }

  #unlink(node: Node<V>): void {
    if (node.newer) node.newer.older = node.older;
    else this.#newest = node.older;
    if (node.older) node.older.newer = node.newer;
    else this.#oldest = node.newer;
    node.newer = node.older = null;
  }

  #pushNewest(node: Node<V>): void {
    node.older = this.#newest;
    if (this.#newest) this.#newest.newer = node;
    this.#newest = node;
    this.#oldest ??= node;
  }
}
