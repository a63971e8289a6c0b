import * as crypto from "node:crypto"
import * as os from "node:os"

/** A process's name in leases and runs: host, pid and a random tag (pids are reused). */
export const makeHolderId = (): string => `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`

/** Whether a process of this host with this pid is running (signal 0 checks without sending one). */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists, owned by someone else
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}
