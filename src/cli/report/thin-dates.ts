/**
 * At most `max` of the given dates, evenly spread over them, always keeping the first and the
 * last: the dates a tally's consensus band is computed at (each is a reconciliation of the cell's
 * component, so a tally of 1,600 daily rows is drawn from a sample, its claims all drawn).
 * The result is sorted and has no duplicates.
 */
export const thinDates = (dates: Iterable<string>, max: number): string[] => {
  const all = [...new Set(dates)].sort()
  if (all.length <= max) return all
  if (max <= 0) return []
  if (max === 1) return [all[all.length - 1]!]
  const picked = new Set<string>()
  for (let i = 0; i < max; i++) picked.add(all[Math.round((i * (all.length - 1)) / (max - 1))]!)
  return [...picked].sort()
}
