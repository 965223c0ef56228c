// GET /alertes/<secret>.ics: a supplier member's personal feed of what matches their alerts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { alertFeedResponse } from "~/alerts/feed.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return alertFeedResponse(request, params.token ?? "");
}
