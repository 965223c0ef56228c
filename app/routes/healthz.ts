// Health check for the platform (Fly): the process answers and the database can be read.
import { databaseIsReachable } from "~/db/health.server";

export async function loader() {
  if (await databaseIsReachable())
    return new Response("ok", {
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return new Response("database unavailable", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
