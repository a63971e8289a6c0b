/**
 * A datetime as UTC ISO text (`2025-06-01T09:00:00.000Z`), or null when UTC moves it out of the
 * four-digit years: `9999-12-31T23:59:59-12:00` is `+010000-01-01T11:59:59Z`, which would sort
 * before `2025-…` as text. Such a time is rejected rather than stored out of order. A module of
 * its own so that the CLI's `--at`/`--as-of` checks do not load zod with the record schema.
 */
export const utcIso = (s: string): string | null => {
  const iso = new Date(s).toISOString()
  return /^\d{4}-/.test(iso) ? iso : null
}
