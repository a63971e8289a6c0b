/**
 * The WHERE clause of the query filters: `column = ?` for every filter that is set, joined by AND,
 * with its parameters in order. Unset filters (undefined) select everything.
 * @example whereEqual({ event: "spider-web", metric: undefined }) // { sql: "WHERE event = ?", params: ["spider-web"] }
 */
export const whereEqual = (filters: Readonly<Record<string, string | undefined>>): { sql: string; params: string[] } => {
  const set = Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined)
  return {
    sql: set.length === 0 ? "" : `WHERE ${set.map(([column]) => `${column} = ?`).join(" AND ")}`,
    params: set.map(([, value]) => value),
  }
}
