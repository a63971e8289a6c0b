import { Deferred, Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { HttpFetcherLive } from "../../src/jobs/http-fetcher.js"
import { jobsLoggerLayer } from "../../src/cli/log-lines.js"
import { parseJobsConfig } from "../../src/jobs/parse-jobs-config.js"
import { type RunResult, runJob } from "../../src/jobs/run-job.js"
import { ledgerLayer } from "../../src/ledger/ledger-layer.js"
import { SMALL_CATALOG } from "../support/small-dataset.js"
import { tempDir, writeFiles } from "../support/temp-dir.js"

/** A temp folder with the small dataset (`small/dataset.yaml`), an inbox folder and a ledger path. */
export const jobsFixture = () => {
  const dir = tempDir("reckon-jobs-")
  writeFiles(dir, { "small/dataset.yaml": SMALL_CATALOG })
  fs.mkdirSync(path.join(dir, "inbox"))
  return { dir, db: path.join(dir, "ledger.db") }
}

/** A valid claim record of the small dataset, distinct for each `i`. */
export const claimLine = (i: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: `c${i}`, event: "strike", metric: ["aircraft.hit", "aircraft.damaged", "aircraft.destroyed", "missiles.launched"][i % 4],
    source: i % 2 === 0 ? "sbu" : "nato-official", value: i % 40, stated: `2025-06-0${1 + (i % 9)}`, quote: `record ${i}`, ...extra,
  })

/** Parses a jobs config written as YAML text in `dir` and returns it (throws on problems). */
export const configIn = (dir: string, yaml: string) => {
  const file = path.join(dir, "jobs.yaml")
  fs.writeFileSync(file, yaml)
  const parsed = parseJobsConfig(yaml, file, dir)
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"))
  return parsed.config
}

/** Runs one job once, in process, against the ledger file, with the live HTTP fetcher. */
export const runOnce = (db: string, config: ReturnType<typeof configIn>, name: string, holder = "test-holder"): Promise<RunResult> =>
  Effect.runPromise(Effect.gen(function* () {
    const shutdown = yield* Deferred.make<void>()
    return yield* runJob(config.jobs.find((j) => j.name === name)!, { holder, leaseMs: config.leaseMs, shutdown })
  }).pipe(Effect.provide(Layer.mergeAll(ledgerLayer(db), HttpFetcherLive, jobsLoggerLayer))))

export { query, scalar } from "../support/run-with-ledger.js"

export { waitFor } from "../support/spawn-cli.js"
