// The health check's database probe (GET /healthz answers 503 when it says no).
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { disconnectDatabase } from "~/db/db.server";
import { databaseIsReachable } from "~/db/health.server";
import { testTmp } from "../support/tmp";

describe("databaseIsReachable", () => {
  const url = process.env.DATABASE_URL;
  afterEach(async () => {
    await disconnectDatabase();
    process.env.DATABASE_URL = url;
    vi.restoreAllMocks();
  });

  it("says yes when the database can be read", async () => {
    expect(await databaseIsReachable()).toBe(true);
  });

  it("says no, and logs why, when the database file cannot be opened", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await disconnectDatabase();
    process.env.DATABASE_URL = `file:${path.join(testTmp(), "no-such-folder", "missing.db")}`;
    expect(await databaseIsReachable()).toBe(false);
    expect(logged).toHaveBeenCalledWith("[healthz] database check failed", expect.anything());
  });
});
