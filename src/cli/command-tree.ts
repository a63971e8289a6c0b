import * as HelpDoc from "@effect/cli/HelpDoc"

/** One option of a command, as help and completions read it. */
export interface OptionSpec {
  /** `--format` */
  readonly name: string
  readonly aliases: readonly string[]
  /** What the value is (`TEXT`, `N`, `FILE`), or null for a flag. */
  readonly value: string | null
  /** The values a choice accepts, one by one. */
  readonly choices: readonly string[] | null
  readonly description: string
  readonly repeated: boolean
  readonly required: boolean
  /** The default shown in help, when there is one worth showing. */
  readonly defaultValue: string | null
}

/** One positional argument. */
export interface ArgSpec {
  readonly name: string
  readonly description: string
  readonly repeated: boolean
  readonly optional: boolean
}

/** A command with its options, arguments and subcommands: the data help and completions are made from. */
export interface CommandSpec {
  readonly name: string
  readonly description: string
  readonly options: readonly OptionSpec[]
  readonly args: readonly ArgSpec[]
  readonly subcommands: readonly CommandSpec[]
}

// @effect/cli keeps a command's shape in tagged instruction trees without a public way to walk
// them; the few fields read here are stable across 0.7x. `command-tree.test.ts` fails when they move.
type Node = { readonly _tag: string } & Record<string, unknown>

const ANSI = /\x1b\[[0-9;]*m/g

/** The plain text of a HelpDoc description (one line, without styling). */
const docText = (doc: unknown): string =>
  HelpDoc.toAnsiText(doc as HelpDoc.HelpDoc).replace(ANSI, "").replace(/\s+/g, " ").trim()

/**
 * `spec` with its `description` rendered from `doc` when first read. Help and completions read it;
 * parsing a command line, which every command does, does not, and rendering all of them was a
 * tenth of a short command's start-up.
 */
const describedBy = <T extends object>(spec: T, doc: unknown): T & { readonly description: string } => {
  let text: string | undefined
  return Object.defineProperty(spec, "description", { get: () => (text ??= docText(doc)), enumerable: true }) as T & { readonly description: string }
}

const PLACEHOLDER: Readonly<Record<string, string>> = { Integer: "N", Float: "X", Path: "FILE", DateTime: "TIME", Text: "TEXT" }

interface Mods {
  readonly repeated: boolean
  readonly optional: boolean
  readonly defaultValue: unknown
}

const NO_MODS: Mods = { repeated: false, optional: false, defaultValue: undefined }

const isNone = (v: unknown): boolean => typeof v === "object" && v !== null && (v as { _tag?: string })._tag === "None"

const optionsOf = (node: Node, mods: Mods = NO_MODS): OptionSpec[] => {
  switch (node._tag) {
    case "Single": {
      const primitive = node["primitiveType"] as Node
      const choices = primitive._tag === "Choice" ? (primitive["alternatives"] as [string, unknown][]).map(([name]) => name) : null
      const flag = primitive._tag === "Bool"
      const pseudo = node["pseudoName"] as { _tag: string; value?: string }
      const shown = mods.defaultValue === undefined || isNone(mods.defaultValue) || flag ? null : String(mods.defaultValue)
      return [describedBy({
        name: `--${String(node["name"])}`,
        aliases: (node["aliases"] as string[]).map((a) => (a.length === 1 ? `-${a}` : `--${a}`)),
        value: flag ? null : pseudo._tag === "Some" ? String(pseudo.value) : choices !== null ? choices.join("|")
          : primitive._tag === "Path" && primitive["pathType"] === "directory" ? "DIR" : PLACEHOLDER[primitive._tag] ?? "VALUE",
        choices,
        repeated: mods.repeated,
        required: !mods.optional && !mods.repeated && !flag && mods.defaultValue === undefined,
        defaultValue: shown,
      }, node["description"])]
    }
    case "Both":
    case "OrElse":
      return [...optionsOf(node["left"] as Node, mods), ...optionsOf(node["right"] as Node, mods)]
    case "Map":
    case "WithFallback":
      return optionsOf(node["options"] as Node, mods)
    case "WithDefault":
      return optionsOf(node["options"] as Node, { ...mods, optional: true, defaultValue: node["fallback"] })
    case "Variadic":
    case "KeyValueMap":
      return optionsOf(node["argumentOption"] as Node, { ...mods, repeated: true })
    default:
      return []
  }
}

const argsOf = (node: Node, mods: Mods = NO_MODS): ArgSpec[] => {
  switch (node._tag) {
    case "Single":
      // @effect/cli keeps an argument's name as `<NAME>`
      return [describedBy({ name: String(node["name"]).replace(/^<(.*)>$/, "$1"), repeated: mods.repeated, optional: mods.optional }, node["description"])]
    case "Both":
      return [...argsOf(node["left"] as Node, mods), ...argsOf(node["right"] as Node, mods)]
    case "Map":
    case "WithFallbackConfig":
      return argsOf(node["args"] as Node, mods)
    case "WithDefault":
      return argsOf(node["args"] as Node, { ...mods, optional: true })
    case "Variadic": {
      const min = node["min"] as { _tag: string; value?: number }
      return argsOf(node["args"] as Node, { ...mods, repeated: true, optional: mods.optional || min._tag === "None" || min.value === 0 })
    }
    default:
      return []
  }
}

const specOf = (node: Node, subcommands: readonly CommandSpec[] = []): CommandSpec => {
  switch (node._tag) {
    case "Standard":
      return describedBy({
        name: String(node["name"]), options: optionsOf(node["options"] as Node), args: argsOf(node["args"] as Node), subcommands,
      }, node["description"])
    case "GetUserInput":
      return describedBy({ name: String(node["name"]), options: [], args: [], subcommands }, node["description"])
    case "Map":
      return specOf(node["command"] as Node, subcommands)
    case "Subcommands":
      return specOf(node["parent"] as Node, (node["children"] as Node[]).map((c) => specOf(c)))
    default:
      throw new Error(`unknown command node ${node._tag}`)
  }
}

/** The shape of a command (and its subcommands) as plain data. */
export const commandTree = (command: { readonly descriptor: unknown }): CommandSpec =>
  specOf(command.descriptor as unknown as Node)

/** The commands named by the leading words of `words` (`["jobs", "run", "x"]` → reckon, jobs, run), and how many words they took. */
export const commandPath = (root: CommandSpec, words: readonly string[]): { readonly path: readonly CommandSpec[]; readonly used: number } => {
  const path = [root]
  let used = 0
  for (const w of words) {
    const next = path[path.length - 1]!.subcommands.find((c) => c.name === w)
    if (!next) break
    path.push(next)
    used++
  }
  return { path, used }
}
