import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as path from "node:path"
import type { Catalog } from "../../domain/catalog.js"
import { acceptCandidates } from "../../extract/accept-candidates.js"
import type { Candidate } from "../../extract/candidate.js"
import { extractClaims } from "../../extract/extract-claims.js"
import { loadHtmlToText, looksLikeHtml } from "../../extract/html-to-plain-text.js"
import { type CuratedClaim, measureExtraction, ratioText } from "../../extract/measure-extraction.js"
import { loadTokenizer } from "../../extract/tokenize-text.js"
import { CatalogError } from "../../ingest/catalog-error.js"
import { InputError } from "../../ingest/input-error.js"
import { parseCatalog } from "../../ingest/parse-catalog.js"
import { readRecords } from "../../ingest/read-records.js"
import { renderRecords } from "../output.js"
import { ledgerFor, parseTimeOption, printErr, printOut, setExitCode } from "../run-support.js"
import { UsageError } from "../usage-error.js"
import type { ExtractArgs } from "./extract-command.js"

const utf8 = new TextDecoder("utf-8", { fatal: true })

const readText = (file: string) => Effect.gen(function* () {
  const bytes = yield* Effect.try({
    try: () => fs.readFileSync(file),
    catch: (e) => new InputError({ file, message: (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot read the file" }),
  })
  return yield* Effect.try({ try: () => utf8.decode(bytes), catch: () => new InputError({ file, message: "not UTF-8 text" }) })
})

const readCatalog = (dir: string) => Effect.gen(function* () {
  const file = path.join(dir, "dataset.yaml")
  if (!fs.existsSync(file)) return yield* Effect.fail(new InputError({ file: dir, message: "--dataset must name a dataset folder (with a dataset.yaml)" }))
  const parsed = parseCatalog(yield* readText(file))
  if (!parsed.ok) return yield* Effect.fail(new CatalogError({ file, problems: parsed.problems }))
  return parsed.catalog
})

/** A source named by id, alias or name (case-insensitive), as `--publisher` takes it. */
const resolveSource = (catalog: Catalog, name: string): string | null => {
  const n = name.trim().toLowerCase()
  return catalog.sources.find((s) => [s.id, s.name, ...s.aliases].some((x) => x.toLowerCase() === n))?.id ?? null
}

const lineOf = (text: string, offset: number): number => {
  let line = 1
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++
  return line
}

const readCurated = (file: string) => Effect.tryPromise({
  try: async () => {
    const claims: CuratedClaim[] = []
    for await (const item of readRecords(file)) {
      if (item.kind === "bad") throw new Error(`line ${item.line}: ${item.reason}`)
      claims.push(item.value as CuratedClaim)
    }
    return claims
  },
  catch: (e) => new InputError({ file, message: e instanceof Error ? e.message : String(e) }),
})

const COLUMNS = [
  { header: "line", value: (c: Candidate & { line: number }) => c.line },
  { header: "event", value: (c: Candidate) => c.event },
  { header: "metric", value: (c: Candidate) => c.metric },
  { header: "scope", value: (c: Candidate) => Object.entries(c.scope).map(([d, v]) => `${d}=${v}`).join(" ") },
  { header: "value", value: (c: Candidate) => c.value },
  { header: "source", value: (c: Candidate) => c.source },
  { header: "via", value: (c: Candidate) => c.via ?? [] },
  { header: "certainty", value: (c: Candidate) => c.certainty },
  { header: "confidence", value: (c: Candidate) => c.confidence },
  { header: "quote", value: (c: Candidate) => c.quote },
] as const

/** `reckon extract`: an article's candidate claims for review; with `--against` scored, with `--accept` ingested. */
export const runExtract = (o: ExtractArgs) =>
  Effect.gen(function* () {
    const raw = yield* readText(o.article)
    const text = looksLikeHtml(o.article, raw) ? (yield* Effect.promise(loadHtmlToText))(raw) : raw
    if (o.text) return yield* printOut(text.endsWith("\n") ? text : `${text}\n`)
    const catalog = yield* readCatalog(o.dataset)
    const stated = yield* parseTimeOption("stated", o.stated)
    const publisherName = Option.getOrUndefined(o.publisher)
    const publisher = publisherName === undefined ? undefined : resolveSource(catalog, publisherName)
    if (publisher === null) {
      return yield* Effect.fail(new UsageError({ message: `--publisher ${publisherName}: not a source of ${catalog.name} (${catalog.sources.map((s) => s.id).join(", ")})` }))
    }
    const event = Option.getOrUndefined(o.event)
    if (event !== undefined && !catalog.events.some((e) => e.id === event)) {
      return yield* Effect.fail(new UsageError({ message: `--event ${event}: not an event of ${catalog.name} (${catalog.events.map((e) => e.id).join(", ")})` }))
    }
    const tokenize = yield* Effect.promise(loadTokenizer)
    const { candidates, skipped } = extractClaims(tokenize(text), catalog, {
      ...(event !== undefined ? { event } : {}),
      ...(Option.isSome(o.url) ? { url: o.url.value } : {}),
      ...(stated !== undefined ? { stated } : {}),
      ...(publisher !== undefined ? { publisher } : {}),
    })
    for (const s of skipped) yield* printErr(`${o.article}:${lineOf(text, s.start)}: skipped ${JSON.stringify(s.text)}: ${s.reason}`)
    const rows = candidates.map((c) => ({ ...c, line: lineOf(text, c.span[0]) }))
    yield* printOut(o.format === "json" || o.format === "ndjson"
      ? renderRecords(candidates, o.format, [])
      : renderRecords(rows, o.format, COLUMNS))
    yield* printErr(`${candidates.length} candidate claim(s); ${skipped.length} number(s) skipped`)
    if (Option.isSome(o.against)) {
      const curated = yield* readCurated(o.against.value)
      const m = measureExtraction(candidates, curated, catalog)
      yield* printErr(`against ${o.against.value}: recall ${ratioText(m.recall)}, precision ${ratioText(m.precision)}; ` +
        `curated {lo, hi} claims found ${ratioText(m.curatedIntervals)}; of the matches, same via ${ratioText(m.sameVia)}, same certainty ${ratioText(m.sameCertainty)}`)
      for (const j of m.missed) yield* printErr(`  missed: ${curated[j]!.id ?? `claim ${j + 1}`}`)
      for (const i of m.unmatched) yield* printErr(`  unmatched candidate ${i + 1}: ${candidates[i]!.metric} ${JSON.stringify(candidates[i]!.scope)} ${JSON.stringify(candidates[i]!.value)} (${candidates[i]!.source})`)
    }
    if (o.accept) {
      let rejected = 0
      const summary = yield* acceptCandidates(candidates, o.dataset, (r) => {
        rejected++
        process.stderr.write(`${o.article}: candidate ${r.line}: ${r.reason}\n`)
      }).pipe(Effect.provide(ledgerFor(o.db)))
      const f = summary.files[0]
      if (f !== undefined) {
        yield* printErr(`accepted: read ${f.read} = inserted ${f.inserted} + duplicates ${f.duplicates} + rejected ${f.rejected}; reconciled ${summary.components} component(s)`)
      }
      if (rejected > 0) yield* setExitCode(1)
    }
  })
