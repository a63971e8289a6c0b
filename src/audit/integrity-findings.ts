import type { Catalog } from "../domain/catalog.js"
import type { AuditFinding } from "./audit-finding.js"
import { numbersIn } from "./numbers-in-text.js"
import type { ClaimRow } from "../ledger/claim-from-row.js"
import { groupBy } from "../domain/group-by.js"
import { differingRelays } from "../domain/most-direct.js"
import { claimFromRow } from "../ledger/claim-from-row.js"

const fmt = (n: number | null): string => (n === null ? "∞" : String(n))
const intervalText = (r: ClaimRow): string => (r.lo === r.hi ? fmt(r.lo) : `[${fmt(r.lo)}, ${fmt(r.hi)}]`)

/** Which document a claim was published in: its url, else its document, else none known. */
const statementDocument = (r: ClaimRow): string => r.url ?? r.document_json ?? ""

/** Two values with no value in common (bounds null = unbounded; a strict bound excludes itself), or null. */
const disjointPair = (rows: readonly ClaimRow[]): readonly [ClaimRow, ClaimRow] | null => {
  // Sweeping by lower bound: a value that starts after every earlier one has ended meets none of them.
  const sorted = [...rows].sort((a, b) => (a.lo ?? -Infinity) - (b.lo ?? -Infinity) || a.lo_strict - b.lo_strict)
  let reach: ClaimRow | null = null
  for (const r of sorted) {
    if (reach !== null) {
      const hi = reach.hi ?? Infinity
      const lo = r.lo ?? -Infinity
      if (lo > hi || (lo === hi && (r.lo_strict === 1 || reach.hi_strict === 1))) return [reach, r]
    }
    if (reach === null || (r.hi ?? Infinity) > (reach.hi ?? Infinity)) reach = r
  }
  return null
}

/**
 * The integrity rules of SPEC §6 that look at stored claims (undeclared ids, lo > hi and duplicate
 * ids never get stored: they are rejected at ingest, and the audit reports those rejections):
 * provenance, quotes that contain the claimed number, sources contradicting themselves, relays
 * that differ from their source, and cumulative tallies that go down (with or without a correction).
 */
export const integrityFindings = (catalog: Catalog, rows: readonly ClaimRow[]): AuditFinding[] => {
  const findings: AuditFinding[] = []
  const at = (r: ClaimRow) => ({ file: r.file, line: r.line })
  for (const r of rows) {
    if (r.quote === null && r.url === null) {
      findings.push({ rule: "no-provenance", severity: "error", ...at(r), message: `claim "${r.claim_id}" has no provenance (a quote or a url)`, key: { claim: r.claim_id } })
    }
    if (r.value_text.trimStart().startsWith("{")) {
      // A curator's own interval ({ lo: 1 }): its number need not be in the quote, but it must say where it comes from.
      if (r.note === null || r.note.trim() === "") {
        findings.push({ rule: "curated-value-without-note", severity: "error", ...at(r), message: `claim "${r.claim_id}": the curated value ${r.value_text} needs a note saying how it was derived`, key: { claim: r.claim_id } })
      }
    } else if (r.quote !== null) {
      const inQuote = new Set(numbersIn(r.quote))
      for (const n of new Set(numbersIn(r.value_text))) {
        if (!inQuote.has(n)) {
          findings.push({ rule: "quote-without-number", severity: "error", ...at(r), message: `quote does not contain ${n}`, key: { claim: r.claim_id } })
        }
      }
    }
  }

  // A source contradicting itself (SPEC §4.2): two values with nothing in common, for one cell at one
  // valid time, in one statement — one source, one `stated`, one document. A point estimate inside
  // its own confidence interval agrees with it; the same study reported by three outlets is three
  // documents.
  const statements = groupBy(rows.filter((r) => r.certainty !== "possible" && r.retracts === null),
    (r) => [r.source, r.event, r.metric, r.scope_key, r.at ?? "", r.stated ?? "", statementDocument(r)].join("\u0000"))
  for (const group of statements.values()) {
    const superseded = new Set(group.map((r) => r.supersedes).filter((s): s is string => s !== null))
    const live = group.filter((r) => !superseded.has(r.claim_id))
    const clash = disjointPair(live)
    if (clash !== null) {
      const [a, b] = clash
      const first = live[0]!
      findings.push({
        rule: "self-contradiction", severity: "error", file: first.file, line: first.line,
        message: `${first.source} gives ${intervalText(a)} and ${intervalText(b)} for ${first.metric}${first.scope_key ? ` {${first.scope_key}}` : ""}${first.at ? ` at ${first.at}` : ""} in one statement, values with nothing in common (${live.map((r) => r.claim_id).join(", ")})`,
        key: { source: first.source, metric: first.metric, scope: first.scope_key, at: first.at },
      })
    }
  }

  // A relay that says something other than its source says directly (SPEC §4.2): it is not counted
  // (role relayed), and the audit warns that it may misreport the source.
  const byId = new Map(rows.map((r) => [r.claim_id, r]))
  for (const { relay, direct } of differingRelays(rows.map(claimFromRow))) {
    const r = byId.get(relay.id)!
    const own = direct.map((d) => `"${d.id}" (${JSON.stringify(d.value)})`).join(", ")
    findings.push({
      rule: "relay-differs", severity: "warning", file: r.file, line: r.line,
      message: `claim "${relay.id}" relays ${relay.source} via ${relay.via.join(" > ")} as ${JSON.stringify(relay.value)} ${intervalText(r)}, ` +
        `which differs from ${relay.source}'s own more direct claim${direct.length > 1 ? "s" : ""} ${own}: the relay may misreport its source; it is not counted`,
      key: { claim: relay.id, direct: direct.map((d) => d.id).join(","), source: relay.source, metric: relay.metric },
    })
  }

  // Cumulative tallies never go down along `at`, unless a correction (a claim that supersedes) says so.
  const cumulative = new Set(catalog.metrics.filter((m) => m.cumulative).map((m) => m.id))
  const series = groupBy(rows.filter((r) => cumulative.has(r.metric) && r.at !== null && r.certainty !== "possible" && r.lo !== null),
    (r) => [r.source, r.event, r.metric, r.scope_key].join("\u0000"))
  for (const claims of series.values()) {
    // One value per `at`: the latest statement about it.
    const byAt = new Map<string, ClaimRow>()
    for (const r of claims) {
      const seen = byAt.get(r.at!)
      if (!seen || (r.stated ?? "") > (seen.stated ?? "") || ((r.stated ?? "") === (seen.stated ?? "") && r.seq > seen.seq)) byAt.set(r.at!, r)
    }
    const ordered = [...byAt.values()].sort((a, b) => (a.at! < b.at! ? -1 : a.at! > b.at! ? 1 : 0))
    for (let i = 1; i < ordered.length; i++) {
      const prev = ordered[i - 1]!
      const cur = ordered[i]!
      if (cur.lo! >= prev.lo!) continue
      const corrected = cur.supersedes !== null
      // A floor that is lowered ("at least 79", then "at least 78": Oryx removing an item) does not
      // contradict the earlier claim, so it is reported but fails nothing; an exact tally that goes
      // down does, unless a correction says so.
      const contradicts = cur.hi !== null && cur.hi < prev.lo!
      const what = corrected ? `(corrected: supersedes ${cur.supersedes})` : contradicts ? "without a correction" : "(a floor lowered, not a contradiction)"
      findings.push({
        rule: "tally-down", severity: !corrected && contradicts ? "error" : "info", file: cur.file, line: cur.line,
        message: `${cur.source}'s ${cur.metric}${cur.scope_key ? ` {${cur.scope_key}}` : ""} tally goes down on ${cur.at} from ${fmt(prev.lo)} to ${fmt(cur.lo)} ${what}`,
        key: { source: cur.source, metric: cur.metric, scope: cur.scope_key, at: cur.at, corrected },
      })
    }
  }
  return findings
}
