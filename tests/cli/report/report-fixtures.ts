import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { runCli } from "../../support/run-cli.js"
import { tempDir, writeFiles } from "../../support/temp-dir.js"

/** The quote the issue names: an image whose error handler would run a script if it were markup. */
export const IMG_QUOTE = "<img src=x onerror=alert(1)>"
export const SCRIPT_QUOTE = "</blockquote><script>alert(2)</script>"

const CATALOG = `
name: hostile
title: Hostile strings in every field the pages show
events:
  - id: strike
    title: "<script>alert('event')</script>"
    date: 2025-06-01
  - id: war
    title: A running tally
    date: 2022-02-24
sources:
  - { id: sbu, name: "<img src=x onerror=alert('source')>", kind: intelligence }
  - { id: nato-official, name: "A senior NATO official & co", kind: official }
  - { id: avivector, kind: osint }
  - { id: general-staff, kind: official }
  - { id: oryx, kind: osint }
metrics:
  - id: aircraft.hit
    parts: [aircraft.damaged, aircraft.destroyed]
    exhaustive: true
  - id: aircraft.damaged
  - id: aircraft.destroyed
  - id: tanks
    cumulative: true
`

const line = (r: Record<string, unknown>) => JSON.stringify(r)

/** Claims with hostile quotes, URLs and names that still reconcile like the seed: hit [41, 53] in conflict. */
const CLAIMS = [
  line({ id: "sbu-hit-41", event: "strike", metric: "aircraft.hit", source: "sbu", value: 41, quote: IMG_QUOTE, url: "javascript:alert(3)", stated: "2025-06-04" }),
  line({ id: "nato-damaged-40", event: "strike", metric: "aircraft.damaged", source: "nato-official", value: 40, quote: SCRIPT_QUOTE, url: "https://example.org/a?x=1&lt=2", stated: "2025-06-04" }),
  line({ id: "nato-destroyed-13", event: "strike", metric: "aircraft.destroyed", source: "nato-official", value: "up to 13", quote: "\"up to 13\" & <b>more</b>", stated: "2025-06-04" }),
  line({ id: "avi-destroyed-12", event: "strike", metric: "aircraft.destroyed", source: "avivector", value: "at least 12", certainty: "estimated", stated: "2025-06-05" }),
  ...["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"].flatMap((at, i) => [
    line({ id: `gs-tanks-${at}`, event: "war", metric: "tanks", source: "general-staff", value: 100 + 10 * i, at, stated: at }),
    ...(i % 2 === 0 ? [line({ id: `oryx-tanks-${at}`, event: "war", metric: "tanks", source: "oryx", value: `at least ${60 + 8 * i}`, at, stated: at })] : []),
  ]),
]

/** The number of claims of the tally cell (war, tanks, {}). */
export const TALLY_CLAIMS = 5 + 3

/**
 * Ingests the hostile dataset into a fresh ledger in `dir` (by default a folder removed after the
 * test; a file's beforeAll passes one of its own); returns the ledger's path.
 */
export const hostileLedger = (dir: string = tempDir("reckon-hostile-")): string => {
  writeFiles(dir, { "hostile/dataset.yaml": CATALOG, "hostile/claims.ndjson": `${CLAIMS.join("\n")}\n` })
  const db = path.join(dir, "ledger.db")
  const r = runCli(["ingest", path.join(dir, "hostile"), "--db", db])
  if (r.code !== 0) throw new Error(`ingest of the hostile dataset failed: ${r.stderr}`)
  return db
}

/** The spider-web dataset shipped in datasets/, ingested into a fresh ledger in `dir`. */
export const spiderWebLedger = (dir: string = tempDir("reckon-spider-")): string => {
  const db = path.join(dir, "spider-web.db")
  const r = runCli(["ingest", path.resolve(import.meta.dirname, "../../../datasets/spider-web"), "--db", db])
  if (r.code !== 0) throw new Error(`ingest of spider-web failed: ${r.stderr}`)
  return db
}

/** A folder for a whole test file (the shared tempDir is emptied after every test); remove it in afterAll. */
export const fileScopedDir = (): { readonly dir: string; readonly remove: () => void } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reckon-web-"))
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
