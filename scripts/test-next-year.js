#!/usr/bin/env node
// `npm run test:next-year`: the Vitest and Playwright suites with the clock a year ahead (libfaketime),
// to check that the tests count their dates from today and do not expire. The school holidays are
// the reference data of today's database: a test that needs the school year after the coming one
// is wrong either way. Run it by hand before a release or after adding date-dependent tests; it
// needs `npm test` to have passed once (packages, Chromium) and Debian's faketime package.
import { spawnSync } from "node:child_process";

const FAKETIME_MISSING = "faketime est introuvable : installez-le avec `sudo apt-get install faketime` (Debian).";

if (spawnSync("faketime", ["-f", "+0d", "true"]).status !== 0) {
  console.error(FAKETIME_MISSING);
  process.exit(2);
}

const steps = [
  ["npm", ["run", "build"]],
  ["faketime", ["-f", "+365d", "npx", "vitest", "run"]],
  ["faketime", ["-f", "+365d", "npx", "playwright", "test"]],
];
for (const [command, args] of steps) {
  console.log(`\n── ${command} ${args.join(" ")}`);
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}
console.log("\nLes tests passent avec l'horloge avancée d'un an.");
