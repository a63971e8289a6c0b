import { z } from "zod"
import { utcIso } from "./utc-iso.js"

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

// A plain date that passes the pattern and `validDay` parses, so only a datetime is parsed (half of a record's date checks).
const isoForm = (s: string): boolean => ISO_DATE_TIME.test(s) && validDay(s) && (s.length === 10 || !Number.isNaN(Date.parse(s)))
const inUtcYears = (s: string): boolean => s.length === 10 || utcIso(s) !== null

/** A date or datetime the schema accepts for `at` and `stated`. */
export const isIsoDateTime = (s: string): boolean => isoForm(s) && inUtcYears(s)

const isoDateTime = z.string().refine(isoForm, {
  message: "must be an ISO date or datetime (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z])", abort: true,
}).refine(inUtcYears, {
  message: "is outside the years 0000-9999 once converted to UTC (stored times are UTC, and must sort as text)",
})

/**
 * 2025-02-30 parses in JS (it rolls over); a ledger must not store it. Years before 100 stay
 * refused, as when this was checked with `Date.UTC`, which reads them as 1900–1999.
 */
function validDay(s: string): boolean {
  const y = Number(s.slice(0, 4))
  const m = Number(s.slice(5, 7))
  const d = Number(s.slice(8, 10))
  if (y < 100 || m < 1 || m > 12 || d < 1) return false
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return d <= (m === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[m - 1]!)
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const numberLike = z.union([z.number(), z.string()])

/** One claim record as written in a claim file (SPEC §2.2), before ids are resolved and the value is read. */
export const claimRecordSchema = z.strictObject({
  id: z.union([z.string().trim().min(1), z.number().transform(String)]).optional(),
  event: z.string().trim().min(1, "must not be empty"),
  metric: z.string().trim().min(1, "must not be empty"),
  source: z.string().trim().min(1, "must not be empty"),
  scope: z.record(z.string(), z.union([z.string().min(1), z.number().transform(String)])).optional(),
  value: z.union([
    z.number(),
    z.string(),
    z.strictObject({ lo: numberLike.optional(), best: numberLike.optional(), hi: numberLike.optional() }),
  ], { error: "must be a number, a phrase, or { lo, best, hi }" }),
  via: z.union([z.array(z.string().trim().min(1)), z.string().transform((s) => s.split(">").map((x) => x.trim()).filter((x) => x !== ""))]).optional(),
  at: isoDateTime.optional(),
  stated: isoDateTime.optional(),
  certainty: z.enum(["asserted", "estimated", "possible"]).optional(),
  method: z.string().optional(),
  quote: z.string().optional(),
  url: z.string().optional(),
  document: z.strictObject({
    title: z.string().optional(),
    publisher: z.string().optional(),
    published: z.string().optional(),
  }).optional(),
  supersedes: z.string().trim().min(1).optional(),
  retracts: z.string().trim().min(1).optional(),
  note: z.string().optional(),
})

export type ClaimRecord = z.output<typeof claimRecordSchema>

/**
 * A stored date keeps a day as YYYY-MM-DD and turns a datetime into UTC ISO, so that plain
 * string comparison orders them (as the core does).
 */
export const normalizeDate = (s: string | undefined): string | null =>
  s === undefined ? null : s.length === 10 ? s : utcIso(s)
