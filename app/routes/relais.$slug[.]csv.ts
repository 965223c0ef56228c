// GET /relais/:slug.csv?<filters of /plan>: a relay's feed (app/relay/feeds.server.ts), 404 for an unknown relay.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { relayFeed } from "~/relay/feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return relayFeed(request, params.slug ?? "", "csv");
}
