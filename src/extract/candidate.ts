import type { Certainty } from "../domain/claim.js"
import type { Scope } from "../domain/scope.js"

/** A claim record of SPEC §2.2 proposed by `reckon extract`, with where it was read and how surely. */
export interface Candidate {
  readonly event: string
  readonly metric: string
  readonly scope: Scope
  /** The value phrase as the text writes it ("up to 13"), or as a note says it was completed. */
  readonly value: string
  readonly source: string
  readonly via?: readonly string[]
  readonly stated?: string
  readonly certainty: Certainty
  readonly quote: string
  readonly url?: string
  readonly document?: { readonly title?: string; readonly publisher?: string; readonly published?: string }
  readonly note?: string
  /** `[start, end]` character offsets of the quote in the extracted text: `text.slice(start, end) === quote`. */
  readonly span: readonly [number, number]
  /** 0..1: how directly the text ties the number to its metric, source and scope (README). */
  readonly confidence: number
}

/** A number (or the value phrase around it) of the text that gave no candidate, and why. */
export interface SkippedNumber {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly reason: string
}

export interface Extraction {
  readonly candidates: readonly Candidate[]
  readonly skipped: readonly SkippedNumber[]
  /** Per candidate: where its value phrase stands in the text (not printed; for checking). */
  readonly valueSpans: ReadonlyArray<readonly [number, number]>
}
