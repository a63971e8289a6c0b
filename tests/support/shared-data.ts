import * as fs from "node:fs"
import * as path from "node:path"

/**
 * The third-party data folder (../shared/data next to the project). A clone elsewhere (CI's clean
 * clone may live in /tmp) finds it through $RECKON_SHARED_DATA or the workplace's /work/shared/data.
 * Null when there is none: the tests that need it say so and are skipped.
 */
export const sharedDataDir = (): string | null => {
  const candidates = [
    process.env["RECKON_SHARED_DATA"],
    path.resolve(process.cwd(), "../shared/data"),
    "/work/shared/data",
  ].filter((c): c is string => c !== undefined && c !== "")
  return candidates.find((c) => fs.existsSync(path.join(c, "ua-losses"))) ?? null
}

/**
 * A file of the seed articles (../shared/seeds next to the project, else $RECKON_SHARED_SEEDS or
 * /work/shared/seeds). Null when there is none: the tests that need it are skipped, saying why.
 */
export const sharedSeedFile = (name: string): string | null => {
  const candidates = [
    process.env["RECKON_SHARED_SEEDS"],
    path.resolve(process.cwd(), "../shared/seeds"),
    "/work/shared/seeds",
  ].filter((c): c is string => c !== undefined && c !== "")
  const dir = candidates.find((c) => fs.existsSync(path.join(c, name)))
  return dir === undefined ? null : path.join(dir, name)
}
