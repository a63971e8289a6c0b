/** Every column of `claims` a write fills (all but `seq`, which the database numbers), in table order. */
export const CLAIM_WRITE_COLUMNS = [
  "claim_id", "dataset", "event", "metric", "component", "scope_key", "scope_json", "source", "via_json", "value_text",
  "lo", "hi", "lo_strict", "hi_strict", "best", "certainty", "method", "at", "stated", "recorded", "quote", "url",
  "document_json", "supersedes", "retracts", "note", "raw", "file", "line", "run_id", "content_hash",
] as const
