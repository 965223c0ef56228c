// A relay's feeds: /relais/:slug.ics and .csv (the plan's own formats, app/plan/feeds, narrowed to
// what the relay follows) and .atom (news for feed readers: the planned procurements of the latest
// editions, the upcoming events and the open questionnaires, each with its source and time). Same
// filters as the page, and the plan feeds' conditional GET: ETag, Last-Modified, 304.
import { createHash } from "node:crypto";
import { todayInParis, formatDateFr } from "~/calendar/dates";
import { formatInstantDay } from "~/calendar/format";
import { labelOfKind } from "~/meetings/kinds";
import { eventWhen } from "~/meetings/ui";
import { buildPlanCsv } from "~/plan/feeds/csv.server";
import { eventDescription, itemUrl } from "~/plan/feeds/describe";
import { cachedBody } from "~/plan/feeds/feeds.server";
import { feedResponse, publicOrigin } from "~/plan/feeds/http.server";
import { buildPlanIcs } from "~/plan/feeds/ics.server";
import { describeSelection, parsePlanFilters, planSearch } from "~/plan/filters";
import { feedFreshness, listAllPlanItems, resolveSelection, type PublicPlanItem } from "~/plan/public.server";
import { CATEGORIES, labelOf } from "~/plan/vocabulary";
import { atomXml, type AtomEntry } from "./atom";
import {
  editionLabel,
  relayEvents,
  relayPlanScope,
  relayQuestionnaires,
  type RelayEvent,
  type RelayQuestionnaire,
} from "./page.server";
import { findPublicRelay } from "./relays.server";

export type RelayFeedKind = "ics" | "csv" | "atom";

/** Bumped when a feed's format changes, so that cached copies are refreshed. */
const FORMAT_VERSION = "1";
/** The Atom feed's entries: the latest planned procurements, and the next events and questionnaires. */
export const ATOM_MAX_ITEMS = 200;
export const ATOM_MAX_EVENTS = 50;
export const ATOM_MAX_QUESTIONNAIRES = 50;

const FILENAME_SAFE = /[^a-z0-9-]/g;

function notFoundFeed(): never {
  throw new Response("Aucun réseau relais ne porte cette adresse sur Amont.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

function latest(dates: readonly (Date | null | undefined)[]): Date | null {
  let found: Date | null = null;
  for (const date of dates) if (date && (!found || date > found)) found = date;
  return found;
}

export async function relayFeed(request: Request, slug: string, kind: RelayFeedKind): Promise<Response> {
  const relay = (await findPublicRelay(slug)) ?? notFoundFeed();
  const { filters: parsed } = parsePlanFilters(new URL(request.url).searchParams);
  const selection = await resolveSelection(parsed);
  const origin = publicOrigin(request);
  const scope = relayPlanScope(relay);
  const now = new Date();
  const today = todayInParis(now);
  // The Atom feed also shows events and questionnaires: what it lists of them (and today's date,
  // which ends events and closes questionnaires) is part of its entity tag.
  const news =
    kind === "atom"
      ? await Promise.all([
          relayEvents(relay, selection, now, ATOM_MAX_EVENTS),
          relayQuestionnaires(relay, selection, today, ATOM_MAX_QUESTIONNAIRES),
        ])
      : null;
  const newsFingerprint = news
    ? createHash("sha256")
        .update(today)
        .update(news[0].events.map((event) => `${event.id}:${event.updatedAt.getTime()}`).join(","))
        .update(news[1].questionnaires.map((q) => `${q.id}:${q.publishedAt?.getTime() ?? 0}:${q.openUntil}`).join(","))
        .digest("base64url")
    : "";
  const freshness = await feedFreshness(
    `relay-${kind}`,
    selection,
    `${FORMAT_VERSION}|${origin}|${relay.slug}|${relay.name}|${relay.updatedAt.getTime()}|${newsFingerprint}`,
    scope,
  );
  const lastModified = latest([
    freshness.lastModified,
    relay.updatedAt,
    ...(news?.[0].events.map((event) => event.publishedAt ?? event.updatedAt) ?? []),
    ...(news?.[1].questionnaires.map((questionnaire) => questionnaire.publishedAt) ?? []),
  ]);
  const tagged = { etag: freshness.etag, lastModified };
  const items = () => listAllPlanItems(selection.filters, selection.buyer?.id ?? null, undefined, scope);
  const search = planSearch(selection.filters, {}, { only: "selection" });
  const described = describeSelection(selection.filters, selection.buyer?.name);
  const base = `${origin}/relais/${relay.slug}`;
  const filename = `amont-${relay.slug.replace(FILENAME_SAFE, "")}`;
  const respond = (contentType: string, build: () => Promise<string>, options?: { filename?: string }) =>
    feedResponse(request, tagged, contentType, () => cachedBody(tagged.etag, build), options);
  switch (kind) {
    case "ics":
      return respond(
        "text/calendar; charset=utf-8",
        async () =>
          buildPlanIcs(await items(), {
            origin,
            name: `Achats publics prévus, relayés par ${relay.name}${described.length ? ` — ${described.join(", ")}` : ""}`,
            description: `Dates de publication prévues des consultations des acheteurs publics suivis par ${relay.name}, d'après leur dernière programmation publiée sur Amont.`,
            url: `${base}.ics${search}`,
          }),
        { filename: `${filename}.ics` },
      );
    case "csv":
      return respond("text/csv; charset=utf-8; header=present", async () => buildPlanCsv(await items(), origin), {
        filename: `${filename}.csv`,
      });
    case "atom":
      return respond("application/atom+xml; charset=utf-8", async () =>
        atomXml({
          id: `${base}.atom${search}`,
          title: `Achats publics relayés par ${relay.name}${described.length ? ` — ${described.join(", ")}` : ""}`,
          subtitle:
            "Achats prévus par les acheteurs publics suivis, leurs événements et leurs questionnaires de sourcing ouverts, d'après Amont.",
          updated: lastModified ?? relay.updatedAt,
          self: `${base}.atom${search}`,
          alternate: `${base}${search}`,
          author: relay.name,
          entries: atomEntries(origin, await items(), news![0].events, news![1].questionnaires),
        }),
      );
  }
}

/** The feed's entries, newest first: planned procurements (by their edition), events, questionnaires. */
export function atomEntries(
  origin: string,
  items: readonly PublicPlanItem[],
  events: readonly RelayEvent[],
  questionnaires: readonly RelayQuestionnaire[],
): AtomEntry[] {
  const latestItems = [...items]
    .sort(
      (a, b) =>
        b.edition.publishedAt.getTime() - a.edition.publishedAt.getTime() ||
        a.expectedPublicationDate.localeCompare(b.expectedPublicationDate),
    )
    .slice(0, ATOM_MAX_ITEMS);
  const entries: AtomEntry[] = [
    ...latestItems.map((item) => {
      const url = itemUrl(origin, item);
      return {
        id: url,
        title: `Achat prévu : ${item.title} — ${item.buyer.name}`,
        updated: item.edition.publishedAt,
        link: url,
        author: item.buyer.name,
        category: labelOf(CATEGORIES, item.category),
        summary: `Publication prévue le ${formatDateFr(item.expectedPublicationDate)}. Source : ${editionLabel(item.edition)} de ${item.buyer.name}, publiée le ${formatInstantDay(item.edition.publishedAt)}.\n\n${eventDescription(item, url)}`,
      };
    }),
    ...events.map((event) => {
      const url = `${origin}/evenements/${event.id}`;
      return {
        id: url,
        title: `${labelOfKind(event.kind)} : ${event.title} — ${event.organizer.name}`,
        updated: event.publishedAt ?? event.updatedAt,
        link: url,
        author: event.organizer.name,
        category: "Événement",
        summary: `${eventWhen(event)}. Organisé par ${event.organizer.name}${event.coHost ? ` avec ${event.coHost}` : ""}${event.location ? `, ${event.location}` : ", en ligne"}.`,
      };
    }),
    ...questionnaires.map((questionnaire) => {
      const url = `${origin}/sourcing/${questionnaire.id}`;
      return {
        id: url,
        title: `Questionnaire de sourcing : ${questionnaire.title} — ${questionnaire.buyer.name}`,
        updated: questionnaire.publishedAt ?? new Date(0),
        link: url,
        author: questionnaire.buyer.name,
        category: "Questionnaire de sourcing",
        summary: `Réponses jusqu'au ${formatDateFr(questionnaire.openUntil)}. Pour l'achat prévu « ${questionnaire.procurement.title} » (version n° ${questionnaire.versionNumber ?? 1}). Répondre n'engage à rien et ne donne aucun avantage.`,
      };
    }),
  ];
  return entries.sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id));
}
