// GET /plan.csv?<filters of /plan>: the plan as a spreadsheet (UTF-8 with BOM, ";" separator).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { planFeed } from "~/plan/feeds/feeds.server";

export function loader({ request }: LoaderFunctionArgs) {
  return planFeed(request, "csv");
}
