// GET /plan.ics?<filters of /plan>: one all-day event per expected publication (subscribable feed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { planFeed } from "~/plan/feeds/feeds.server";

export function loader({ request }: LoaderFunctionArgs) {
  return planFeed(request, "ics");
}
