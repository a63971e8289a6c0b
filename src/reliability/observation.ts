/**
 * What a source said about an item, as reliability learning sees it: the item is a cell key
 * (event, metric, scope), the value a point (a `real` time in minutes, a count).
 */
export interface Observation {
  readonly item: string
  readonly source: string
  readonly value: number
  /**
   * The metric the item is a cell of (a source's quality may differ per metric). Absent: every
   * item is of one metric, and learning gives each source one weight.
   */
  readonly metric?: string
}
