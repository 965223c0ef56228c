// GET /alertes/<secret>.ics: a supplier member's personal iCal feed of what matches their alerts
// (all of them, including those whose emails were stopped: the feed is not an email). The secret
// link works like the agenda feed's (decision 0009): shown once, only its SHA-256 is stored,
// regenerating it makes the old one answer 404, exactly like a link that never existed.
//
// - a planned procurement of a latest edition whose expected publication is not past: an all-day
//   event on that day ("YYYY-MM-DD" strings, never Date objects: see docs/platform.md);
// - an open questionnaire: an all-day event on its last day for answers;
// - a published event still to come: at its hours (UTC); a cancelled one stays, marked cancelled.
import { createHash } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { addDays, todayInParis } from "~/calendar/dates";
import { db } from "~/db/db.server";
import { alertFeedOwner, type AlertOwner } from "./alerts.server";
import { currentProcurements, openQuestionnaires, upcomingEvents, type Matchable } from "./items.server";
import { compileAlert, prepareItem } from "./matching";
import { criteriaOfRow } from "./schema";

const NOT_FOUND_MESSAGE = "Ce lien d'agenda n'existe pas ou a été remplacé.";
/** Far beyond any real need; keeps the answer bounded. */
const MAX_FEED_ITEMS = 2_000;

/** The items that match at least one of the owner's alerts, soonest first. */
export async function matchingFeedItems(owner: AlertOwner, now = new Date()): Promise<Matchable[]> {
  const alerts = await db.supplierAlert.findMany({
    where: { userId: owner.userId, organizationId: owner.organizationId },
    orderBy: { createdAt: "asc" },
  });
  if (alerts.length === 0) return [];
  const tests = alerts.map((alert) => compileAlert(criteriaOfRow(alert)));
  const [procurements, questionnaires, events] = await Promise.all([
    currentProcurements(todayInParis(now)),
    openQuestionnaires(now),
    upcomingEvents(now),
  ]);
  const matching: Matchable[] = [];
  for (const item of [...procurements, ...questionnaires, ...events]) {
    const prepared = prepareItem(item);
    if (tests.some((test) => test(prepared))) matching.push(item);
    if (matching.length >= MAX_FEED_ITEMS) break;
  }
  return matching.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}

export function buildAlertFeedIcs(items: readonly Matchable[], organizationName: string): string {
  const calendar = ical({
    name: `Amont — mes alertes (${organizationName})`,
    description: "Les achats prévus, questionnaires ouverts et événements qui correspondent à vos alertes Amont.",
    prodId: { company: "Amont", product: "Alertes", language: "FR" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 6 * 3600,
  });
  for (const item of items) {
    switch (item.kind) {
      case "procurement":
        calendar.createEvent({
          id: `alerte-plan-${item.plannedProcurementId}@amont`,
          allDay: true,
          start: item.expectedPublicationDate,
          end: addDays(item.expectedPublicationDate, 1),
          stamp: item.stamp,
          summary: `Publication prévue : ${item.email.title} — ${item.email.buyerName}`,
          description: `Achat prévu par ${item.email.buyerName}.\n${item.email.url}`,
          url: item.email.url,
        });
        break;
      case "questionnaire":
        calendar.createEvent({
          id: `alerte-sourcing-${item.id}@amont`,
          allDay: true,
          start: item.openUntil,
          end: addDays(item.openUntil, 1),
          stamp: item.stamp,
          summary: `Dernier jour pour répondre : ${item.email.title} — ${item.email.buyerName}`,
          description: `Questionnaire de sourcing de ${item.email.buyerName}.\n${item.email.url}`,
          url: item.email.url,
        });
        break;
      case "event":
        calendar.createEvent({
          id: `alerte-evenement-${item.id}@amont`,
          start: item.startsAt,
          end: item.endsAt,
          stamp: item.stamp,
          status: item.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
          summary: `${item.cancelled ? "ANNULÉ — " : ""}${item.email.title} — ${item.email.organizerName}`,
          description: `${item.email.when}.\n${item.email.url}`,
          location: item.email.place,
          url: item.email.url,
        });
        break;
    }
  }
  // RFC 5545 wants a CRLF after END:VCALENDAR, which ical-generator leaves out.
  return `${calendar.toString()}\r\n`;
}

/** The feed's answer: 404 for an unknown or replaced link; never kept by shared caches; 304 by ETag. */
export async function alertFeedResponse(request: Request, token: string): Promise<Response> {
  const owner = await alertFeedOwner(token);
  if (!owner)
    return new Response(NOT_FOUND_MESSAGE, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const organization = await db.organization.findUnique({
    where: { id: owner.organizationId },
    select: { name: true },
  });
  const body = buildAlertFeedIcs(await matchingFeedItems(owner), organization?.name ?? "votre entreprise");
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": "private, no-cache",
    "Content-Type": "text/calendar; charset=utf-8",
  };
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag))
    return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}
