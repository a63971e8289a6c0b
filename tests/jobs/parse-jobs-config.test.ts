import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { parseDuration } from "../../src/jobs/parse-duration.js"
import { parseJobsConfig } from "../../src/jobs/parse-jobs-config.js"

const parse = (yaml: string) => parseJobsConfig(yaml, "/cfg/jobs.yaml", "/cfg")

describe("parseDuration", () => {
  it("reads the units of the config", () => {
    expect(parseDuration("500ms")).toBe(500)
    expect(parseDuration("30s")).toBe(30_000)
    expect(parseDuration("15m")).toBe(900_000)
    expect(parseDuration("2h")).toBe(7_200_000)
    expect(parseDuration("1h30m")).toBe(5_400_000)
    expect(parseDuration("1d")).toBe(86_400_000)
  })
  it("refuses what is not a duration", () => {
    for (const bad of ["", "15", "m", "15x", "-1s", "1 s", "two minutes"]) expect(parseDuration(bad)).toBeNull()
  })
})

describe("parseJobsConfig", () => {
  it("reads the SPEC §7 example, resolving paths against the config's folder", () => {
    const r = parse(`
jobs:
  - name: oryx-daily
    schedule: "0 6 * * *"
    from: { dir: ./inbox/oryx }
    dataset: datasets/ua-losses-vs-oryx
    retry: { times: 5, backoff: 2s }
  - name: feed
    schedule: every 15m
    from: { file: feed.ndjson }
    timeout: 10m
  - name: web
    schedule: every 30s
    from: { url: "http://127.0.0.1:8080/claims.ndjson" }
lease: 20s
`)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const [oryx, feed, web] = r.config.jobs
    expect(oryx).toMatchObject({
      name: "oryx-daily", schedule: { kind: "cron", expression: "0 6 * * *" },
      source: { kind: "dir", path: path.join("/cfg", "inbox/oryx") }, dataset: path.join("/cfg", "datasets/ua-losses-vs-oryx"),
      retry: { times: 5, backoffMs: 2000 }, timeoutMs: null,
    })
    expect(feed).toMatchObject({ schedule: { kind: "every", millis: 900_000 }, source: { kind: "file", path: "/cfg/feed.ndjson" }, timeoutMs: 600_000, dataset: null })
    expect(web).toMatchObject({ schedule: { kind: "every", millis: 30_000 }, source: { kind: "url", url: "http://127.0.0.1:8080/claims.ndjson" } })
    expect(r.config.leaseMs).toBe(20_000)
  })

  it("names the job and the field of every problem, one line each", () => {
    const r = parse(`
jobs:
  - name: feed
    schedule: every 15x
    from: { file: ./feed.csv }
    retry: { times: -1, backoff: soon }
  - name: web
    schedule: "61 * * * *"
    from: { url: "ftp://example.org/x.ndjson" }
    timeout: forever
  - name: both
    schedule: every 1m
    from: { dir: ./a, url: "http://x/y.ndjson" }
  - schedule: every 1m
    from: { dir: ./a }
  - name: feed
    schedule: every 1m
    from: { dir: ./b }
    colour: blue
`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const text = r.problems.join("\n")
    expect(text).toContain('job "feed": field "schedule": "every 15x": expected "every <duration>"')
    expect(text).toContain('job "feed": field "from.file": an append-only file must be NDJSON')
    expect(text).toContain('job "feed": field "retry.times": must be >= 0')
    expect(text).toContain('job "feed": field "retry.backoff": must be a duration')
    expect(text).toContain('job "web": field "schedule": "61 * * * *": not a valid cron expression')
    expect(text).toContain('job "web": field "from.url": "ftp://example.org/x.ndjson" is not an http(s) URL')
    expect(text).toContain('job "web": field "timeout": must be a duration')
    expect(text).toContain('job "both": field "from": must give only one of dir, file or url (got dir, url)')
    expect(text).toContain('job #4: missing required field "name"')
    expect(text).toContain('job "feed": unknown field "colour"')
    for (const p of r.problems) expect(p).not.toContain("\n")
  })

  it("refuses duplicate names, an empty file and YAML that does not parse", () => {
    const dup = parse("jobs:\n  - { name: a, schedule: every 1m, from: { dir: x } }\n  - { name: a, schedule: every 2m, from: { dir: y } }\n")
    expect(dup).toEqual({ ok: false, problems: ['job "a": field "name": another job has the same name'] })
    expect(parse("")).toEqual({ ok: false, problems: ["the jobs config is empty"] })
    expect(parse("jobs: []")).toMatchObject({ ok: false, problems: ['field "jobs": must list at least one job'] })
    const broken = parse("jobs:\n  - name: [unclosed\n")
    expect(broken.ok).toBe(false)
    if (!broken.ok) expect(broken.problems[0]).toMatch(/^line \d+: /)
  })
})
