// GET /evenements.ics?<filters of /evenements>: published events as a subscribable iCalendar feed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicEventsFeed } from "~/meetings/feeds.server";

export function loader({ request }: LoaderFunctionArgs) {
  return publicEventsFeed(request);
}
