// GET /plan/:id/calendrier.ics: the expected publication of one planned procurement, for an agenda.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { itemIcs } from "~/plan/feeds/feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return itemIcs(request, params.id ?? "");
}
