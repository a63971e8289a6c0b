import { isMap, isSeq, LineCounter, parseDocument } from "yaml"
import { z } from "zod"
import { describeZodIssue } from "../ingest/describe-zod-issue.js"

const bound = z.union([z.number(), z.null()])
const scope = z.record(z.string(), z.union([z.string(), z.number().transform(String)]))
const weights = z.record(z.string(), z.number().positive())
const at = z.union([z.string(), z.date().transform((d) => d.toISOString().slice(0, 10)), z.null()])

const figureExpectation = z.strictObject({
  event: z.string(),
  metric: z.string(),
  scope: scope.default({}),
  at: at.optional(),
  range: z.union([z.tuple([bound, bound]), z.null()]).optional(),
  status: z.enum(["single-source", "consistent", "conflict", "derived", "no-data"]).optional(),
  best: z.union([z.number(), z.null()]).optional(),
  /** The two values an exact split of the weights leaves ([] when there is a best). */
  best_candidates: z.array(z.number()).optional(),
  /** Claim id → the role it must play in the figure (support, relayed, superseded, …). */
  roles: z.record(z.string(), z.enum(["support", "excluded", "contested", "possible", "superseded", "repeat", "relayed"])).optional(),
  /** Count only the claims stated by then (`--as-of`). */
  as_of: at.optional(),
  weights: weights.optional(),
  note: z.string().optional(),
})

const conflictExpectation = z.strictObject({
  event: z.string(),
  metric: z.string(),
  scope: scope.optional(),
  at: at.optional(),
  kind: z.enum(["direct", "cross-cell"]).optional(),
  claims: z.array(z.string()).default([]),
  against: z.array(z.string()).optional(),
  weights: weights.optional(),
  note: z.string().optional(),
})

const findingExpectation = z.object({ rule: z.string() }).catchall(z.union([z.string(), z.boolean(), z.number(), z.null(), z.date().transform((d) => d.toISOString().slice(0, 10))]))

export type FigureExpectation = z.output<typeof figureExpectation> & { readonly line: number }
export type ConflictExpectation = z.output<typeof conflictExpectation> & { readonly line: number }
export type FindingExpectation = z.output<typeof findingExpectation> & { readonly line: number }

export interface Expectations {
  readonly figures: readonly FigureExpectation[]
  readonly conflicts: readonly ConflictExpectation[]
  readonly findings: readonly FindingExpectation[]
}

export type ParseExpectationsResult =
  | { readonly ok: true; readonly expectations: Expectations }
  | { readonly ok: false; readonly problems: readonly { line: number | null; message: string }[] }

/**
 * Reads expect.yaml (SPEC §6), keeping the line of every entry so that a failed expectation
 * points at the line that states it. Format: `figures`, `conflicts`, `findings` lists.
 */
export const parseExpectations = (text: string): ParseExpectationsResult => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, version: "1.2" })
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? null, message: e.message.split("\n")[0]! })) }
  }
  const problems: { line: number | null; message: string }[] = []
  const lineOf = (node: unknown): number => {
    const range = (node as { range?: [number, number, number] }).range
    return range ? lineCounter.linePos(range[0]).line : 1
  }
  const section = <T extends z.ZodTypeAny>(name: string, schema: T): (z.output<T> & { line: number })[] => {
    if (!isMap(doc.contents)) return []
    const seq = doc.contents.get(name, true)
    if (seq === undefined || seq === null) return []
    if (!isSeq(seq)) {
      problems.push({ line: lineOf(seq), message: `"${name}" must be a list` })
      return []
    }
    return seq.items.flatMap((item) => {
      const line = lineOf(item)
      const parsed = schema.safeParse((item as { toJSON: () => unknown }).toJSON())
      if (!parsed.success) {
        problems.push({ line, message: `${name}: ${describeZodIssue(parsed.error.issues[0]!)}` })
        return []
      }
      return [{ ...(parsed.data as object), line } as z.output<T> & { line: number }]
    })
  }
  if (doc.contents !== null && !isMap(doc.contents)) return { ok: false, problems: [{ line: 1, message: "expect.yaml must be a mapping with figures, conflicts, findings" }] }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = String((pair.key as { value?: unknown })?.value ?? pair.key)
      if (!["figures", "conflicts", "findings"].includes(key)) problems.push({ line: lineOf(pair.key), message: `unknown section "${key}" (expected figures, conflicts, findings)` })
    }
  }
  const expectations = {
    figures: section("figures", figureExpectation),
    conflicts: section("conflicts", conflictExpectation),
    findings: section("findings", findingExpectation),
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, expectations }
}

/** The whole expect.yaml as one schema (the parser checks it section by section, entry by entry, to keep lines). */
export const expectFileSchema = z.strictObject({
  figures: z.array(figureExpectation).optional(),
  conflicts: z.array(conflictExpectation).optional(),
  findings: z.array(findingExpectation).optional(),
})
