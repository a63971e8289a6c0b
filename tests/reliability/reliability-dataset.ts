import { synthesize } from "./synthetic.js"

/**
 * A dataset folder's files for the ledger-side reliability tests: 1100 items (events) with known
 * true values, four decent sources (80% right), one perfect source `reliable`, one poor source
 * `sloppy` (20% right) and two sources that copy `sloppy` value for value. Plus the event `tie`,
 * on which only `reliable` (10) and `sloppy` (20) speak: with equal weights the engine cannot pick
 * a side; with learned weights `reliable` wins.
 */
export const reliabilityDatasetFiles = (items = 1100): Record<string, string> => {
  const { observations } = synthesize([
    { name: "decent-1", accuracy: 0.8 },
    { name: "decent-2", accuracy: 0.8 },
    { name: "decent-3", accuracy: 0.8 },
    { name: "decent-4", accuracy: 0.8 },
    { name: "reliable", accuracy: 1 },
    { name: "sloppy", accuracy: 0.2 },
    { name: "copy-a", accuracy: 0, copies: "sloppy" },
    { name: "copy-b", accuracy: 0, copies: "sloppy" },
  ], items, 7)
  const events = [...new Set(observations.map((o) => o.item)), "tie"]
  const sources = ["decent-1", "decent-2", "decent-3", "decent-4", "reliable", "sloppy", "copy-a", "copy-b"]
  const catalog = {
    name: "synthetic",
    title: "Synthetic sources of known reliability",
    events: events.map((id) => ({ id })),
    sources: sources.map((id) => ({ id, kind: "website" })),
    metrics: [{ id: "minutes", kind: "real" }],
  }
  const claims = [
    ...observations.map((o) => ({ event: o.item, metric: "minutes", source: o.source, value: o.value, quote: String(o.value) })),
    { id: "reliable-tie", event: "tie", metric: "minutes", source: "reliable", value: 10, quote: "10" },
    { id: "sloppy-tie", event: "tie", metric: "minutes", source: "sloppy", value: 20, quote: "20" },
  ]
  return {
    "synthetic/dataset.yaml": JSON.stringify(catalog),
    "synthetic/claims.ndjson": claims.map((c) => JSON.stringify(c)).join("\n") + "\n",
  }
}
