/** Messages in order of arrival, for one reader that awaits them one at a time. */
export interface MessageQueue<T> {
  deliver(m: T): void
  received(): Promise<T>
}

/** A queue of messages from another thread: each delivered one is received once, in order, whether it came before or after it was awaited. */
export const messageQueue = <T>(): MessageQueue<T> => {
  const ready: T[] = []
  let waiting: ((m: T) => void) | null = null
  return {
    deliver: (m) => {
      if (waiting === null) return void ready.push(m)
      const w = waiting
      waiting = null
      w(m)
    },
    received: () => (ready.length > 0 ? Promise.resolve(ready.shift()!) : new Promise((resolve) => (waiting = resolve))),
  }
}
