import { describe, expect, it } from "vitest"
import { extract, HARBOR } from "./extract-support.js"

const pick = (r: Awaited<ReturnType<typeof extract>>) =>
  r.candidates.map((c) => ({ metric: c.metric, scope: c.scope, value: c.value, source: c.source, via: c.via ?? [], certainty: c.certainty }))

describe("extractClaims: the patterns of SPEC §10 on sentences of another field", () => {
  it("one sentence, two claims, each with its own type and the place they share", async () => {
    const r = await extract("The Navy said drones sank two frigates and one Ropucha-class landing ship at Sevastopol harbor.", HARBOR)
    expect(pick(r)).toEqual([
      { metric: "ships.sunk", scope: { port: "sevastopol", class: "frigate" }, value: "two", source: "navy", via: [], certainty: "asserted" },
      { metric: "ships.sunk", scope: { port: "sevastopol", class: "Ropucha" }, value: "one", source: "navy", via: [], certainty: "asserted" },
    ])
  })

  it("'40 damaged and up to 13 others sunk': two claims on two metrics", async () => {
    const r = await extract("According to Reuters, 40 vessels were damaged and up to 13 others sunk.", HARBOR)
    expect(pick(r)).toEqual([
      { metric: "ships.damaged", scope: {}, value: "40", source: "reuters", via: [], certainty: "asserted" },
      { metric: "ships.sunk", scope: {}, value: "up to 13", source: "reuters", via: [], certainty: "asserted" },
    ])
  })

  it("'X told the outlet Y' makes Y the first via; the publisher comes last", async () => {
    const r = await extract("Navy spokesman Dmytro Pletenchuk told the Kyiv Independent that drones struck at least three warships.", HARBOR, { publisher: "reuters" })
    expect(pick(r)).toEqual([{ metric: "ships.hit", scope: { class: "warship" }, value: "at least three", source: "navy", via: ["kyiv-independent", "reuters"], certainty: "asserted" }])
  })

  it("'Y quoted X as saying' and 'Y, citing X,': the quoted one is the origin", async () => {
    const quoted = await extract("Reuters quoted the Navy as saying that 12 sailors were killed.", HARBOR)
    expect(pick(quoted)).toMatchObject([{ metric: "people.killed", value: "12", source: "navy", via: ["reuters"] }])
    const citing = await extract("The Kyiv Independent, citing the Russian MoD, said 4 ships were damaged.", HARBOR)
    expect(pick(citing)).toMatchObject([{ metric: "ships.damaged", value: "4", source: "mod-ru", via: ["kyiv-independent"] }])
  })

  it("'X estimated' makes the claim estimated; the phrase's own words set certainty too", async () => {
    const r = await extract("Planet estimated that the strike had damaged about 20 ships and possibly sank 2 others.", HARBOR)
    expect(pick(r)).toEqual([
      { metric: "ships.damaged", scope: {}, value: "about 20", source: "planet", via: [], certainty: "estimated" },
      { metric: "ships.sunk", scope: {}, value: "possibly sank 2", source: "planet", via: [], certainty: "possible" },
    ])
  })

  it("'…, X said' after the number, and the number's metric word after it", async () => {
    const r = await extract("More than 30 sailors were killed, the Navy said.", HARBOR)
    expect(pick(r)).toEqual([{ metric: "people.killed", scope: {}, value: "More than 30", source: "navy", via: [], certainty: "asserted" }])
  })

  it("a quantifier carries over a plain list of numbers, with a note and less confidence", async () => {
    const r = await extract("Satellite images from Planet show at least four frigates and two landing ships sunk.", HARBOR)
    // Metric word after the list: "sunk" is the predicate of the last noun phrase only.
    const damagedList = await extract("Planet said the raid sank at least four frigates and two landing ships.", HARBOR)
    expect(pick(damagedList)).toEqual([
      { metric: "ships.sunk", scope: { class: "frigate" }, value: "at least four", source: "planet", via: [], certainty: "asserted" },
      { metric: "ships.sunk", scope: { class: "landing-ship" }, value: "at least two", source: "planet", via: [], certainty: "asserted" },
    ])
    expect(damagedList.candidates[1]!.note).toMatch(/carried over/)
    expect(damagedList.candidates[1]!.confidence).toBeLessThan(damagedList.candidates[0]!.confidence)
    expect(r.candidates.map((c) => c.value)).toContain("two")
  })

  it("a number with no metric word, or no source, is listed as skipped with the reason; nothing is invented", async () => {
    const r = await extract("The Navy said more than 3,000 people live near the harbor. Drones sank 5 frigates.", HARBOR)
    expect(r.candidates).toEqual([])
    expect(r.skipped.map((s) => [s.text, s.reason])).toEqual([
      ["more than 3,000", 'no metric word near "3,000"'],
      ["5", expect.stringMatching(/^no source named for "5"/)],
    ])
  })

  it("dates, times and money are not counts", async () => {
    const r = await extract("The Navy said on March 24 at 04:30 that a $5 million ship was hit.", HARBOR)
    expect(r.candidates).toEqual([])
    expect(r.skipped.map((s) => s.text)).toEqual(expect.arrayContaining(["24"]))
    expect(r.skipped.find((s) => s.text === "24")!.reason).toMatch(/date/)
  })

  it("two places that do not nest leave the place out, and say so", async () => {
    const r = await extract("The Navy said drones struck 6 frigates at Sevastopol and Novorossiysk.", HARBOR)
    expect(pick(r)).toMatchObject([{ metric: "ships.hit", scope: { class: "frigate" }, value: "6" }])
    expect(r.candidates[0]!.note).toMatch(/port left out: the sentence names sevastopol and novorossiysk/)
  })

  it("an acronym alias matches only in capitals: the pronoun 'who' is no source", async () => {
    const r = await extract("Sailors who were killed numbered 7. WHO said 9 sailors were killed.", HARBOR)
    expect(pick(r)).toEqual([{ metric: "people.killed", scope: {}, value: "9", source: "who-analysts", via: [], certainty: "asserted" }])
  })

  it("the event is told from the event titles when the text is about several", async () => {
    const r = await extract(
      "The Navy said drones hit 3 frigates in the raid on Sevastopol harbor. The Russian MoD said the fire at the Novorossiysk fuel depot burned 5 tanks.",
      HARBOR,
    )
    expect(r.candidates.map((c) => [c.event, c.metric, c.value])).toEqual([
      ["harbor-raid", "ships.hit", "3"], ["depot-fire", "tanks.burned", "5"],
    ])
  })

  it("'This is reported by X' passes every claim of the text through X", async () => {
    const r = await extract("The Navy said drones sank 2 frigates. This is reported by Reuters.", HARBOR, { publisher: "kyiv-independent" })
    expect(r.candidates.map((c) => c.via)).toEqual([["reuters", "kyiv-independent"]])
  })

  it("the quote is the sentence, verbatim, at its span; url, stated and publisher go into the record", async () => {
    const text = "Intro line.\n\n  The Navy said  drones sank\n2 frigates.  Next."
    const r = await extract(text, HARBOR, { url: "https://example.org/a", stated: "2024-03-25", publisher: "reuters" })
    const c = r.candidates[0]!
    expect(c.quote).toBe("The Navy said  drones sank\n2 frigates.")
    expect(text.slice(c.span[0], c.span[1])).toBe(c.quote)
    expect(c).toMatchObject({ url: "https://example.org/a", stated: "2024-03-25", document: { publisher: "Reuters", published: "2024-03-25" } })
  })
})
