import type { ColumnDataType, ColumnDefinitionBuilder } from "kysely"

/**
 * The column types of each dialect, in one place: the migrations in migrations/ name a column's
 * kind (`t.text`, `t.real`, …) and each ledger implementation says what that is in its database.
 * SQLite keeps its affinities (what the ledger files made so far hold); PostgreSQL gets a 64-bit
 * float for `real` (its own `real` is 32-bit) and identity columns for serial keys.
 */
export interface ColumnTypes {
  readonly text: ColumnDataType
  /** Counts, flags, line numbers. */
  readonly integer: ColumnDataType
  /** Byte offsets and other numbers that may pass 2^31. */
  readonly bigint: ColumnDataType
  /** Interval bounds, weights: a double. */
  readonly real: ColumnDataType
  /** The type of a primary key the database numbers itself… */
  readonly serial: ColumnDataType
  /** …and what makes it so. */
  readonly serialKey: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder
}

export const SQLITE_COLUMN_TYPES: ColumnTypes = {
  text: "text",
  integer: "integer",
  bigint: "integer",
  real: "real",
  serial: "integer",
  serialKey: (c) => c.primaryKey().autoIncrement(),
}

export const POSTGRES_COLUMN_TYPES: ColumnTypes = {
  text: "text",
  integer: "integer",
  bigint: "bigint",
  real: "double precision",
  serial: "bigint",
  serialKey: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
}
