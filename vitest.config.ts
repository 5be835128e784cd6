import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Browser and Java-based standards checks: `npm run test:standards` (see vitest.standards.config.ts).
    exclude: ["tests/standards/**", "node_modules/**"],
    testTimeout: 30_000,
  },
});
