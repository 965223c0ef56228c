// GET /plan.ocds.json?<filters of /plan>: OCDS 1.1 release package at the planning stage.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { planFeed } from "~/plan/feeds/feeds.server";

export function loader({ request }: LoaderFunctionArgs) {
  return planFeed(request, "ocds");
}
