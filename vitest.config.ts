import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#emails": fileURLToPath(new URL("./emails", import.meta.url)),
    },
  },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    // One process per test file: each file gets its own database copy (tests/setup/database.ts).
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["./tests/setup/global-setup.ts"],
    setupFiles: ["./tests/setup/database.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
