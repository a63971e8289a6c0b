import cliProgress from "cli-progress"
import type { IngestProgress } from "../ingest/ingest-progress.js"
import { outputSettings } from "./output.js"

/** `1,234 records, 5,678/s`: what was handled in a phase and how fast, for the progress line. */
export const rateText = (count: number, unit: string, elapsedMs: number): string => {
  const perSecond = elapsedMs > 0 ? Math.round((count * 1000) / elapsedMs) : 0
  return `${count.toLocaleString("en-US")} ${unit}, ${perSecond.toLocaleString("en-US")}/s`
}

/** A progress bar over the phases of long work (reading, storing, reconciling). */
export interface PhaseProgress {
  /**
   * Starts a phase (ending the one before): `label` says what is done (`reading claims.ndjson`,
   * `reconciling`), `total` how much in the units `update` counts, `unit` what the rate counts.
   */
  readonly start: (label: string, total: number, unit: string) => void
  /** How far the phase is (`done` of `total`), and how many `unit`s were handled (default: `done`). */
  readonly update: (done: number, handled?: number) => void
  /** Clears the bar (before a line of output, and at the end). */
  readonly stop: () => void
}

const silent: PhaseProgress = { start: () => {}, update: () => {}, stop: () => {} }

/**
 * Progress on stderr, one bar per phase with its label and rate, only when stderr is a terminal
 * and `--quiet` was not given (never in logs or pipes).
 */
export const phaseProgress = (stream: NodeJS.WriteStream = process.stderr): PhaseProgress => {
  if (!stream.isTTY || outputSettings.quiet) return silent
  const bar = new cliProgress.SingleBar({
    stream,
    format: "{label} [{bar}] {percentage}% | {rate}",
    hideCursor: true,
    clearOnComplete: true,
    // also draw the first frame at once: a short phase still shows what it was
    synchronousUpdate: true,
    fps: 10,
  }, cliProgress.Presets.shades_classic)
  let running = false
  let started = 0
  let unit = ""
  return {
    start: (label, total, u) => {
      if (running) bar.stop()
      started = performance.now()
      unit = u
      bar.start(Math.max(1, total), 0, { label, rate: rateText(0, unit, 0) })
      running = true
    },
    update: (done, handled = done) => {
      if (running) bar.update(done, { rate: rateText(handled, unit, performance.now() - started) })
    },
    stop: () => {
      if (running) bar.stop()
      running = false
    },
  }
}

/**
 * Shows an ingest's progress events on a `PhaseProgress`: one bar per file and pass (`reading
 * FILE` for --strict's check, `storing FILE`), by bytes with the records' rate, then `reconciling`
 * by components.
 */
export const ingestProgressHandler = (progress: PhaseProgress): ((p: IngestProgress) => void) => {
  let current = ""
  return (p) => {
    const label = p.phase === "reconciling" ? "reconciling" : `${p.phase} ${p.file}`
    if (label !== current) {
      current = label
      if (p.phase === "reconciling") progress.start(label, p.done + p.left, "components")
      else progress.start(label, p.total > 0 ? p.total : Math.max(1, p.records), "records")
    }
    if (p.phase === "reconciling") progress.update(p.done)
    else progress.update(p.total > 0 ? p.bytes : p.records, p.records)
  }
}
