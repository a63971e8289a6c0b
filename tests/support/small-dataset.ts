/** A small catalog in the shape of SPEC §2.1, used by the ingestion and CLI tests. */
export const SMALL_CATALOG = `
name: small
title: A small test dataset
events:
  - id: strike
    title: A strike
    date: 2025-06-01
sources:
  - { id: sbu, name: Security Service of Ukraine, aliases: [SBU], kind: intelligence, side: ua }
  - { id: nato-official, name: A senior NATO official, kind: official }
  - { id: avivector, kind: osint }
  - { id: isw, kind: analyst }
  - { id: suspilne, kind: media }
metrics:
  - id: aircraft.hit
    parts: [aircraft.damaged, aircraft.destroyed]
    exhaustive: true
  - id: aircraft.damaged
  - id: aircraft.destroyed
  - id: missiles.launched
dimensions:
  - id: location
    values: [{ id: belaya }, { id: olenya }]
  - id: type
    values:
      - { id: bomber }
      - { id: Tu-95, parent: bomber }
      - { id: Tu-95MS, parent: Tu-95 }
`

export const line = (record: Record<string, unknown>): string => JSON.stringify(record)

export const GOOD_CLAIMS = [
  line({ id: "sbu-hit-41", event: "strike", metric: "aircraft.hit", source: "SBU", value: "41 aircraft", via: ["isw"], quote: "hit 41 Russian aircraft" }),
  line({ id: "nato-damaged-40", event: "strike", metric: "aircraft.damaged", source: "nato-official", value: 40, via: ["suspilne", "isw"], quote: "damaged 40" }),
  line({ id: "nato-destroyed-13", event: "strike", metric: "aircraft.destroyed", source: "nato-official", value: "up to 13", via: ["suspilne", "isw"], quote: "up to 13 others" }),
  line({ id: "avi-tu95ms-olenya", event: "strike", metric: "aircraft.destroyed", source: "avivector", scope: { location: "olenya", type: "Tu-95MS" }, value: "four", quote: "four Tu-95MS" }),
]
