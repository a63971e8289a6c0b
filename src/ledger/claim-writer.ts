import type Database from "better-sqlite3"
import type { PreparedClaim } from "../ingest/prepare-claim.js"
import type { LedgerHandle } from "./ledger.js"

const COLUMNS = [
  "claim_id", "dataset", "event", "metric", "component", "scope_key", "scope_json", "source", "via_json", "value_text",
  "lo", "hi", "lo_strict", "hi_strict", "best", "certainty", "method", "at", "stated", "recorded", "quote", "url",
  "document_json", "supersedes", "retracts", "note", "raw", "file", "line", "run_id", "content_hash",
] as const

export type WriteOutcome =
  | { readonly kind: "inserted" }
  | { readonly kind: "duplicate" }
  | { readonly kind: "rejected"; readonly reason: string }

/**
 * Stores claims with one prepared statement (the hot path of ingestion). A record whose content
 * is already in the ledger is a duplicate; a different record reusing a stored id is rejected,
 * since ids are the handles of supersession and expectations.
 */
export class ClaimWriter {
  private readonly insert: Database.Statement
  private readonly byId: Database.Statement
  private readonly link: Database.Statement

  constructor(private readonly handle: LedgerHandle) {
    const db = handle.sqlite
    this.insert = db.prepare(`INSERT INTO claims (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`)
    this.byId = db.prepare("SELECT content_hash, file, line FROM claims WHERE dataset = ? AND claim_id = ?")
    this.link = db.prepare("INSERT OR IGNORE INTO claim_links (dataset, claim_id, kind, target_claim_id) VALUES (?, ?, ?, ?)")
  }

  /** Checks without writing: what `write` would do with this claim now. */
  check(c: PreparedClaim): WriteOutcome {
    const found = this.byId.get(c.dataset, c.claim_id) as { content_hash: string; file: string; line: number } | undefined
    if (!found) return { kind: "inserted" }
    if (found.content_hash === c.content_hash) return { kind: "duplicate" }
    return { kind: "rejected", reason: `duplicate id "${c.claim_id}": a different claim with this id is stored (${found.file}:${found.line})` }
  }

  /** Writes one claim; call inside a transaction (see `writeBatch`). */
  write(c: PreparedClaim, runId: number, recorded: string): WriteOutcome {
    const outcome = this.check(c)
    if (outcome.kind !== "inserted") return outcome
    const row: Record<string, unknown> = { ...c, run_id: runId, recorded }
    this.insert.run(COLUMNS.map((k) => row[k] ?? null))
    if (c.supersedes) this.link.run(c.dataset, c.claim_id, "supersedes", c.supersedes)
    if (c.retracts) this.link.run(c.dataset, c.claim_id, "retracts", c.retracts)
    return outcome
  }

  get ledger(): LedgerHandle {
    return this.handle
  }
}
