import { defineConfig } from "vitest/config";

/**
 * Standards checks that need outside tools: Chromium (browser walk, axe-core, screenshots) and
 * Java (the W3C Nu HTML Checker, the Atom RELAX NG schema). `.ci/run` installs both.
 * Run with `npm run test:standards`.
 */
export default defineConfig({
  test: {
    include: ["tests/standards/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    setupFiles: ["tests/helpers/setup.ts"],
  },
});
