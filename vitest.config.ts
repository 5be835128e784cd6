import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Browser and Java-based standards checks: `npm run test:standards` (see vitest.standards.config.ts).
    exclude: ["tests/standards/**", "node_modules/**"],
    testTimeout: 30_000,
    // Test files share one module graph instead of loading Curio and its dependencies again
    // for each file: no test file mocks a module or changes global state. The unit tests and
    // three others (28 files) took 59 s isolated, 29 s not. Temporary folders are removed
    // after each file by the setup file, which runs for every file either way.
    isolate: false,
    setupFiles: ["tests/helpers/setup.ts"],
    // Two files at a time even on two cores (vitest's default there is one): much of the
    // slowest files' time is spent waiting (serve's debounce and settling, child processes
    // starting). The ten slowest files took 120-158 s this way and 188-227 s one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
