import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { Ledger } from "../ledger/ledger.js"
import { buildCatalogIndex } from "./catalog-index.js"
import { CatalogError } from "./catalog-error.js"
import { type FileSummary, ingestFile, type Rejection } from "./ingest-file.js"
import type { IngestProgress } from "./ingest-progress.js"
import { InputError } from "./input-error.js"
import { inspectPath } from "./inspect-path.js"
import { MAX_CATALOG_BYTES, parseCatalog } from "./parse-catalog.js"
import { claimFileFormat } from "./read-records.js"

export interface IngestOptions {
  /** A dataset folder whose catalog applies to plain claim files (`--dataset`). */
  readonly dataset?: string | undefined
  /** The dataset (by its name in the ledger) whose catalog applies to plain claim files, instead of `dataset`. */
  readonly datasetName?: string | undefined
  /** How a path is named in messages and in the ledger, when not by itself (`<stdin>` for a spooled standard input). */
  readonly displayNames?: ReadonlyMap<string, string>
  readonly strict?: boolean
  readonly job?: string | null
  readonly onRejection?: (r: Rejection) => void
  /** Where the ingest is: each file's reading and storing, then reconciling (for a progress display). */
  readonly onProgress?: (p: IngestProgress) => void
  readonly shouldStop?: () => boolean
}

export interface IngestSummary {
  readonly files: readonly FileSummary[]
  /** Components reconciled at the end (every stale one: these files' and any a killed command left). */
  readonly components: number
  readonly figures: number
}

interface PlannedFile {
  readonly file: string
  readonly dataset: string | null
}

/** The claim files of a dataset folder, in a stable order; a symlink counts as the file it points to. */
export const claimFilesIn = (folder: string): string[] =>
  fs.readdirSync(folder, { withFileTypes: true })
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && claimFileFormat(e.name) !== null)
    .map((e) => path.join(folder, e.name))
    .sort()

/** A dataset folder's claim files; a broken or looping symlink among them fails with its reason. */
const usableClaimFiles = (folder: string): Effect.Effect<string[], InputError> =>
  Effect.gen(function* () {
    const files = claimFilesIn(folder)
    for (const file of files) {
      const kind = inspectPath(file)
      if (kind.kind === "unusable") return yield* Effect.fail(new InputError({ file, message: kind.reason }))
      if (kind.kind === "dir") return yield* Effect.fail(new InputError({ file, message: "a folder named like a claim file" }))
    }
    return files
  })

const isDatasetFolder = (p: string): boolean => fs.existsSync(path.join(p, "dataset.yaml"))

/**
 * Loads and registers the catalog of a dataset folder; a catalog that does not parse or
 * contradicts itself fails with every problem listed. A changed catalog leaves the components it
 * touches stale in the ledger (reconciled by the caller).
 */
export const registerDatasetFolder = (folder: string) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const file = path.join(folder, "dataset.yaml")
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0
    if (size > MAX_CATALOG_BYTES) {
      return yield* Effect.fail(new CatalogError({ file, problems: [`the catalog is ${size} bytes; the limit is ${MAX_CATALOG_BYTES}`] }))
    }
    const text = yield* Effect.try({
      try: () => fs.readFileSync(file, "utf8"),
      catch: () => new InputError({ file, message: "cannot read the catalog" }),
    })
    const parsed = parseCatalog(text)
    if (!parsed.ok) return yield* Effect.fail(new CatalogError({ file, problems: parsed.problems }))
    const registered = yield* ledger.registerCatalog(parsed.catalog, folder, new Date().toISOString())
    if (!registered.ok) return yield* Effect.fail(new CatalogError({ file, problems: registered.problems }))
    return { name: parsed.catalog.name, changed: registered.changed && !registered.isNew }
  })

/**
 * `reckon ingest PATH…`: dataset folders (their dataset.yaml, then every claim file in them), a
 * folder of dataset folders, or claim files (under `--dataset`, or the catalogs already in the
 * ledger). Afterwards the stale components are reconciled: those whose claims changed, every
 * component of a dataset whose catalog changed (relations and weights may have), and any a killed
 * command left. A stop request ends the ingest after the batch in hand; what was stored is still
 * reconciled.
 */
export const ingestPaths = (paths: readonly string[], options: IngestOptions = {}) =>
  Effect.gen(function* () {
    const ledger = yield* Ledger
    const planned: PlannedFile[] = []
    let defaultDataset: string | null = options.datasetName ?? null
    if (options.dataset !== undefined) {
      if (!isDatasetFolder(options.dataset)) {
        return yield* Effect.fail(new InputError({ file: options.dataset, message: "--dataset must name a dataset folder (with a dataset.yaml)" }))
      }
      const d = yield* registerDatasetFolder(options.dataset)
      defaultDataset = d.name
    }
    for (const p of paths) {
      const kind = inspectPath(p)
      if (kind.kind === "unusable") return yield* Effect.fail(new InputError({ file: p, message: kind.reason }))
      if (kind.kind === "dir") {
        const folders = isDatasetFolder(p)
          ? [p]
          : fs.readdirSync(p, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(p, e.name))
              .filter(isDatasetFolder).sort()
        if (folders.length === 0) {
          return yield* Effect.fail(new InputError({ file: p, message: "not a dataset folder (no dataset.yaml) and holds no dataset folders" }))
        }
        for (const folder of folders) {
          const d = yield* registerDatasetFolder(folder)
          for (const file of yield* usableClaimFiles(folder)) planned.push({ file, dataset: d.name })
        }
      } else {
        if (claimFileFormat(p) === null) {
          return yield* Effect.fail(new InputError({ file: p, message: "not a claim file (expected .ndjson, .csv or .json, optionally .gz)" }))
        }
        planned.push({ file: p, dataset: defaultDataset })
      }
    }
    const catalogs = yield* ledger.catalogs
    if (catalogs.length === 0 && planned.length > 0) {
      return yield* Effect.fail(new InputError({ file: planned[0]!.file, message: "the ledger has no catalog yet: name the dataset with --dataset DIR" }))
    }
    const index = buildCatalogIndex(catalogs)
    const files: FileSummary[] = []
    for (const { file, dataset } of planned) {
      if (options.shouldStop?.()) break
      files.push(yield* ingestFile(file, {
        index, dataset, strict: options.strict ?? false, displayName: options.displayNames?.get(file) ?? file, job: options.job ?? null, total: fs.statSync(file).size,
        ...(options.onRejection ? { onRejection: options.onRejection } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
      }))
    }
    const onProgress = options.onProgress
    const reconciled = yield* ledger.reconcileStale(onProgress === undefined ? {} : { onProgress: (done, left) => onProgress({ phase: "reconciling", done, left }) })
    return { files, components: reconciled.components, figures: reconciled.figures } satisfies IngestSummary
  })
