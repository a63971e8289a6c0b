import * as Logger from "effect/Logger"
import { inert } from "./output.js"

const fieldText = (v: unknown): string => {
  const s = typeof v === "string" ? v : JSON.stringify(v)
  return /[\s"=]/.test(s) ? JSON.stringify(s) : s
}

/**
 * One log line: time, level, `key=value` fields (job, run), the event.
 * @example formatLogLine(new Date(0), "INFO", { job: "feed", run: 3 }, "finished") ===
 *   "1970-01-01T00:00:00.000Z INFO  job=feed run=3 finished"
 */
export const formatLogLine = (date: Date, level: string, fields: Record<string, unknown>, message: string): string => {
  const f = Object.entries(fields).map(([k, v]) => `${k}=${fieldText(v)}`).join(" ")
  // inert: messages carry file names, URLs and rejection reasons from the data (SPEC §8)
  return `${date.toISOString()} ${level.padEnd(5)} ${inert(f)}${f ? " " : ""}${inert(message)}`
}

const messageText = (m: unknown): string =>
  Array.isArray(m) ? m.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(" ") : typeof m === "string" ? m : JSON.stringify(m)

/** The CLI's logger: every `Effect.log…` becomes one line on stderr, with its annotations (job, run) as fields. */
export const jobsLogger = Logger.make(({ date, logLevel, message, annotations }) => {
  const fields: Record<string, unknown> = {}
  for (const [k, v] of annotations) fields[k] = v
  process.stderr.write(`${formatLogLine(date, logLevel.label, fields, messageText(message))}\n`)
})

/** Replaces Effect's default logger (stdout is for data) with `jobsLogger`; the jobs log through it too. */
export const jobsLoggerLayer = Logger.replace(Logger.defaultLogger, jobsLogger)
