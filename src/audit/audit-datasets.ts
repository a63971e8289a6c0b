import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import type { Figure } from "../domain/figure.js"
import type { Rejection } from "../ingest/ingest-file.js"
import { ingestPaths } from "../ingest/ingest-paths.js"
import { Ledger } from "../ledger/ledger.js"
import { ledgerLayer } from "../ledger/ledger-layer.js"
import type { FigureFilter } from "../query/figure-filter.js"
import { computeFigures, queryFigures } from "../query/query-figures.js"
import { type AuditFinding, findingLine } from "./audit-finding.js"
import { checkExpectations, type ExpectedCell } from "./check-expectations.js"
import { integrityFindings } from "./integrity-findings.js"
import { parseExpectations } from "./parse-expectations.js"

/** One reason an audit failed, printed as `file:line: message`. */
export interface AuditProblem {
  readonly rule: string
  readonly file: string
  readonly line: number | null
  readonly message: string
}

export interface DatasetAudit {
  readonly folder: string
  readonly dataset: string | null
  readonly ok: boolean
  readonly claims: number
  readonly checked: { readonly figures: number; readonly conflicts: number; readonly findings: number }
  readonly failures: readonly AuditProblem[]
  /** Every integrity finding, pinned or informational, for the record. */
  readonly findings: readonly AuditFinding[]
}

const problem = (rule: string, file: string, line: number | null, message: string): AuditProblem => ({ rule, file, line, message })

/** The dataset folders of `datasets/` (each folder holding a dataset.yaml), sorted. */
export const datasetFolders = (root: string): string[] =>
  fs.existsSync(root)
    ? fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(root, e.name))
        .filter((d) => fs.existsSync(path.join(d, "dataset.yaml"))).sort()
    : []

/**
 * Audits one dataset folder in a scratch ledger of its own (never the user's `--db`): ingests it,
 * reports every rejected record, applies the integrity rules, and checks expect.yaml.
 */
export const auditDataset = (folder: string): Effect.Effect<DatasetAudit> =>
  Effect.acquireUseRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "reckon-audit-"))),
    (scratch) => runAudit(folder, path.join(scratch, "audit.db")),
    (scratch) => Effect.sync(() => fs.rmSync(scratch, { recursive: true, force: true })),
  )

/** The figures an expectation is checked against: the stored ones, or reconciled with its what-if weights. */
const expectedFigures = (e: ExpectedCell) => {
  const filter: FigureFilter = {
    event: e.event, metric: e.metric, scope: e.scope,
    ...(e.at !== undefined && e.at !== null ? { at: e.at } : {}),
    ...(e.as_of !== undefined && e.as_of !== null ? { asOf: e.as_of } : {}),
  }
  return e.weights ? computeFigures(filter, e.weights) : queryFigures(filter)
}

const runAudit = (folder: string, dbFile: string): Effect.Effect<DatasetAudit> => {
  const expectFile = path.join(folder, "expect.yaml")
  const audit = Effect.gen(function* () {
    const ledger = yield* Ledger
    const rejections: Rejection[] = []
    const failures: AuditProblem[] = []
    yield* ingestPaths([folder], { onRejection: (r) => rejections.push(r) })
    for (const r of rejections) failures.push(problem("rejected", r.file, r.line, r.reason))
    const catalog = (yield* ledger.catalogs)[0]!
    const rows = yield* ledger.claims({})
    const findings = integrityFindings(catalog, rows)
    let checked = { figures: 0, conflicts: 0, findings: 0 }
    if (fs.existsSync(expectFile)) {
      const parsed = parseExpectations(fs.readFileSync(expectFile, "utf8"))
      if (!parsed.ok) {
        for (const p of parsed.problems) failures.push(problem("expect", expectFile, p.line, p.message))
      } else {
        const e = parsed.expectations
        checked = { figures: e.figures.length, conflicts: e.conflicts.length, findings: e.findings.length }
        const cells: ExpectedCell[] = [...e.figures, ...e.conflicts]
        const figures = new Map<ExpectedCell, readonly Figure[]>()
        for (const cell of cells) figures.set(cell, yield* expectedFigures(cell))
        const result = checkExpectations((cell) => figures.get(cell) ?? [], e, findings)
        for (const f of result.failures) failures.push(problem("expect", expectFile, f.line, f.message))
        for (const f of result.unexpected) failures.push(problem(f.rule, f.file, f.line, f.message))
      }
    } else {
      for (const f of findings.filter((x) => x.severity === "error")) failures.push(problem(f.rule, f.file, f.line, f.message))
    }
    return { folder, dataset: catalog.name, ok: failures.length === 0, claims: rows.length, checked, failures, findings } satisfies DatasetAudit
  })
  return audit.pipe(
    Effect.provide(ledgerLayer(dbFile)),
    Effect.catchAll((e) => {
      const failures: AuditProblem[] = e._tag === "CatalogError"
        ? e.problems.map((p) => problem("catalog", e.file, null, p))
        : [problem(e._tag, "file" in e ? e.file : folder, null, e.message)]
      return Effect.succeed({ folder, dataset: null, ok: false, claims: 0, checked: { figures: 0, conflicts: 0, findings: 0 }, failures, findings: [] } satisfies DatasetAudit)
    }),
  )
}

/** The human report: one headline per dataset, one `file:line: message` per problem. */
export const auditReport = (audits: readonly DatasetAudit[]): string =>
  audits.map((a) => {
    const head = `${a.folder}: ${a.ok ? "ok" : "FAILED"} (${a.claims} claims; checked ${a.checked.figures} figures, ` +
      `${a.checked.conflicts} conflicts, ${a.checked.findings} pinned findings)`
    const info = a.findings.filter((f) => f.severity === "info").length
    const warnings = a.findings.filter((f) => f.severity === "warning").map((f) => `  warning: ${findingLine(f)}`)
    return [head, ...a.failures.map((f) => `  ${findingLine(f)}`), ...warnings, ...(info > 0 ? [`  (${info} informational finding(s), e.g. corrected tallies)`] : [])].join("\n")
  }).join("\n") + "\n"
