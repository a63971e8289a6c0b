import { loadPgDriver } from "./pg-driver.js"
import { parsePgLocation } from "./pg-location.js"

/**
 * Removes the PostgreSQL ledger at `url`: its schema, with every table and view in it (the tests
 * make a fresh schema per run and drop it after). The database and other schemas are left alone.
 */
export const dropPostgresLedger = async (url: string): Promise<void> => {
  const location = parsePgLocation(url)
  if ("problem" in location) throw new Error(`${url}: ${location.problem}`)
  const { pg } = await loadPgDriver()
  const client = new pg.Client({ connectionString: location.connectionString })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${location.schema}" CASCADE`)
  } finally {
    await client.end()
  }
}
