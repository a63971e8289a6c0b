import { scopeText } from "../commands/claims-command.js"
import type { ConflictRecord } from "../../query/query-conflicts.js"
import type { Child } from "./dom.js"
import type { PageContext } from "./page-shell.js"

/** The conflicts page: every conflict with the claims on each side and the reason, linking to its figure. */
export const renderConflicts = ({ h, links }: PageContext, conflicts: readonly ConflictRecord[]): Child =>
  h("section", { id: "conflicts", class: "page" },
    h("h1", null, "Conflicts"),
    h("p", { class: "muted" }, `${conflicts.length} conflicts. Each names the claims the consensus leaves out (or that a tie leaves open) and the kept claims against them.`),
    conflicts.length === 0 ? h("p", null, "No conflict.") : h("table", { id: "conflict-table" },
      h("thead", null, h("tr", null, ["event", "metric", "scope", "at", "kind", "claims", "against", "reason"].map((c) => h("th", null, c)))),
      h("tbody", null, conflicts.map((c) => {
        const href = links.figure(c)
        return h("tr", null,
          h("td", null, c.event),
          h("td", null, href === null ? c.metric : h("a", { href }, c.metric)),
          h("td", null, scopeText(c.scope)),
          h("td", null, c.at ?? ""),
          h("td", null, c.kind),
          h("td", null, c.claims.join(", ")),
          h("td", null, c.against.join(", ")),
          h("td", null, c.reason))
      }))))
