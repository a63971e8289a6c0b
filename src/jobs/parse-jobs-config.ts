import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describeZodIssue } from "../ingest/describe-zod-issue.js"
import { ConfigError } from "./config-error.js"
import { DEFAULT_LEASE_MS, DEFAULT_MAX_BYTES, DEFAULT_RETRY, DEFAULT_URL_TIMEOUT_MS, type JobConfig, type JobsConfig } from "./job-config.js"
import { jobSchema, jobsFileSchema } from "./jobs-config-schema.js"
import { parseDuration } from "./parse-duration.js"
import { parseSize } from "./parse-size.js"
import { parseSchedule } from "./schedule.js"
import { readYaml } from "../ingest/read-yaml.js"

export type ParseJobsResult =
  | { readonly ok: true; readonly config: JobsConfig }
  | { readonly ok: false; readonly problems: readonly string[] }

/**
 * Validates a jobs config text (YAML 1.2). Every problem is reported, one line each, naming the
 * job and the field: `job "oryx-daily": field "schedule": "every 15x": expected …`. Relative
 * paths are resolved against `baseDir` (the config file's folder), so a service started from
 * any working directory reads the same folders.
 */
export const parseJobsConfig = (text: string, file: string, baseDir: string): ParseJobsResult => {
  const read = readYaml(text, "jobs config")
  if (!read.ok) return { ok: false, problems: [read.problem] }
  const doc = read.value
  const top = jobsFileSchema.safeParse(doc)
  if (!top.success) return { ok: false, problems: top.error.issues.map(describeZodIssue) }
  const problems: string[] = []
  const jobs: JobConfig[] = []
  const seen = new Set<string>()
  top.data.jobs.forEach((raw, i) => {
    const rawName = typeof raw === "object" && raw !== null && typeof (raw as { name?: unknown }).name === "string"
      ? (raw as { name: string }).name : null
    const label = rawName ? `job "${rawName}"` : `job #${i + 1}`
    const parsed = jobSchema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label}: ${describeZodIssue(issue)}`)
      return
    }
    const j = parsed.data
    if (seen.has(j.name)) {
      problems.push(`${label}: field "name": another job has the same name`)
      return
    }
    seen.add(j.name)
    const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(baseDir, p))
    const schedule = parseSchedule(j.schedule)
    if (!schedule.ok) return // reported by the schema already
    jobs.push({
      name: j.name,
      schedule: schedule.schedule,
      source: j.from.dir !== undefined ? { kind: "dir", path: resolve(j.from.dir) }
        : j.from.file !== undefined ? { kind: "file", path: resolve(j.from.file) }
        : { kind: "url", url: j.from.url!, maxBytes: j.max_bytes !== undefined ? parseSize(j.max_bytes)! : DEFAULT_MAX_BYTES, redirects: j.redirects ?? "same-origin" },
      dataset: j.dataset !== undefined ? resolve(j.dataset) : null,
      retry: j.retry ? { times: j.retry.times, backoffMs: parseDuration(j.retry.backoff)! } : DEFAULT_RETRY,
      timeoutMs: j.timeout !== undefined ? parseDuration(j.timeout) : j.from.url !== undefined ? DEFAULT_URL_TIMEOUT_MS : null,
      strict: j.strict ?? false,
    })
  })
  if (problems.length > 0) return { ok: false, problems }
  const leaseMs = top.data.lease !== undefined ? parseDuration(top.data.lease)! : DEFAULT_LEASE_MS
  return { ok: true, config: { file, jobs, leaseMs } }
}

/** Reads and validates a jobs config file; fails with every problem listed (exit code 2). */
export const loadJobsConfig = (file: string): Effect.Effect<JobsConfig, ConfigError> =>
  Effect.gen(function* () {
    const text = yield* Effect.try({
      try: () => fs.readFileSync(file, "utf8"),
      catch: (e) => new ConfigError({ file, problems: [`cannot read the jobs config: ${(e as NodeJS.ErrnoException).code ?? String(e)}`] }),
    })
    const parsed = parseJobsConfig(text, file, path.dirname(file))
    if (!parsed.ok) return yield* Effect.fail(new ConfigError({ file, problems: parsed.problems }))
    return parsed.config
  })
