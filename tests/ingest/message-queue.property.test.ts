import { fc, test } from "@fast-check/vitest"
import { expect } from "vitest"
import { messageQueue } from "../../src/ingest/message-queue.js"

// true: deliver the next message; false: await one, if none is awaited yet (the queue has one
// reader, which awaits one message at a time). Whatever the interleaving, each message is
// received once and in the order delivered.
test.prop([fc.array(fc.boolean(), { minLength: 1, maxLength: 60 })])("receives every message once, in order, delivered before or after it was awaited", async (ops) => {
  const queue = messageQueue<number>()
  const got: number[] = []
  let pending: Promise<void> | null = null
  let sent = 0
  for (const deliver of ops) {
    if (deliver) queue.deliver(sent++)
    else pending ??= queue.received().then((m) => {
      got.push(m)
      pending = null
    })
    await new Promise((r) => setImmediate(r))
  }
  // A reader still waiting gets the next message; one more is sent so it never waits on nothing.
  if (pending !== null) queue.deliver(sent++)
  await pending
  while (got.length < sent) got.push(await queue.received())
  expect(got).toEqual(Array.from({ length: sent }, (_, i) => i))
})
