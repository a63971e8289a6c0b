import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { auditDataset, auditReport, datasetFolders } from "../../audit/audit-datasets.js"
import { InputError } from "../../ingest/input-error.js"
import { inertDeep, renderRecords } from "../output.js"
import { printOut, setExitCode } from "../run-support.js"
import { UsageError } from "../usage-error.js"
import type { AuditArgs } from "./audit-command.js"

/** `reckon audit`: each dataset folder checked against its expect.yaml and the integrity rules (exit 1: a failure). */
export const runAudit = ({ dirs, format }: AuditArgs) =>
  Effect.gen(function* () {
    const folders = dirs.length > 0 ? [...dirs] : datasetFolders("datasets")
    if (folders.length === 0) return yield* Effect.fail(new UsageError({ message: "no dataset folders to audit (none given, none in ./datasets)" }))
    // A folder that is not there or holds no catalog is unreadable input (exit 2), not a failed audit.
    for (const folder of folders) {
      const problem = !fs.existsSync(folder) ? "no such folder" : !fs.statSync(folder).isDirectory() ? "not a folder"
        : !fs.existsSync(path.join(folder, "dataset.yaml")) ? "not a dataset folder (no dataset.yaml)" : null
      if (problem !== null) return yield* Effect.fail(new InputError({ file: folder, message: problem }))
    }
    const audits = yield* Effect.forEach(folders, auditDataset)
    if (format === "table") yield* printOut(auditReport(inertDeep(audits)))
    else if (format === "csv") {
      // One row per problem: the flat view that a spreadsheet wants.
      yield* printOut(renderRecords(audits.flatMap((a) => a.failures.map((f) => ({ ...f, folder: a.folder }))), "csv", [
        { header: "dataset", value: (f) => f.folder },
        { header: "file", value: (f) => f.file },
        { header: "line", value: (f) => f.line },
        { header: "rule", value: (f) => f.rule },
        { header: "message", value: (f) => f.message },
      ]))
    } else yield* printOut(renderRecords(audits, format, []))
    if (audits.some((a) => !a.ok)) yield* setExitCode(1)
  })
