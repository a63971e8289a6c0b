/**
 * Where figures are pinned beyond what findings.ts finds by itself: the seed event (Operation
 * Spider Web, 2025-06-01) as both series show it, and one Oryx-only cell. The numbers pinned there
 * come from the data; only the dates are chosen here.
 */
import type { Probes } from "./findings.js"

export const SEED_PROBES: Probes = {
  wholes: [
    { metric: "losses.aircraft", at: "2025-05-18", why: "before the seed event: General Staff 372, Oryx 141 (124 destroyed, 17 damaged) that day" },
    { metric: "losses.aircraft", at: "2025-06-02", why: "the day after the strikes, still General Staff 372" },
    { metric: "losses.aircraft", at: "2025-06-03", why: "seed event: General Staff 372 → 413 (+41, the SBU's '41 aircraft hit'); Oryx still 141" },
    { metric: "losses.aircraft", at: "2025-06-08", why: "Oryx catches up to 157 (137 destroyed, 20 damaged); General Staff 414" },
    { metric: "losses.naval", at: "2024-09-30", why: "Oryx-only metric: its single naval row (ships and submarines)" },
  ],
  parts: [
    { metric: "losses.aircraft.destroyed", at: "2025-05-18", why: "Oryx 124 destroyed; at most 372 − 17 damaged by the General Staff's total" },
    { metric: "losses.aircraft.destroyed", at: "2025-06-08", why: "Oryx 137 destroyed (+13 since 2025-05-18); at most 414 − 20 damaged" },
    { metric: "losses.aircraft.damaged", at: "2025-06-08", why: "Oryx 20 damaged (+3 since 2025-05-18); at most 414 − 137 destroyed" },
  ],
}
