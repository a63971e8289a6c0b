import * as Effect from "effect/Effect"

/**
 * A command's handler loaded when the command runs, not when the CLI starts. Parsing, help and
 * completions need only the options and descriptions of `*-command.ts`; the work lives in a
 * `*-run.ts` module, so that what it imports (the ledger, zod, yaml, luxon, …) is evaluated by
 * the commands that use it alone: `reckon figures` never loads the ingest's parsers (the bundle
 * turns each `import()` into a module initialized on first use).
 */
export const lazyHandler = <A, E, R>(load: () => Promise<(options: A) => Effect.Effect<void, E, R>>) =>
  (options: A): Effect.Effect<void, E, R> => Effect.flatMap(Effect.promise(load), (run) => run(options))
