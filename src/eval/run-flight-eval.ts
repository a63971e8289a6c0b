/**
 * Shell for the Flight evaluation until `reckon eval flight` is wired into the CLI:
 * `node dist/src/eval/run-flight-eval.js DATA_DIR [--format json]`. Table (or JSON rows) on stdout,
 * folds, chosen parameters, copy groups and timings on stderr.
 */
import { runFlightEvalReport } from "./flight-eval.js"

const args = process.argv.slice(2)
const dataDir = args.find((a) => !a.startsWith("--")) ?? "../shared/data/flight"
const json = args.includes("json")
const report = await runFlightEvalReport({ dataDir })
if (json) process.stdout.write(JSON.stringify(report.rows, null, 2) + "\n")
else {
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(6)
  process.stdout.write("method        attribute             items  prec  prec10  cover   width\n")
  for (const r of report.rows) {
    process.stdout.write(
      `${r.method.padEnd(13)} ${r.attribute.padEnd(20)} ${String(r.items).padStart(5)} ${pct(r.precision)} ${pct(r.precision10)} ${pct(r.coverage)} ${r.width.toFixed(2).padStart(7)}\n`,
    )
  }
}
const err = (s: string): void => void process.stderr.write(s + "\n")
err(`counts ${JSON.stringify(report.counts)}`)
err(`millis ${JSON.stringify(Object.fromEntries(Object.entries(report.millis).map(([k, v]) => [k, Math.round(v)])))}`)
for (const f of report.folds) err(`fold ${f.day}: chose #${f.chosen} ${JSON.stringify(f.options)} (train precision ${f.trainPrecision.toFixed(4)})`)
const rel = report.overall.reliability
err(`overall ${JSON.stringify(report.overall.options)} rounds ${rel.rounds} iterations ${rel.iterations} baseline ${rel.copyBaseline.toFixed(3)}`)
for (const s of rel.sources) err(`source ${s.source.padEnd(22)} claims ${Math.round(s.claims).toString().padStart(6)} error ${s.error.toFixed(4)} weight ${s.weight.toFixed(3)} discount ${s.discount.toFixed(3)} effective ${s.effectiveWeight.toFixed(3)} group ${s.group ?? "-"}`)
for (const g of rel.groups) {
  err(`group ${g.id}: ${g.sources.join(", ")}`)
  for (const e of g.evidence) err(`   ${e.sources.join(" ~ ")}: overlap ${e.overlap}, both wrong ${e.bothFalse}, same wrong ${e.sharedFalse} (expected ${e.expectedSharedFalse.toFixed(1)}, ratio ${e.ratio.toFixed(2)}), score ${e.score.toFixed(0)}`)
}
for (const r of report.rejections) err(`rejected ${r.source}\t${r.format}\t${r.reason}\t${r.count}`)
