import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach } from "vitest"

const made: string[] = []

/** A fresh real folder under the OS temp dir, removed after the test. */
export const tempDir = (prefix = "reckon-test-"): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** Writes files (name → content) into `dir`, creating subfolders; returns `dir`. */
export const writeFiles = (dir: string, files: Record<string, string | Buffer>): string => {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, content)
  }
  return dir
}
