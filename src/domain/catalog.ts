/**
 * The catalog of a dataset (SPEC §2.1) after validation: every default filled in, every id checked.
 * Produced by `parseCatalog` in src/ingest, consumed by the normalizer and the reconciliation core.
 */
export type SourceKind =
  | "official" | "military" | "intelligence" | "imagery" | "osint" | "media" | "analyst" | "academic" | "ngo"
  | "website" | "unknown"

export interface EventDef {
  readonly id: string
  readonly title?: string
  readonly date?: string
}

export interface SourceDef {
  readonly id: string
  readonly name: string
  readonly aliases: readonly string[]
  readonly kind: SourceKind
  readonly side?: string
  /** Prior weight of the source's voice (SPEC §4.3), default 1. */
  readonly weight: number
}

export type MetricKind = "count" | "real"

/** Overrides of the vague quantity words of SPEC §3 ("a dozen", "several", …). */
export type VagueWords = Readonly<Record<string, { readonly lo: number; readonly hi: number }>>

export interface MetricDef {
  readonly id: string
  readonly unit?: string
  readonly kind: MetricKind
  /** Ids of the metrics this one is the sum of (whole ≥ Σ parts, or = when exhaustive). */
  readonly parts: readonly string[]
  readonly exhaustive: boolean
  /** A running tally that never decreases along `at`. */
  readonly cumulative: boolean
  /** Half-width of "about N" when set, instead of max(1, round(0.1·N)). */
  readonly approx?: number
  readonly vague?: VagueWords
  /** The words a text uses for this metric ("destroyed", "burned out"), for `reckon extract`. */
  readonly words?: readonly string[]
}

export interface DimensionValueDef {
  readonly id: string
  /** The parent value; absent means the value is a child of "all". */
  readonly parent?: string
  readonly title?: string
  /** The names a text uses for this value ("Belaya air base"), for `reckon extract`. */
  readonly aliases?: readonly string[]
}

export interface DimensionDef {
  readonly id: string
  /** true: the children of a value (or of "all") cover it completely, so whole = Σ children. */
  readonly exhaustive: boolean
  readonly values: readonly DimensionValueDef[]
}

export interface Catalog {
  readonly name: string
  readonly title?: string
  /**
   * `open_events: true` (SPEC §2.1): a claim may name any event, declared or not; declared events
   * still give titles and dates. Absent (never false), so that catalogs without it keep their hash.
   */
  readonly openEvents?: true
  readonly events: readonly EventDef[]
  readonly sources: readonly SourceDef[]
  readonly metrics: readonly MetricDef[]
  readonly dimensions: readonly DimensionDef[]
}
