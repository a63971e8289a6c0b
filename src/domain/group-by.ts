/**
 * Items grouped by a key, each group in input order. Linear: grouping with
 * `map.set(k, [...(map.get(k) ?? []), x])` copies the group on every item, which is quadratic in a
 * long tally.
 * @example groupBy([1, 2, 3], (n) => n % 2) // Map { 1 => [1, 3], 0 => [2] }
 */
export const groupBy = <T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
