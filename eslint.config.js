// ESLint flat config (decision 0016). `npm run lint` runs it; `npm test` runs `npm run lint`.
// Besides code quality, the `no-restricted-imports` blocks below encode the architecture
// (docs/architecture.md): routes stay thin and never write, routes never import each other,
// and the calendar knows nothing of procurement vocabulary.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const ROUTE_RULES = {
  paths: [
    {
      name: "~/db/db.server",
      message:
        "Routes never reach the database: call a capability function (app/<capability>/*.server.ts) that reads or writes.",
    },
  ],
  patterns: [
    {
      group: ["~/routes/*", "~/routes/**", "./*", "../routes/*"],
      message: "A route never imports another route: move what they share into a capability or app/ui.",
    },
  ],
};

/** The read-only connection's raw handle stays inside the data layer (app/db imports it as "./db.server"). */
const READER_CONNECTION_RULE = {
  group: ["~/db/db.server", "**/db/db.server"],
  importNames: ["readerConnection"],
  message: "Only the data layer (app/db) touches the raw connection: add a typed read function in app/db.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "public/build/",
      "app/generated/",
      "data/",
      "backups/",
      "test-results/",
      "playwright-report/",
      "tests/.tmp/",
      "tests/.tmp-e2e/",
      "bench/.tmp/",
      ".cache/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  // Type-aware rules where they pay: promises that are neither awaited nor handled lose errors
  // (and, with the write queue, ordering), which is exactly what "errors are never swallowed" forbids.
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "emails/**/*.tsx", "tests/**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser, ...globals.node },
    },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off",
      // French text is full of apostrophes; React renders them fine. Only the characters that
      // usually mean a JSX typo stay forbidden.
      "react/no-unescaped-entities": ["error", { forbid: [">", "}"] }],
    },
  },
  {
    files: ["app/routes/**"],
    rules: { "no-restricted-imports": ["error", ROUTE_RULES] },
  },
  {
    files: ["app/calendar/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/plan", "~/plan/*", "~/plan/**", "../plan/*", "../plan/**"],
              message:
                "The calendar's rules know no procurement vocabulary: keep what they need (procedure windows) in app/calendar.",
            },
            READER_CONNECTION_RULE,
          ],
        },
      ],
    },
  },
  {
    // Capabilities and shared UI never depend on a route.
    files: ["app/**"],
    ignores: ["app/routes/**", "app/calendar/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/routes/*", "~/routes/**"], message: "Capabilities never import a route." },
            READER_CONNECTION_RULE,
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**", "server/**", "prisma/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [READER_CONNECTION_RULE] }] },
  },
  prettier,
);
