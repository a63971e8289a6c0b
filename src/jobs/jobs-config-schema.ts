import { z } from "zod"
import { parseDuration } from "./parse-duration.js"
import { parseSize } from "./parse-size.js"
import { parseSchedule } from "./schedule.js"

const duration = z.string().refine((s) => parseDuration(s) !== null, {
  message: "must be a duration like 500ms, 30s, 15m, 2h",
})

const nonEmpty = z.string().trim().min(1, "must not be empty")

const size = z.union([z.number(), z.string()]).refine((v) => parseSize(v) !== null, {
  message: "must be a size like 1000000, 512KB, 256MB, 2GB",
})

/** `from:` — exactly one of a folder, an append-only NDJSON file, or an HTTP(S) URL. */
const fromSchema = z.strictObject({
  dir: nonEmpty.optional(),
  file: nonEmpty.optional(),
  url: nonEmpty.optional(),
}).superRefine((from, ctx) => {
  const given = (["dir", "file", "url"] as const).filter((k) => from[k] !== undefined)
  if (given.length !== 1) {
    ctx.addIssue({ code: "custom", message: given.length === 0
      ? "must give one of dir, file or url"
      : `must give only one of dir, file or url (got ${given.join(", ")})` })
  }
  if (from.file !== undefined && !/\.(ndjson|jsonl)$/i.test(from.file)) {
    ctx.addIssue({ code: "custom", path: ["file"], message: "an append-only file must be NDJSON (.ndjson or .jsonl)" })
  }
  if (from.url !== undefined) {
    let ok = false
    try {
      ok = ["http:", "https:"].includes(new URL(from.url).protocol)
    } catch {
      ok = false
    }
    if (!ok) ctx.addIssue({ code: "custom", path: ["url"], message: `"${from.url}" is not an http(s) URL` })
  }
})

/** One job as written in the config (SPEC §7). */
export const jobSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-'"),
  schedule: z.string().superRefine((s, ctx) => {
    const parsed = parseSchedule(s)
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason })
  }),
  from: fromSchema,
  dataset: nonEmpty.optional(),
  retry: z.strictObject({
    times: z.number().int("must be a whole number").min(0, "must be >= 0").max(100, "must be <= 100"),
    backoff: duration.default("1s"),
  }).optional(),
  timeout: duration.optional(),
  strict: z.boolean().optional(),
  /** URL jobs: the largest body taken, counted after decompression (default 256 MB). */
  max_bytes: size.optional(),
  /** URL jobs: follow redirects to the same origin only (the default), or to any. */
  redirects: z.enum(["same-origin", "any"]).optional(),
}).superRefine((job, ctx) => {
  for (const key of ["max_bytes", "redirects"] as const) {
    if (job[key] !== undefined && job.from.url === undefined) ctx.addIssue({ code: "custom", path: [key], message: "applies to url jobs only" })
  }
})

/** The whole jobs file: the jobs, and optionally how long a lease lasts without renewal. */
export const jobsFileSchema = z.strictObject({
  jobs: z.array(z.unknown()).min(1, "must list at least one job"),
  lease: duration.optional(),
})

export type JobInput = z.infer<typeof jobSchema>

/** The jobs file with each job's shape, as one schema (the parser checks jobs one by one, to name each). */
export const jobsConfigSchema = jobsFileSchema.extend({ jobs: z.array(jobSchema).min(1) })
