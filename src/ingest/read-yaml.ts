import { parse as parseYaml, YAMLParseError } from "yaml"

/**
 * Parses a YAML 1.2 text (so plain JSON too) into a value, or one readable problem with its line.
 * An empty document is a problem: `what` names the file's role in the message.
 * @example readYaml("a: [", "catalog") // { ok: false, problem: "line 1: …" }
 */
export const readYaml = (text: string, what: string): { ok: true; value: unknown } | { ok: false; problem: string } => {
  let value: unknown
  try {
    value = parseYaml(text, { version: "1.2" })
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0]?.line
      return { ok: false, problem: `${line ? `line ${line}: ` : ""}${e.message.split("\n")[0]}` }
    }
    return { ok: false, problem: String(e) }
  }
  if (value === null || value === undefined) return { ok: false, problem: `the ${what} is empty` }
  return { ok: true, value }
}
