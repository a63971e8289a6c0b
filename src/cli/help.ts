import type { CommandSpec, OptionSpec } from "./command-tree.js"
import { cutText } from "./output.js"

/**
 * One example per command, by command path: help ends with how the command is typically run.
 * A command without an entry here shows none (add one when adding a command).
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "": ["reckon ingest datasets/spider-web && reckon figures --event spider-web", "reckon explain --event spider-web --metric aircraft.destroyed"],
  ingest: ["reckon ingest datasets/spider-web", "gunzip -c new.csv.gz | reckon ingest - --input-format csv --dataset datasets/x"],
  add: ["reckon add --event spider-web --metric aircraft.hit --source sbu --value 41 \\", "    --quote \"hit 41 Russian aircraft\" --via isw,fakti --stated 2025-06-05"],
  figures: ["reckon figures --event spider-web --metric aircraft.destroyed", "reckon figures --status conflict --format csv > conflicted.csv"],
  conflicts: ["reckon conflicts --event spider-web"],
  explain: ["reckon explain --event spider-web --metric aircraft.hit --scope type=Tu-95"],
  claims: ["reckon claims --event spider-web --source sbu", "reckon claims --format ndjson | head -3"],
  sources: ["reckon sources", "reckon sources --copies"],
  audit: ["reckon audit", "reckon audit datasets/spider-web --format json"],
  adapt: ["reckon adapt ua-losses-oryx --data /work/shared/data --out datasets/ua-losses-vs-oryx"],
  "adapt ua-losses-oryx": ["reckon adapt ua-losses-oryx --data /work/shared/data --out datasets/ua-losses-vs-oryx"],
  migrate: ["reckon migrate --db reckon.db"],
  jobs: ["reckon jobs serve --config jobs.yaml", "reckon jobs status --limit 5"],
  "jobs serve": ["reckon jobs serve --config jobs.yaml --db /var/lib/reckon/reckon.db"],
  "jobs run": ["reckon jobs run oryx-daily --config jobs.yaml"],
  "jobs status": ["reckon jobs status --job oryx-daily"],
  learn: ["reckon learn --dataset flight"],
  eval: ["reckon eval flight --data /work/shared/data/flight"],
  extract: ["reckon extract article.txt --dataset datasets/spider-web --publisher fakti"],
  schema: ["reckon schema claim > claim.schema.json"],
  reconcile: ["reckon reconcile --dataset spider-web"],
  report: ["reckon report --out figures.html --event spider-web"],
  web: ["reckon web --port 8080"],
  parse: ["reckon parse \"2,975 (95% CI 2,658-3,290)\"", "reckon parse \"at least 5\" --format json"],
}

/** The options every command shares, told once at the end of each help instead of per command. */
const GLOBAL_LINE = "Anywhere: --db FILE, --format table|json|ndjson|csv, -q, --wide, --no-color"
/** The root help tells them all. */
const GLOBAL_LINE_ALL = "Anywhere, before or after the command: --db FILE, --format table|json|ndjson|csv, -q/--quiet, --wide, --no-color, --csv-raw, --log-level L, -h/--help"

/** Whether styling escapes may be written: a terminal, and neither NO_COLOR nor --no-color nor TERM=dumb. */
export const colorEnabled = (isTTY: boolean | undefined, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean =>
  isTTY === true && !noColorFlag && (env["NO_COLOR"] ?? "") === "" && env["TERM"] !== "dumb"

/** Choices longer than this are named in the description, not in the option's label. */
const CHOICES_INLINE = 16

const valueText = (o: OptionSpec): string => {
  if (o.value === null) return ""
  if (o.choices !== null && o.value.length > CHOICES_INLINE) return ` ${o.name.slice(2).toUpperCase()}`
  return ` ${o.value}`
}

const optionLabel = (o: OptionSpec): string =>
  `${[...o.aliases.filter((a) => a.length === 2), o.name].join(", ")}${valueText(o)}${o.repeated ? "…" : ""}`

const optionText = (o: OptionSpec): string => {
  const parts = [o.description]
  if (o.choices !== null && o.value !== null && o.value.length > CHOICES_INLINE) parts.push(`one of ${o.choices.join(", ")}`)
  if (o.defaultValue !== null) parts.push(`default ${o.defaultValue}`)
  return parts.filter((p) => p !== "").join("; ")
}

/** Words of `text` in lines of at most `width` characters (a longer word stands alone). */
export const wrapWords = (text: string, width: number): string[] => {
  const lines: string[] = []
  let line = ""
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line === "") line = word
    else if (line.length + 1 + word.length <= width) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line !== "") lines.push(line)
  return lines.length === 0 ? [""] : lines
}

/** Two columns: labels, then their text wrapped beside them. */
const definitionList = (rows: readonly (readonly [string, string])[], width: number): string[] => {
  const labelWidth = Math.min(24, Math.max(...rows.map(([l]) => l.length)))
  const textWidth = Math.max(20, width - labelWidth - 4)
  const out: string[] = []
  for (const [label, text] of rows) {
    const wrapped = wrapWords(text, textWidth)
    if (label.length > labelWidth) {
      out.push(`  ${label}`)
      for (const l of wrapped) out.push(`  ${" ".repeat(labelWidth)}  ${l}`)
    } else {
      wrapped.forEach((l, i) => out.push(`  ${(i === 0 ? label : "").padEnd(labelWidth)}  ${l}`.trimEnd()))
    }
  }
  return out
}

const usageLine = (path: readonly CommandSpec[]): string => {
  const cmd = path[path.length - 1]!
  const words = path.map((c) => c.name).join(" ")
  if (cmd.subcommands.length > 0) return `${words} COMMAND [options]`
  const args = cmd.args.map((a) => {
    const name = `${a.name}${a.repeated ? "…" : ""}`
    return a.optional ? `[${name}]` : name
  })
  const required = cmd.options.filter((o) => o.required).map((o) => `${o.name}${valueText(o)}`)
  return [words, ...required, ...(cmd.options.some((o) => !o.required) ? ["[options]"] : []), ...args].join(" ")
}

/**
 * The help of one command (`path`: reckon, then the subcommands down to it), short enough for one
 * screen: what it does, usage, options one line each (wrapped to `width`), the shared options in
 * one line, an example. Headings are bold only when `color` is set.
 */
export const renderHelp = (path: readonly CommandSpec[], width: number, color: boolean): string => {
  const cmd = path[path.length - 1]!
  const key = path.slice(1).map((c) => c.name).join(" ")
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s)
  const lines: string[] = []
  lines.push(...wrapWords(`${path.map((c) => c.name).join(" ")} — ${withoutExample(cmd.description)}`, width))
  const [first, ...rest] = wrapWords(`Usage: ${usageLine(path)}`, width)
  lines.push(bold("Usage:") + first!.slice("Usage:".length), ...rest.map((l) => `  ${l}`))
  if (cmd.subcommands.length > 0) {
    // one line per command, cut to the width: the list of every command stays one screen
    const nameWidth = Math.max(...cmd.subcommands.map((c) => c.name.length))
    lines.push("", bold("Commands:"))
    for (const c of cmd.subcommands) lines.push(cutText(`  ${c.name.padEnd(nameWidth)}  ${firstClause(c.description)}`, width))
  }
  const shared = new Set(["--db", "--format"])
  const own = cmd.options.filter((o) => !(shared.has(o.name) && o.description.startsWith(SHARED_PREFIX[o.name] ?? "\u0000")))
  const rows: [string, string][] = [
    ...cmd.args.map((a): [string, string] => [`${a.name}${a.repeated ? "…" : ""}`, a.description]),
    ...own.map((o): [string, string] => [optionLabel(o), optionText(o)]),
  ]
  if (rows.length > 0) lines.push("", bold("Options:"), ...definitionList(rows, width))
  lines.push(...wrapWords(path.length === 1 ? GLOBAL_LINE_ALL : GLOBAL_LINE, width))
  const examples = EXAMPLES[key] ?? []
  if (examples.length > 0) lines.push("", bold(examples.length === 1 ? "Example:" : "Examples:"), ...examples.map((e) => `  ${e}`))
  return `${lines.join("\n")}\n`
}

/**
 * The shared options are told in the global line, not one row per command: `--db` always, and
 * `--format` when it is the usual one (table by default). A command whose `--format` means
 * something else (another default) keeps its own row.
 */
const SHARED_PREFIX: Readonly<Record<string, string>> = {
  "--db": "the ledger file",
  "--format": "how records are printed",
}

/** A description without the example some commands end it with: help shows examples apart. */
const withoutExample = (text: string): string => text.replace(/[\s;,.(]*\b(?:e\.g\.|[Ee]xample:)\s+reckon .*$/, "")

/** The first clause of a description (up to a colon or parenthesis), for lists of commands. */
const firstClause = (text: string): string => {
  const cut = text.search(/[:(]/)
  return (cut > 20 ? text.slice(0, cut) : text).trim()
}
