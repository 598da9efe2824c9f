// A small least-recently-used map for the results of one snapshot's board queries.

export interface LruCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/** Creates a cache that drops its least recently used entry when it would pass `maxEntries`. */
export function createLruCache<V>(maxEntries: number): LruCache<V> {
  const entries = new Map<string, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        // Map keeps insertion order: moving a hit to the end makes the first key the least recent.
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
