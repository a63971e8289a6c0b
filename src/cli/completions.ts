import type { CommandSpec, OptionSpec } from "./command-tree.js"
import { LOG_LEVELS } from "./global-args.js"

export const SHELLS = ["bash", "zsh", "fish"] as const
export type Shell = (typeof SHELLS)[number]

/** Names the ledger knows, by the option whose values they are (`--event` → event ids). */
export type LedgerNames = Readonly<Record<string, readonly string[]>>

/** The run-wide flags every command accepts (see global-args.ts). */
const GLOBAL_FLAGS = ["--quiet", "--wide", "--no-color", "--csv-raw", "--log-level", "--help"]

/** What the shell should offer: these words, or (`files`) file names as it would by itself. */
export interface Completion {
  readonly words: readonly string[]
  readonly files: boolean
}

const none: Completion = { words: [], files: false }
const files: Completion = { words: [], files: true }

const startingWith = (prefix: string, words: readonly string[]): Completion =>
  ({ words: [...new Set(words)].filter((w) => w.startsWith(prefix)).sort(), files: false })

const valuesOf = (option: OptionSpec | undefined, name: string, names: LedgerNames): readonly string[] | "files" | null => {
  if (name === "--log-level") return LOG_LEVELS
  if (option === undefined || option.value === null) return null
  if (option.choices !== null) return option.choices
  // `--dataset` is a folder for ingest and a name for claims: the description tells which.
  if (option.value === "FILE" || option.value === "DIR" || /\b(folder|file)\b/i.test(option.description)) return "files"
  return names[name] ?? []
}

/**
 * What to offer for the last of `words` (the words typed after `reckon`, the last one being the
 * word under the cursor, possibly empty): subcommand names, the options of the command reached
 * (an option that cannot repeat is offered once), the values of a choice one by one, the event,
 * metric and source names the ledger knows, or file names.
 */
export const completeWords = (root: CommandSpec, words: readonly string[], names: LedgerNames = {}): Completion => {
  const current = words[words.length - 1] ?? ""
  const before = words.slice(0, -1)
  let node = root
  let expectValueOf: string | null = null
  const used = new Set<string>()
  for (const w of before) {
    if (expectValueOf !== null) {
      expectValueOf = null
      continue
    }
    if (w.startsWith("-")) {
      const name = w.includes("=") ? w.slice(0, w.indexOf("=")) : w
      used.add(name)
      const option = node.options.find((o) => o.name === name || o.aliases.includes(name))
      if (!w.includes("=") && ((option !== undefined && option.value !== null) || name === "--log-level")) expectValueOf = name
      continue
    }
    const sub = node.subcommands.find((c) => c.name === w)
    if (sub) node = sub
  }
  const optionNamed = (name: string) => node.options.find((o) => o.name === name || o.aliases.includes(name))
  if (expectValueOf !== null) {
    const values = valuesOf(optionNamed(expectValueOf), expectValueOf, names)
    return values === "files" ? files : values === null ? none : startingWith(current, values)
  }
  if (current.startsWith("--") && current.includes("=")) {
    const name = current.slice(0, current.indexOf("="))
    const values = valuesOf(optionNamed(name), name, names)
    if (values === null || values === "files") return none
    return startingWith(current, values.map((v) => `${name}=${v}`))
  }
  if (current.startsWith("-")) {
    const options = node.options.filter((o) => o.repeated || !used.has(o.name)).map((o) => o.name)
    return startingWith(current, [...options, ...GLOBAL_FLAGS.filter((f) => !used.has(f))])
  }
  if (node.subcommands.length > 0) return startingWith(current, node.subcommands.map((c) => c.name))
  return node.args.length > 0 ? files : none
}

/** The words `reckon __complete` prints: one per line, then `:files` when the shell should add file names. */
export const completionOutput = (c: Completion): string => `${[...c.words, ...(c.files ? [":files"] : [])].join("\n")}\n`

/**
 * The completion script of a shell. Each one asks `reckon __complete WORDS…` what to offer, so
 * choices, subcommands and the ledger's event and metric names come from the same code for every
 * shell (as gh and cobra-based tools do).
 */
export const completionScript = (shell: Shell): string => {
  switch (shell) {
    case "bash":
      return `# reckon completion for bash: source it, or put it in ~/.local/share/bash-completion/completions/reckon
_reckon_complete() {
  local IFS=$'\\n' out
  out=$(reckon __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  COMPREPLY=()
  local w
  for w in $out; do
    if [[ "$w" == ":files" ]]; then
      COMPREPLY+=( $(compgen -f -- "\${COMP_WORDS[COMP_CWORD]}") )
    else
      COMPREPLY+=( "$w" )
    fi
  done
}
complete -o filenames -F _reckon_complete reckon
`
    case "zsh":
      return `#compdef reckon
# reckon completion for zsh: put it in a folder of $fpath as _reckon, or source it
_reckon() {
  local -a out words_done
  out=("\${(@f)$(reckon __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if (( \${out[(I):files]} )); then
    out=("\${(@)out:#:files}")
    _files
  fi
  (( \${#out} )) && compadd -Q -- "\${(@)out:#}"
}
compdef _reckon reckon
`
    case "fish":
      return `# reckon completion for fish: save as ~/.config/fish/completions/reckon.fish
function __reckon_complete
  set -l words (commandline -opc) (commandline -ct)
  for w in (reckon __complete $words[2..-1] 2>/dev/null)
    if test "$w" = ":files"
      __fish_complete_path (commandline -ct)
    else
      echo $w
    end
  end
end
complete -c reckon -f -a '(__reckon_complete)'
`
  }
}
