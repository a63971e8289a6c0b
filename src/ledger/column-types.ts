import { type ColumnDataType, type ColumnDefinitionBuilder, type Expression, sql } from "kysely"

/** A column type as kysely takes it: a name, or an expression (a type with a collation). */
type DataTypeExpression = ColumnDataType | Expression<unknown>

/**
 * The column types of each dialect, in one place: the migrations in migrations/ name a column's
 * kind (`t.text`, `t.real`, …) and each ledger implementation says what that is in its database.
 * SQLite keeps its affinities (what the ledger files made so far hold); PostgreSQL gets a 64-bit
 * float for `real` (its own `real` is 32-bit), identity columns for serial keys, and text in the
 * "C" collation: text sorts by code point as in SQLite, whatever the database's locale, so that
 * every ordered output is the same on both.
 */
export interface ColumnTypes {
  /** For the rare migration whose DDL cannot be portable (SQLite cannot drop a column's UNIQUE in place). */
  readonly dialect: "sqlite" | "postgres"
  readonly text: DataTypeExpression
  /** Counts, flags, line numbers. */
  readonly integer: DataTypeExpression
  /** Byte offsets and other numbers that may pass 2^31. */
  readonly bigint: DataTypeExpression
  /** Interval bounds, weights: a double. */
  readonly real: DataTypeExpression
  /** The type of a primary key the database numbers itself… */
  readonly serial: DataTypeExpression
  /** …and what makes it so. */
  readonly serialKey: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder
}

export const SQLITE_COLUMN_TYPES: ColumnTypes = {
  dialect: "sqlite",
  text: "text",
  integer: "integer",
  bigint: "integer",
  real: "real",
  serial: "integer",
  serialKey: (c) => c.primaryKey().autoIncrement(),
}

export const POSTGRES_COLUMN_TYPES: ColumnTypes = {
  dialect: "postgres",
  text: sql`text collate "C"`,
  integer: "integer",
  bigint: "bigint",
  real: "double precision",
  serial: "bigint",
  serialKey: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
}
