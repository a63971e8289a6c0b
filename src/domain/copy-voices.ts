import type { Voice } from "./voices.js"

/**
 * Copy groups as voices (SPEC §4.3): on a cell, the voices of members of one copy group that state
 * the same interval are one voice, like repeats of one origin. The strongest member (greatest
 * weight, then the first source id) speaks with its own weight; the others' claims become its
 * repeats and their sources are named in `copiedBy`. A member stating another value stays a voice
 * of its own, and nothing is taken from the voice the copies join. Voices keep their order, the
 * merged voice in its strongest member's place.
 * @example mergeCopyVoices([flightview 610, gofox 610, aa 609], (s) => (s === "aa" ? undefined : "copy:flightview"))
 *   → [flightview 610 (copiedBy ["gofox"]), aa 609]
 */
export const mergeCopyVoices = (voices: readonly Voice[], copyGroupOf: (source: string) => string | undefined): Voice[] => {
  const buckets = new Map<string, Voice[]>()
  const keyOf = new Map<Voice, string>()
  for (const v of voices) {
    const group = copyGroupOf(v.source)
    if (group === undefined) continue
    const key = `${group}\u0000${v.cell}\u0000${v.lo}\u0000${v.hi}`
    keyOf.set(v, key)
    const list = buckets.get(key) ?? []
    list.push(v)
    buckets.set(key, list)
  }
  const out: Voice[] = []
  for (const v of voices) {
    const key = keyOf.get(v)
    const members = key === undefined ? undefined : buckets.get(key)!
    if (members === undefined || members.length === 1) {
      out.push(v)
      continue
    }
    const lead = strongest(members)
    if (lead !== v) continue
    const others = members.filter((m) => m !== lead).sort((a, b) => (a.source < b.source ? -1 : 1))
    out.push({
      ...lead,
      repeats: [...lead.repeats, ...others.flatMap((m) => [...m.primary, ...m.repeats])],
      copiedBy: others.map((m) => m.source),
      copyGroup: copyGroupOf(lead.source)!,
    })
  }
  return out
}

const strongest = (members: readonly Voice[]): Voice =>
  members.reduce((best, m) => (m.weight > best.weight || (m.weight === best.weight && m.source < best.source) ? m : best))
