import { loadTokenizer } from "../../src/extract/tokenize-text.js"
import { extractClaims, type ExtractOptions } from "../../src/extract/extract-claims.js"
import type { Extraction } from "../../src/extract/candidate.js"
import type { Catalog } from "../../src/domain/catalog.js"
import { parseCatalog } from "../../src/ingest/parse-catalog.js"
import type { TokenizedText } from "../../src/extract/tokenized-text.js"

let tokenizer: ((text: string) => TokenizedText) | null = null

/** The real wink-nlp tokenizer, loaded once per test file. */
export const tokenize = async (text: string): Promise<TokenizedText> => {
  tokenizer ??= await loadTokenizer()
  return tokenizer(text)
}

export const catalogOf = (yaml: string): Catalog => {
  const r = parseCatalog(yaml)
  if (!r.ok) throw new Error(r.problems.join("; "))
  return r.catalog
}

export const extract = async (text: string, catalog: Catalog, options: ExtractOptions = {}): Promise<Extraction> =>
  extractClaims(await tokenize(text), catalog, options)

/**
 * A catalog of an invented naval strike, with none of the seed's words: what the unit tests read
 * sentences against.
 */
export const HARBOR = catalogOf(`
name: harbor
events:
  - { id: harbor-raid, title: Drone raid on the naval harbor of Sevastopol, date: 2024-03-24 }
  - { id: depot-fire, title: Fire at the fuel depot of Novorossiysk, date: 2024-03-20 }
sources:
  - { id: navy, name: Ukrainian Navy, aliases: [Navy, Dmytro Pletenchuk] }
  - { id: mod-ru, name: Russian Ministry of Defence, aliases: [Russian MoD] }
  - { id: reuters, name: Reuters, kind: media }
  - { id: kyiv-independent, name: The Kyiv Independent, aliases: [Kyiv Independent], kind: media }
  - { id: who-analysts, name: World Harbor Observers, aliases: [WHO] }
  - { id: planet, name: Planet Labs, aliases: [Planet] }
metrics:
  - { id: ships.hit, words: [hit, struck], parts: [ships.sunk, ships.damaged] }
  - { id: ships.sunk, words: [sunk, sank] }
  - { id: ships.damaged, words: [damaged] }
  - { id: people.killed, unit: people, words: [killed] }
  - { id: tanks.burned, words: [burned] }
dimensions:
  - id: port
    values:
      - { id: sevastopol, aliases: [Sevastopol harbor] }
      - { id: novorossiysk }
  - id: class
    values:
      - { id: warship }
      - { id: frigate, parent: warship }
      - { id: landing-ship, parent: warship, aliases: [landing ship] }
      - { id: Ropucha, parent: landing-ship, title: Ropucha-class landing ship }
`)
