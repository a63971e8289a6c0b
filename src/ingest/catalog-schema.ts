import { z } from "zod"

/** C0/C1 controls and DEL: an id or name with them could not be printed or typed back (SPEC §8). */
export const CONTROL_CHARACTERS = /[\x00-\x1f\x7f-\x9f]/
const id = z.string().trim().min(1, "must not be empty")
  .refine((s) => !CONTROL_CHARACTERS.test(s), "must not contain control characters (NUL, ESC, newlines, …)")
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}/, "must be an ISO date (YYYY-MM-DD)")

const vagueRange = z.strictObject({ lo: z.number().nonnegative(), hi: z.number().nonnegative() })

/** The dataset.yaml catalog as written by a maintainer (SPEC §2.1); defaults are filled in. */
export const catalogSchema = z.strictObject({
  name: id,
  title: z.string().optional(),
  description: z.string().optional(),
  /** Any event id in a claim is accepted without an entry here (SPEC §2.1). */
  open_events: z.boolean().default(false),
  events: z.array(z.strictObject({
    id,
    title: z.string().optional(),
    date: z.union([isoDay, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
    note: z.string().optional(),
  })).default([]),
  sources: z.array(z.strictObject({
    id,
    name: z.string().optional(),
    aliases: z.array(id).default([]),
    kind: z.enum(["official", "military", "intelligence", "imagery", "osint", "media", "analyst", "academic", "ngo", "website", "unknown"])
      .default("unknown"),
    side: z.string().optional(),
    weight: z.number().positive("must be > 0").finite().default(1),
    url: z.string().optional(),
    note: z.string().optional(),
  })).default([]),
  metrics: z.array(z.strictObject({
    id,
    title: z.string().optional(),
    unit: z.string().optional(),
    kind: z.enum(["count", "real"]).default("count"),
    parts: z.array(id).default([]),
    exhaustive: z.boolean().default(false),
    cumulative: z.boolean().default(false),
    approx: z.number().nonnegative().optional(),
    vague: z.record(z.string(), vagueRange).optional(),
    words: z.array(id).optional(),
    note: z.string().optional(),
  })).default([]),
  dimensions: z.array(z.strictObject({
    id,
    title: z.string().optional(),
    exhaustive: z.boolean().default(false),
    values: z.array(z.strictObject({
      id: z.union([id, z.number().transform(String)]),
      parent: z.union([id, z.number().transform(String)]).optional(),
      title: z.string().optional(),
      aliases: z.array(id).optional(),
    })).default([]),
  })).default([]),
})

export type CatalogInput = z.input<typeof catalogSchema>
