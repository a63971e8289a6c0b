/**
 * The dataset's README.md, generated from the mapping, the counts and the findings so that the
 * documentation always says what the files contain.
 */
import { GS_CATEGORIES, ORYX_CATEGORIES, UNMAPPED_GS, UNMAPPED_ORYX } from "./category-mapping.js"
import type { Findings } from "./findings.js"
import { GS_COMMIT, GS_REPO, ORYX_COMMIT, ORYX_REPO, githubUrl } from "./provenance.js"

export interface ReadmeFacts {
  readonly gsClaims: number
  readonly oryxClaims: number
  readonly metrics: number
  readonly gsRange: readonly [string, string]
  readonly oryxRange: readonly [string, string]
  readonly findings: Findings
}

const cell = (s: string): string => s.replaceAll("|", "\\|")

/** Renders README.md. */
export const renderReadme = (r: ReadmeFacts): string => {
  const mapping = GS_CATEGORIES.map((gs) => {
    const direct = ORYX_CATEGORIES.filter((o) => o.metric === gs.metric)
    const subs = ORYX_CATEGORIES.filter((o) => o.partOf === gs.metric)
    const oryx = direct.length > 0
      ? `${direct.flatMap((o) => o.types).map((t) => `"${t}"`).join(" / ")} — same cell, statuses as exhaustive parts`
      : subs.length > 0
        ? `parts (non-exhaustive): ${subs.map((s) => `${s.types.map((t) => `"${t}"`).join(" / ")} → \`${s.metric}\``).join("; ")}`
        : "— (General Staff only)"
    const notes = [gs.note, ...direct.map((o) => o.note), ...subs.map((o) => o.note)].filter(Boolean).join("; ")
    return `| \`${gs.key}\` | \`${gs.metric}\` | ${cell(oryx)} | ${cell(notes)} |`
  })
  const oryxOnly = ORYX_CATEGORIES.filter((o) => !o.partOf && !GS_CATEGORIES.some((g) => g.metric === o.metric))
  const f = r.findings
  const ac = f.closest.find((c) => c.metric === "losses.aircraft")
  const aircraftClosest = ac ? `${ac.value} vs ${ac.floor} on ${ac.at}` : "none"
  const gsDowns = f.tallyDowns.filter((d) => d.source !== "oryx")
  const downs = gsDowns.map((d) => `| ${d.at} | \`${d.metric}\` | ${d.from} → ${d.to} | ${d.corrected ? `yes: \`${d.claim}\` supersedes \`${d.previous}\`` : "**no** — left as is, the audit reports it"} |`)
  const closest = f.closest.map((c) => `| \`${c.metric}\` | ${c.at} | ${c.value} | ${c.floor} (${c.sameCell ? "same cell" : "sum over parts"}) | ${c.gap} |`)
  return `# ua-losses-vs-oryx

Russian equipment losses in the war against Ukraine as two sources count them, every day:

- **general-staff** — the General Staff of the Armed Forces of Ukraine (kind \`military\`, side \`ua\`):
  cumulative daily claims, one exact number per category (${r.gsRange[0]} .. ${r.gsRange[1]}).
- **oryx** — Oryx (kind \`osint\`): losses visually confirmed by a photo or video, per category and status
  (destroyed, damaged, abandoned, captured). Each count is a **floor**: claimed as \`at least N\`
  (${r.oryxRange[0]} .. ${r.oryxRange[1]}; most categories only from 2024-09-30 or 2025-03-21 in this scrape,
  aircraft from 2022).

One event, \`ru-equipment-losses\`; ${r.metrics} metrics, all \`cumulative: true\`, kind \`count\`.
Claims: ${r.gsClaims} from the General Staff (\`general-staff.ndjson.gz\`), ${r.oryxClaims} from Oryx
(\`oryx.ndjson.gz\`), gzipped NDJSON (SPEC §2.2).

## Origin and licences

| data | repository @ commit | licence |
|---|---|---|
| General Staff tallies and corrections (\`data/russia_losses_equipment.json\`, \`data/russia_losses_equipment_correction.json\`) | [${GS_REPO}](https://github.com/${GS_REPO}) @ \`${GS_COMMIT}\` | MIT, © 2022 Petro Ivaniuk — full text in [LICENSES/ua-losses-MIT.txt](LICENSES/ua-losses-MIT.txt) |
| Oryx daily tally (\`daily_count.csv\`) | [${ORYX_REPO}](https://github.com/${ORYX_REPO}) @ \`${ORYX_COMMIT}\` | CC BY 4.0 — full text in [LICENSES/oryx-CC-BY-4.0.txt](LICENSES/oryx-CC-BY-4.0.txt) |

Attribution: the Oryx figures are from Oryx, ["Attack On Europe: Documenting Russian Equipment Losses
During The Russian Invasion Of Ukraine"](https://www.oryxspioenkop.com/2022/02/attack-on-europe-documenting-equipment.html),
as scraped into a daily tally by scarnecchia/oryx_data (CC BY 4.0). Changes made here: the rows of
country Russia in the mapped categories were turned into claim records (one per status and total);
numbers are unchanged. The General Staff figures are from PetroIvaniuk/2022-Ukraine-Russia-War-Dataset
(MIT), which compiles the General Staff's daily statements; the MIT notice is kept in LICENSES/.
This folder as a whole is therefore distributed under CC BY 4.0 (Oryx-derived claims) and MIT
(General Staff-derived claims); keep this README and LICENSES/ with any copy.

Every claim's \`url\` is the GitHub URL of the upstream file **at the pinned commit, anchored at the
line** the number is on (e.g. ${githubUrl(GS_REPO, GS_COMMIT, "data/russia_losses_equipment.json")}#L…),
General Staff claims \`quote\` the verbatim text of that line (\`"aircraft": 413\`). Oryx claims carry
no \`quote\`: a CSV row such as \`Russia,Aircraft,137,0,0,20,157,2025-06-08\` reads as numbers with
thousands separators (\`20,157\`) to any number finder, so the audit's "quote contains the number" check
could not be met honestly. Their \`url\` names the row's line, and their \`note\` gives the column, the
number and the row's prefix verbatim (columns country, equipment_type, destroyed, abandoned, captured,
damaged, type_total, date_recorded).

## Claims

- General Staff: one claim per category per date, id \`gs-<metric>-<date>\` (\`gs-aircraft-2025-06-03\`),
  value the exact number, \`at\` = \`stated\` = the tally's date, method \`statement\`.
- Oryx: one claim per row and per status plus one for the total, ids \`oryx-<metric>-<date>\`
  (\`oryx-aircraft-2025-06-08\`, \`oryx-aircraft-destroyed-2025-06-08\`), value \`at least N\`,
  \`at\` = \`stated\` = date_recorded, method \`imagery\`. Oryx rows exist only on the days a tally changed;
  a tally holds until its next row, which is what a cumulative \`at least N\` at \`at\` already says
  (SPEC §4.7), so no claims are added for the days between.
- Corrections: where a General Staff tally goes down on a date on which the correction file adjusts
  the same category downwards, the claim of that date \`supersedes\` the previous claim of the
  category and its \`note\` cites the correction (with its URL). Every other non-zero correction is
  cited in the \`note\` of that day's claim without superseding anything. A decrease without a matching
  correction is left as it is — a real finding, pinned in expect.yaml. Matching is by exact date: the
  correction of 2023-05-27 (tank −5) is not applied to the tank decrease of 2023-05-28 (3799 → 3797),
  although it very likely explains it; the data says the two days differ, and we do not guess.

## Mapping choices

**General Staff "losses" are compared with Oryx's total, not with "destroyed" only.** The General
Staff reports total combat losses per category without a status, and its jumps match Oryx's destroyed
*plus* damaged (the seed event: +41 aircraft "hit" on 2025-06-03, Oryx +13 destroyed and +3 damaged by
2025-06-08). So the General Staff claims the category total, and Oryx claims the total and its four
statuses, declared as the total's exhaustive parts (\`losses.aircraft\` = destroyed + damaged +
abandoned + captured): the status split stays visible per cell, and the relation ties Oryx's
statuses to the General Staff's total.

An Oryx category is attached to a General Staff category only where it is certainly contained in it,
because the attachment says "General Staff total ≥ Oryx floor". Where one Oryx category maps onto a
General Staff category, Oryx claims on the same metric; where several do, each becomes a metric of its
own declared as a (non-exhaustive) part of the General Staff metric, so the comparison is
General Staff ≥ sum of Oryx floors, and each Oryx number stays verbatim.

| General Staff key | metric | Oryx (Russia) | notes |
|---|---|---|---|
${mapping.join("\n")}

Oryx-only metrics: ${oryxOnly.map((o) => `\`${o.metric}\` (${o.types.map((t) => `"${t}"`).join(", ")}: ${o.note ?? ""})`).join("; ")}.

The upstream file \`russia_losses_equipment_oryx.json\` (a model-level mapping of Oryx categories to the
General Staff's) was the starting point; where this dataset departs from it, the notes above say why.

### Left out

Oryx equipment types (Russia):

${UNMAPPED_ORYX.map((u) => `- "${u.type}": ${u.reason}.`).join("\n")}
- All rows of country Ukraine: another army's losses.

General Staff data:

${UNMAPPED_GS.map((u) => `- ${u.key}: ${u.reason}.`).join("\n")}

## Findings (pinned in expect.yaml)

**Conflicts: ${f.conflicts.length}.** ${f.conflicts.length === 0
    ? `On every date and in every shared category, the General Staff's figure is at or above Oryx's confirmed floor (for split categories, above the sum of the floors). Early 2022, where one might expect the General Staff to lag behind the photographs, shows no conflict in this scrape: only aircraft have Oryx rows before 2024-09-30 (most categories start on 2024-09-30 or 2025-03-21), and the General Staff's aircraft figure stays well above them (closest: ${aircraftClosest}). The closest approaches, pinned as consistent figures:`
    : "Dates on which the General Staff's figure is below Oryx's floor are pinned as conflicts. Closest approaches:"}

| metric | date | General Staff | Oryx floor | gap |
|---|---|---|---|---|
${closest.join("\n")}

**General Staff tallies that go down: ${gsDowns.length}** — ${gsDowns.filter((d) => d.corrected).length} with a matching correction, ${gsDowns.filter((d) => !d.corrected).length} without:

| date | metric | tally | corrected |
|---|---|---|---|
${downs.join("\n")}

**Oryx floors that fall: ${f.tallyDowns.filter((d) => d.source === "oryx").length}** (across totals and statuses, e.g. an
item moved from damaged to destroyed, or a misidentified one removed; Oryx publishes no corrections).
The audit reports every fall of a cumulative tally's lower bound as \`tally-down\`, so they are pinned in
expect.yaml with \`corrected: false\`. Strictly, a falling floor does not contradict itself —
\`at least 78\` after \`at least 79\` is a weaker claim, not an opposite one — and SPEC §4.7 takes Oryx's
latest row at each date either way.

The figures pinned around the seed event follow SPEC §4.7: at date T the General Staff's voice is its
claim of T, Oryx's is [latest floor ≤ T, ∞); the status parts' ranges come from the relation
(\`part ≤ whole.hi − Σ other parts.lo\`). Figures whose number would depend on engine details (a conflict
cell's range, the status of a cell whose only Oryx evidence comes through its parts) are not pinned.

## Regenerate

\`\`\`sh
reckon adapt ua-losses-oryx --data ../shared/data --out datasets/ua-losses-vs-oryx
# or, before the CLI command is wired:
npx tsc -p . && node -e 'import("./dist/src/adapters/ua-losses-oryx/write-dataset.js").then(m => m.writeUaLossesOryxDataset({ dataDir: "../shared/data", outDir: "datasets/ua-losses-vs-oryx" })).then(s => console.log(s))'
\`\`\`

The output is deterministic (stable order, no timestamps, gzip with mtime 0): re-running it on the same
inputs gives byte-identical files. Code: \`src/adapters/ua-losses-oryx/\`; tests: \`tests/adapters/ua-losses-oryx/\`.
`
}
