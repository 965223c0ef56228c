import path from "node:path";

/** This test run's scratch folder (created by tests/setup/global-setup.ts), with template.db in it. */
export function testTmp(): string {
  const directory = process.env.AMONT_TEST_TMP;
  if (!directory) throw new Error("AMONT_TEST_TMP is not set: run the tests with vitest (tests/setup/global-setup.ts)");
  return directory;
}

export function templateDatabase(): string {
  return path.join(testTmp(), "template.db");
}
