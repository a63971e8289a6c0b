import * as fs from "node:fs"
import * as path from "node:path"

/** What a path given to ingest is, following symlinks, with a readable reason when it is none of the usable kinds. */
export type PathKind =
  | { readonly kind: "file" }
  | { readonly kind: "dir" }
  | { readonly kind: "unusable"; readonly reason: string }

/** Links followed at most when naming a loop (Linux gives up at 40 too). */
const MAX_LINKS = 40

/** The symlinks from `p` on, until one repeats: `a → b → a`. */
const linkChain = (p: string): string[] => {
  const chain = [p]
  const seen = new Set([path.resolve(p)])
  let current = p
  for (let i = 0; i < MAX_LINKS; i++) {
    let target: string
    try {
      target = path.resolve(path.dirname(current), fs.readlinkSync(current))
    } catch {
      break // not a link: the loop is further up a folder of the path
    }
    chain.push(path.relative(process.cwd(), target) || target)
    if (seen.has(target)) break
    seen.add(target)
    current = target
  }
  return chain
}

/**
 * Follows symlinks (a symlinked claim file is read like the file it points to, SPEC §8) and says
 * why a path cannot be used: missing, a broken link naming its target, a loop naming its links.
 */
export const inspectPath = (p: string): PathKind => {
  try {
    const stat = fs.statSync(p)
    if (stat.isFile()) return { kind: "file" }
    if (stat.isDirectory()) return { kind: "dir" }
    return { kind: "unusable", reason: "not a file or folder" }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === "ELOOP") return { kind: "unusable", reason: `symlink loop: ${linkChain(p).join(" → ")}` }
    if (code === "ENOENT") {
      const link = fs.lstatSync(p, { throwIfNoEntry: false })
      if (link?.isSymbolicLink()) return { kind: "unusable", reason: `broken symlink: it points to ${fs.readlinkSync(p)}, which does not exist` }
      return { kind: "unusable", reason: "no such file or folder" }
    }
    return { kind: "unusable", reason: `cannot read it (${code ?? String(e)})` }
  }
}
