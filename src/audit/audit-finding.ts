/**
 * One thing the audit found. `error` fails the audit unless expect.yaml pins it under `findings`
 * (real data has real flaws, and pinning them keeps them visible and under test); `warning` (a
 * relay that may misreport its source) is printed and `info` counted, and neither ever fails.
 */
export interface AuditFinding {
  readonly rule: string
  readonly severity: "error" | "warning" | "info"
  readonly file: string
  readonly line: number | null
  readonly message: string
  /** The fields a `findings:` entry of expect.yaml matches on (source, metric, scope, at, corrected, claim…). */
  readonly key: Readonly<Record<string, string | boolean | null>>
}

/** `file:line: message`, the one-line form every audit problem is printed in. */
export const findingLine = (f: Pick<AuditFinding, "file" | "line" | "message">): string =>
  `${f.file}${f.line !== null ? `:${f.line}` : ""}: ${f.message}`
