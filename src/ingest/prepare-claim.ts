import type { MetricDef } from "../domain/catalog.js"
import { componentKey } from "../domain/component-key.js"
import { finiteOrNull } from "../domain/interval.js"
import { type NormalizeOptions, type NormalizeResult, normalizeValue } from "../domain/normalize-value.js"
import { scopeKey } from "../domain/scope.js"
import type { NewClaim } from "../ledger/claim-batch.js"
import type { CatalogIndex } from "./catalog-index.js"
import { canonicalJson, contentHash } from "../ledger/content-hash.js"
import { describeZodIssue } from "./describe-zod-issue.js"
import { fastClaimRecord } from "./fast-claim-record.js"
import { type ClaimRecord, claimRecordSchema, normalizeDate } from "./record-schema.js"

/** A claim ready to store: every ledger column but the ones the ledger fills (seq, run, recorded). */
export type PreparedClaim = NewClaim

export type PrepareResult =
  | { readonly ok: true; readonly claim: PreparedClaim }
  | { readonly ok: false; readonly reason: string }

export interface RecordOrigin {
  readonly file: string
  readonly line: number
  /** The record as received: the NDJSON line, the CSV row, the JSON array element. */
  readonly raw: string
}

/** The digits of a record's numeric `value` as written, so a number too large to store is quoted as given. */
const numberLiteral = (raw: string): { literal?: string } => {
  const m = /(?<!\\)"value"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(raw)
  return m?.[1] !== undefined ? { literal: m[1] } : {}
}

/**
 * Turns one parsed record into a claim row, or says in one line why it cannot be stored:
 * schema, ids resolved against the catalogs (source aliases accepted), scope values declared,
 * the value read by the normalizer (SPEC §3). Pure: the ledger checks (duplicates) come later.
 *
 * `defaultDataset` is the catalog named by `--dataset` (or the dataset folder being ingested);
 * without it a record's event decides which catalog applies.
 */
export const prepareClaim = (
  record: unknown,
  origin: RecordOrigin,
  index: CatalogIndex,
  defaultDataset: string | null,
): PrepareResult => {
  const badKey = forbiddenScopeKey(record)
  if (badKey !== null) return fail(`scope key "${badKey}" is not a dimension`)
  let r = fastClaimRecord(record)
  if (r === null) {
    const parsed = claimRecordSchema.safeParse(record)
    if (!parsed.success) return fail(describeZodIssue(parsed.error.issues[0]!))
    r = parsed.data
  }
  const dataset = index.datasetOfEvent.get(r.event) ?? openDatasetFor(index, defaultDataset)
  if (dataset === null) {
    const several = defaultDataset === null && index.openDatasets.length > 1
    return fail(`unknown event "${r.event}"${defaultDataset ? ` (not declared in dataset "${defaultDataset}")` : ""}${several
      ? ` (datasets ${index.openDatasets.map((d) => `"${d}"`).join(", ")} take any event: name one with --dataset)` : ""}`)
  }
  if (defaultDataset !== null && dataset !== defaultDataset) {
    return fail(`event "${r.event}" belongs to dataset "${dataset}", not "${defaultDataset}"`)
  }
  const d = index.byDataset.get(dataset)!
  const metric = d.metrics.get(r.metric)
  if (!metric) return fail(`unknown metric "${r.metric}"`)
  const source = d.sources.get(r.source)
  if (!source) return fail(`unknown source "${r.source}"`)
  const via: string[] = []
  for (const v of r.via ?? []) {
    const id = d.sources.get(v)
    if (!id) return fail(`unknown source "${v}" in via`)
    via.push(id)
  }
  const scope: Record<string, string> = {}
  for (const [dim, value] of Object.entries(r.scope ?? {})) {
    const values = d.dimensions.get(dim)
    if (!values) return fail(`unknown dimension "${dim}" in scope`)
    if (!values.has(value)) return fail(`unknown value "${value}" of dimension "${dim}"`)
    scope[dim] = value
  }
  const typed = typedRecord(r)
  // `{ lo: "10" }` from CSV cells reads (and words) as `{ lo: 10 }` from JSON; a phrase keeps its wording
  const normalized = typeof r.value === "string"
    ? normalizePhrase(metric, r.value)
    : normalizeValue(typeof r.value === "object" ? typed.value : r.value, {
      ...normalizeOptions(metric),
      ...(typeof r.value === "number" ? numberLiteral(origin.raw) : {}),
    })
  if (!normalized.ok) return fail(normalized.reason)
  const v = normalized.value
  const at = normalizeDate(r.at)
  const stated = normalizeDate(r.stated)
  const hash = contentHash(dataset, typed)
  const certainty = r.certainty ?? v.certainty ?? "asserted"
  return {
    ok: true,
    claim: {
      claim_id: r.id ?? `h-${hash.slice(0, 16)}`,
      dataset,
      event: r.event,
      metric: r.metric,
      component: componentKey(d.catalog, r.event, r.metric),
      scope_key: scopeKey(scope),
      scope_json: canonicalJson(scope),
      source,
      via_json: JSON.stringify(via),
      value_text: v.wording,
      lo: finiteOrNull(v.lo),
      hi: finiteOrNull(v.hi),
      lo_strict: v.loStrict ? 1 : 0,
      hi_strict: v.hiStrict ? 1 : 0,
      best: v.best,
      certainty,
      method: r.method ?? null,
      at,
      stated,
      quote: r.quote ?? null,
      url: r.url ?? null,
      document_json: r.document ? canonicalJson(r.document) : null,
      supersedes: r.supersedes ?? null,
      retracts: r.retracts ?? null,
      note: r.note ?? null,
      raw: origin.raw,
      file: origin.file,
      line: origin.line,
      content_hash: hash,
    },
  }
}

const fail = (reason: string): PrepareResult => ({ ok: false, reason })

const normalizeOptions = (metric: MetricDef): NormalizeOptions => ({
  kind: metric.kind,
  ...(metric.unit !== undefined ? { unit: metric.unit } : {}),
  ...(metric.approx !== undefined ? { approx: metric.approx } : {}),
  ...(metric.vague !== undefined ? { vague: metric.vague } : {}),
})

/** Phrases remembered, over all metrics; the memo starts over when full, so memory stays bounded whatever the input. */
const PHRASE_MEMO_SIZE = 20_000
const phraseMemo = new Map<string, NormalizeResult>()
/** Each metric definition seen, numbered: the memo's key is its number and the phrase. */
const metricIds = new WeakMap<MetricDef, number>()
let nextMetricId = 0

/**
 * `normalizeValue` of a phrase, remembered per metric definition: feeds repeat their wordings
 * ("at least 5", "dozens of aircraft"), reading a phrase is a third of preparing a claim, and the
 * normalizer is a pure function of the text and the metric, so a remembered result is the result.
 */
const normalizePhrase = (metric: MetricDef, value: string): NormalizeResult => {
  let id = metricIds.get(metric)
  if (id === undefined) metricIds.set(metric, (id = nextMetricId++))
  const key = `${id}\u0000${value}`
  let result = phraseMemo.get(key)
  if (result === undefined) {
    if (phraseMemo.size >= PHRASE_MEMO_SIZE) phraseMemo.clear()
    phraseMemo.set(key, (result = normalizeValue(value, normalizeOptions(metric))))
  }
  return result
}

/**
 * The dataset an undeclared event's claim belongs to (SPEC §2.1 `open_events`): the file's own
 * dataset when its catalog takes any event; for a file of no named dataset, the one catalog that
 * does, if only one does. Null otherwise: an undeclared event is what catches a typo.
 */
const openDatasetFor = (index: CatalogIndex, defaultDataset: string | null): string | null =>
  defaultDataset !== null
    ? (index.byDataset.get(defaultDataset)?.catalog.openEvents === true ? defaultDataset : null)
    : index.openDatasets.length === 1 ? index.openDatasets[0]! : null

/**
 * Keys that name no dimension but would vanish into "all" on the way: a JSON `__proto__` key is
 * an own property of the parsed record, but copying it into a plain object sets the prototype
 * instead, so the schema would never see it. Checked on the record as received.
 */
const forbiddenScopeKey = (record: unknown): string | null => {
  if (typeof record !== "object" || record === null || !Object.hasOwn(record, "scope")) return null
  const scope = (record as { scope: unknown }).scope
  if (typeof scope !== "object" || scope === null) return null
  return Object.keys(scope).find((k) => k === "__proto__" || k === "constructor" || k === "prototype") ?? null
}

/** A number as text (`"41"`, `" 4.5e1 "`) is that number: what a CSV cell holds for a JSON number. */
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const typedNumber = (v: unknown): unknown => (typeof v === "string" && NUMBER_TEXT.test(v.trim()) ? Number(v.trim()) : v)

/**
 * The record as the schema typed it, which the content hash is taken of (SPEC §8): the same claim
 * from NDJSON and from CSV is one claim — `41` = `"41"`, `via: [a, b]` = `"a>b"`, a numeric id or
 * scope value = its text. Key order and absent fields never matter (canonical JSON).
 */
const typedRecord = (r: ClaimRecord): ClaimRecord => ({
  ...r,
  value: typeof r.value === "object"
    ? Object.fromEntries(Object.entries(r.value).map(([k, v]) => [k, typedNumber(v)]))
    : typedNumber(r.value) as ClaimRecord["value"],
})
