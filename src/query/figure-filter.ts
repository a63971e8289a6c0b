import type { Scope } from "../domain/scope.js"

/** What `figures`, `conflicts` and `explain` select (SPEC §6). */
export interface FigureFilter {
  readonly event?: string | undefined
  readonly metric?: string | undefined
  /** Exact cell scope; `{}` is the cell over "all" of every dimension. Absent: every scope. */
  readonly scope?: Scope | undefined
  /** Valid time; absent: each cell's latest `at` that has claims. */
  readonly at?: string | undefined
  /** Count only claims stated by this time. */
  readonly asOf?: string | undefined
  readonly status?: string | undefined
}
