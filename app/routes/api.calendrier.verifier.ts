// GET /api/calendrier/verifier?departement=DD&date=YYYY-MM-DD[&fin=YYYY-MM-DD][&procedure=P]
// Public JSON API for forms, relays and other sites. In production server/index.js answers it
// directly (same function) without Remix's routing; this route serves it everywhere else.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { calendarApiResponse } from "~/calendar/api.server";

// Remix hands OPTIONS requests (CORS preflight) to the loader.
export const loader = ({ request }: LoaderFunctionArgs) => calendarApiResponse(request);
export const action = ({ request }: ActionFunctionArgs) => calendarApiResponse(request);
