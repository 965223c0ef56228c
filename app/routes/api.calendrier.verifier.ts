// GET /api/calendrier/verifier?departement=DD&date=YYYY-MM-DD[&fin=YYYY-MM-DD][&procedure=P]
// Public JSON API for forms, relays and other sites (see app/calendar/verify.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { verifyCalendarQuery } from "~/calendar/verify.server";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Max-Age": "86400",
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Remix hands OPTIONS requests (CORS preflight) to the loader.
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
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

/** Only GET (and HEAD, OPTIONS) are accepted. */
export function action(_args: ActionFunctionArgs) {
  return new Response(JSON.stringify({ error: "Seule la méthode GET est acceptée.", field: null }), {
    status: 405,
    headers: { ...CORS, Allow: "GET, HEAD, OPTIONS", "Content-Type": "application/json; charset=utf-8" },
  });
}
