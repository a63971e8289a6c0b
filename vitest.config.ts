import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest's default is one fork on a 2-core machine (cores − 1), which ran the suite serially;
    // most files spend their time waiting on child processes, SQLite files and PostgreSQL, so two
    // forks overlap well there.
    maxWorkers: 2,
  },
})
