// Health check for the platform (Fly): the process answers and the database can be read.
import { db } from "~/db/db.server";

export async function loader() {
  try {
    await db.$queryRaw`SELECT 1`;
    return new Response("ok", {
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  } catch (error) {
    console.error("[healthz] database check failed", error);
    return new Response("database unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
