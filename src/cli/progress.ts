import cliProgress from "cli-progress"

/** A byte progress bar on stderr, only when stderr is a terminal (never in logs or pipes). */
export const fileProgress = () => {
  if (!process.stderr.isTTY) return { start: (_name: string, _total: number) => {}, update: (_n: number) => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: "{file} [{bar}] {percentage}% | {value}/{total} bytes",
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic)
  let running = false
  return {
    start: (name: string, total: number) => {
      if (running) bar.stop()
      bar.start(total, 0, { file: name })
      running = true
    },
    update: (n: number) => running && bar.update(n),
    stop: () => {
      if (running) bar.stop()
      running = false
    },
  }
}
