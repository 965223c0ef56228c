// The public calendar API's HTTP answer, shared by the Remix route and the server's fast path
// (server/index.js serves this hot endpoint without going through Remix's router).
import { verifyCalendarQuery } from "./verify.server";

export const CALENDAR_API_PATH = "/api/calendrier/verifier";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Max-Age": "86400",
};

export async function calendarApiResponse(request: Request): Promise<Response> {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  if (request.method !== "GET" && request.method !== "HEAD") {
    return new Response(JSON.stringify({ error: "Seule la méthode GET est acceptée.", field: null }), {
      status: 405,
      headers: { ...CORS, Allow: "GET, HEAD, OPTIONS", "Content-Type": "application/json; charset=utf-8" },
    });
  }
  const result = await verifyCalendarQuery(new URL(request.url).searchParams);
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: {
      ...CORS,
      "Content-Type": "application/json; charset=utf-8",
      // Answers only change when an administrator edits the calendar: five minutes is fine.
      "Cache-Control": result.status === 200 ? "public, max-age=300" : "no-store",
    },
  });
}
