// The three feeds' loaders: read the list's filters from the query string, answer 304 when the
// client is up to date, otherwise build the feed from the latest editions.
import { createHash } from "node:crypto";
import { describeSelection, parsePlanFilters, planSearch, type PlanFilters } from "../filters";
import { feedFreshness, getPublicItem, listAllPlanItems, resolveSelection, type FeedFreshness } from "../public.server";
import { buildPlanCsv } from "./csv.server";
import { feedResponse, publicOrigin } from "./http.server";
import { buildPlanIcs } from "./ics.server";
import { ocdsPackageJson, ocidPrefix } from "./ocds.server";

export type FeedKind = "ics" | "csv" | "ocds";

const PATHS: Record<FeedKind, string> = { ics: "/plan.ics", csv: "/plan.csv", ocds: "/plan.ocds.json" };

/** Bumped when a feed's format changes, so that cached copies are refreshed. */
const FORMAT_VERSION = "1";

/**
 * Feeds already built, by ETag, as UTF-8 bytes. The tag is a hash of everything the content depends
 * on (the editions in scope, immutable once published; buyers' names; filters; format; origin), so
 * a body found here is exactly what building it again would give. Bounded in bytes, least recently
 * used out first.
 */
const bodyCache = new Map<string, Buffer>();
let bodyCacheBytes = 0;
const BODY_CACHE_MAX_BYTES = 32 * 1024 * 1024;

export async function cachedBody(etag: string, build: () => Promise<string>): Promise<Buffer> {
  const hit = bodyCache.get(etag);
  if (hit !== undefined) {
    bodyCache.delete(etag);
    bodyCache.set(etag, hit);
    return hit;
  }
  const body = Buffer.from(await build(), "utf8");
  if (body.byteLength <= BODY_CACHE_MAX_BYTES / 4) {
    while (bodyCacheBytes + body.byteLength > BODY_CACHE_MAX_BYTES && bodyCache.size > 0) {
      const [oldest, value] = bodyCache.entries().next().value!;
      bodyCache.delete(oldest);
      bodyCacheBytes -= value.byteLength;
    }
    bodyCache.set(etag, body);
    bodyCacheBytes += body.byteLength;
  }
  return body;
}

export async function planFeed(request: Request, kind: FeedKind): Promise<Response> {
  const { filters: parsed } = parsePlanFilters(new URL(request.url).searchParams);
  const selection = await resolveSelection(parsed);
  const origin = publicOrigin(request);
  const prefix = kind === "ocds" ? ocidPrefix() : "";
  const freshness = await feedFreshness(kind, selection, `${FORMAT_VERSION}|${origin}|${prefix}`);
  const filters: PlanFilters = selection.filters;
  const search = planSearch(filters, {}, { only: "selection" });
  const items = () => listAllPlanItems(filters, selection.buyer?.id ?? null);
  const described = describeSelection(filters, selection.buyer?.name);
  const respond = (
    contentType: string,
    build: () => Promise<string>,
    options?: { filename?: string },
  ): Promise<Response> =>
    feedResponse(request, freshness, contentType, () => cachedBody(freshness.etag, build), options);
  switch (kind) {
    case "ics":
      return respond(
        "text/calendar; charset=utf-8",
        async () =>
          buildPlanIcs(await items(), {
            origin,
            name: described.length
              ? `Achats publics prévus — ${described.join(", ")}`
              : "Achats publics prévus (Amont)",
            description:
              "Dates de publication prévues des consultations des acheteurs publics, d'après leur dernière programmation publiée sur Amont.",
            url: `${origin}${PATHS.ics}${search}`,
          }),
        { filename: "amont-achats-prevus.ics" },
      );
    case "csv":
      return respond("text/csv; charset=utf-8; header=present", async () => buildPlanCsv(await items(), origin), {
        filename: "amont-achats-prevus.csv",
      });
    case "ocds":
      return respond("application/json; charset=utf-8", async () =>
        ocdsPackageJson(await items(), {
          prefix,
          origin,
          uri: `${origin}${PATHS.ocds}${search}`,
          publishedDate: freshness.lastModified,
        }),
      );
  }
}

/** The ICS of a single planned procurement (the "add to my agenda" link of its page). */
export async function itemIcs(request: Request, plannedProcurementId: string): Promise<Response> {
  const found = await getPublicItem(plannedProcurementId);
  if (!found || found.withdrawn) {
    throw new Response("Cet achat prévu n'existe pas ou ne figure plus dans la programmation publiée.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { item } = found;
  const origin = publicOrigin(request);
  const freshness: FeedFreshness = {
    etag: `"${createHash("sha256").update(`${FORMAT_VERSION}|${origin}|${item.edition.id}|${item.plannedProcurementId}|${item.buyer.name}`).digest("base64url").slice(0, 32)}"`,
    lastModified: item.edition.publishedAt,
  };
  return feedResponse(
    request,
    freshness,
    "text/calendar; charset=utf-8",
    async () => buildPlanIcs([item], { origin, name: `${item.title} — ${item.buyer.name}` }),
    { filename: `achat-prevu-${item.plannedProcurementId}.ics` },
  );
}
