// The health check's question to the database: can it be read? (GET /healthz, used by the platform
// and by the test servers to know the process is ready.)
import { db } from "./db.server";

/** True when the read connection answers; the failure is logged with its cause, never swallowed. */
export async function databaseIsReachable(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    console.error("[healthz] database check failed", error);
    return false;
  }
}
