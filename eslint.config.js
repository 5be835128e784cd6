// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "lib/", "test-output/", "coverage/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The theme's one script runs in the reader's browser, beside Pagefind's UI.
    files: ["templates/assets/*.js"],
    languageOptions: {
      globals: {
        document: "readonly",
        window: "readonly",
        URLSearchParams: "readonly",
        PagefindUI: "readonly",
      },
    },
  },
);
