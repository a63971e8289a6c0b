/**
 * Where a long ingest is, for a progress display (SPEC §6: every phase, with a rate): `reading`
 * is `--strict`'s check of a whole file before anything is stored, `storing` reads and stores a
 * file batch by batch, `reconciling` brings the stale components up to date at the end.
 */
export type IngestProgress =
  | {
    readonly phase: "reading" | "storing"
    readonly file: string
    /** Bytes of the file read so far, of `total` (0 when its size is not known, as for stdin). */
    readonly bytes: number
    readonly total: number
    /** Records handled so far in this phase. */
    readonly records: number
  }
  | { readonly phase: "reconciling"; readonly done: number; readonly left: number }
