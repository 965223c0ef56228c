// GET /calendrier/<secret>.ics: a supplier organisation's private feed (bookings and registrations).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { organizationFeed } from "~/meetings/feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return organizationFeed(request, params.token ?? "");
}
