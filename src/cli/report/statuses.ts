import type { FigureStatus } from "../../domain/figure.js"

/**
 * The figure statuses in the order the report lists them (its index, `--status` of report and
 * web); a module of its own so that the command definitions load nothing of the report.
 */
export const STATUSES: readonly FigureStatus[] = ["conflict", "single-source", "consistent", "derived", "no-data"]
