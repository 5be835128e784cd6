const DELETED = Symbol("deleted");

/**
 * An immutable map made of a shared base and a few changes on top, so a changed copy costs the
 * changes, not the base (copying a 13,000-entry Map takes about 6 ms: too much for a 100 ms
 * rebuild that copies several). Layers are flattened into one map once they grow.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly top: ReadonlyMap<K, V | typeof DELETED>,
    readonly size: number,
  ) {}

  /** A layered map over `base`, which must not change afterwards. */
  static over<K, V>(base: ReadonlyMap<K, V>): LayeredMap<K, V> {
    return base instanceof LayeredMap
      ? (base as LayeredMap<K, V>)
      : new LayeredMap(base, new Map(), base.size);
  }

  /** A copy with these entries set and these keys removed. */
  with(set: Iterable<readonly [K, V]>, removed: Iterable<K> = []): LayeredMap<K, V> {
    const top = new Map<K, V | typeof DELETED>(this.top);
    const present = (k: K) => (top.has(k) ? top.get(k) !== DELETED : this.base.has(k));
    let size = this.size;
    for (const [k, v] of set) {
      if (!present(k)) size++;
      top.set(k, v);
    }
    for (const k of removed) {
      if (present(k)) size--;
      top.set(k, DELETED);
    }
    const layered = new LayeredMap(this.base, top, size);
    // Flatten once the changes are a fair share of the base: lookups stay one or two probes.
    return top.size > 64 && top.size * 8 > this.base.size
      ? new LayeredMap(new Map(layered), new Map(), size)
      : layered;
  }

  get(key: K): V | undefined {
    const v = this.top.get(key);
    if (v === DELETED) return undefined;
    return v !== undefined || this.top.has(key) ? (v as V) : this.base.get(key);
  }

  has(key: K): boolean {
    if (this.top.has(key)) return this.top.get(key) !== DELETED;
    return this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) {
      if (!this.top.has(k)) yield [k, v];
      else {
        const t = this.top.get(k)!;
        if (t !== DELETED) yield [k, t];
      }
    }
    for (const [k, v] of this.top) if (v !== DELETED && !this.base.has(k)) yield [k, v];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}
