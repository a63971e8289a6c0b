import { fixed } from "../output.js"
import type { SourceRecord } from "../../query/query-sources.js"
import type { StoredCopyGroup } from "../../reliability/stored-reliability.js"
import type { Child } from "./dom.js"
import type { PageContext } from "./page-shell.js"

/** The sources page: prior weight, contested cells, agreement, learned weight, copy group, claims; then the copy groups with their evidence. */
export const renderSources = ({ h }: PageContext, sources: readonly SourceRecord[], groups: readonly StoredCopyGroup[]): Child =>
  h("section", { id: "sources", class: "page" },
    h("h1", null, "Sources"),
    h("p", { class: "muted" }, `${sources.length} sources. A learned weight (from reckon learn) replaces the prior weight in reconciliation.`),
    h("table", { id: "source-table" },
      h("thead", null, h("tr", null, ["id", "name", "kind", "side", "aliases", "prior weight", "contested cells", "agreement", "learned weight", "copy group", "claims", "relayed"]
        .map((c) => h("th", null, c)))),
      h("tbody", null, sources.map((s) => h("tr", null,
        h("td", null, s.id), h("td", null, s.name), h("td", null, s.kind), h("td", null, s.side ?? ""),
        h("td", null, s.aliases.join(", ")),
        h("td", { class: "num" }, s.weight),
        h("td", { class: "num" }, fixed(s.contested, 1) ?? ""),
        h("td", { class: "num" }, fixed(s.agreement, 4) ?? ""),
        h("td", { class: "num" }, fixed(s.learned) ?? ""),
        h("td", null, s.copyGroup ?? ""),
        h("td", { class: "num" }, s.claims),
        h("td", { class: "num" }, s.relayed))))),
    h("h2", null, "Copy groups"),
    groups.length === 0
      ? h("p", { class: "muted" }, "None found (reckon learn finds sources that mirror each other: the same items, the same values).")
      : groups.map((g) => [
        h("h3", null, `${g.id}: ${g.sources.join(", ")}`),
        h("p", { class: "muted" }, `dataset ${g.dataset ?? "all"}, baseline ${fixed(g.baseline)}`),
        h("table", { class: "copy-evidence" },
          h("thead", null, h("tr", null, ["source a", "source b", "shared items", "same value", "both false", "shared false", "expected if independent", "score"].map((c) => h("th", null, c)))),
          h("tbody", null, g.evidence.map((e) => h("tr", null,
            h("td", null, e.sources[0]), h("td", null, e.sources[1]),
            h("td", { class: "num" }, e.overlap), h("td", { class: "num" }, e.same), h("td", { class: "num" }, e.bothFalse), h("td", { class: "num" }, e.sharedFalse),
            h("td", { class: "num" }, fixed(e.expectedSharedFalse, 1) ?? ""), h("td", { class: "num" }, fixed(e.score, 1) ?? ""))))),
      ]))
