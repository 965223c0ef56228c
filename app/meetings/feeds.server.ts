// iCalendar feeds of events (ical-generator 10, timed events written in UTC: see docs/platform.md,
// "Dates, time zones and the calendar feeds").
// - /evenements.ics: every published event, with the list's filters; public, revalidated by ETag.
// - /calendrier/<token>.ics: a supplier organisation's own bookings and confirmed registrations of
//   its members. The token is a secret shown once (decision 0009); only its SHA-256 is stored, so
//   regenerating it makes the old link answer 404.
import { createHash } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { db, write } from "~/db/db.server";
import { publicOrigin } from "~/plan/feeds/http.server";
import { EVENT_KINDS, type EventKind } from "./kinds";
import { parseEventFilters } from "./filters";
import { publicEventWhere } from "./public.server";
import { parisTimeOf } from "./slots";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The public feed keeps recent past events, so that agendas do not drop them on the day after. */
const PAST_DAYS = 90;

function kindLabel(kind: string): string {
  return EVENT_KINDS[kind as EventKind] ?? "Événement";
}

function calendarFrame(name: string, description: string): ICalCalendar {
  return ical({
    name,
    description,
    prodId: { company: "Amont", product: "Evenements", language: "FR" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3 * 3600,
  });
}

function finish(calendar: ICalCalendar): string {
  // RFC 5545 wants a CRLF after END:VCALENDAR, which ical-generator leaves out.
  return `${calendar.toString()}\r\n`;
}

function icsResponse(request: Request, body: string, cacheControl: string): Response {
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": cacheControl,
    "Content-Type": "text/calendar; charset=utf-8",
  };
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag))
    return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}

/** The public feed of published events, with the filters of /evenements. */
export async function buildPublicEventsIcs(origin: string, params: URLSearchParams, now = new Date()): Promise<string> {
  const { filters } = parseEventFilters(params);
  const where = publicEventWhere(filters, filters.du ? now : new Date(now.getTime() - PAST_DAYS * DAY_MS));
  const events = await db.event.findMany({
    where,
    orderBy: { startsAt: "asc" },
    take: 2_000,
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      location: true,
      startsAt: true,
      endsAt: true,
      publishedAt: true,
      updatedAt: true,
      status: true,
      cancelledAt: true,
      organization: { select: { name: true } },
      coHost: { select: { name: true } },
    },
  });
  const calendar = calendarFrame(
    "Amont — événements des acheteurs publics",
    "Salons inversés, webinaires et réunions d'information publiés sur Amont.",
  );
  for (const event of events) {
    const url = `${origin}/evenements/${event.id}`;
    calendar.createEvent({
      id: `event-${event.id}@amont`,
      start: event.startsAt,
      end: event.endsAt,
      stamp: event.cancelledAt ?? event.publishedAt ?? event.updatedAt,
      // A cancelled event stays in the feed, marked so: agendas then strike it out instead of keeping it.
      status: event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: `${event.status === "cancelled" ? "ANNULÉ — " : ""}${kindLabel(event.kind)} : ${event.title} — ${event.organization.name}`,
      description: `${event.description}\n\nOrganisé par ${event.organization.name}${event.coHost ? ` avec ${event.coHost.name}` : ""}.\n${url}`,
      location: event.location ?? "En ligne",
      url,
    });
  }
  return finish(calendar);
}

export async function publicEventsFeed(request: Request): Promise<Response> {
  const body = await buildPublicEventsIcs(publicOrigin(request), new URL(request.url).searchParams);
  return icsResponse(request, body, "public, no-cache");
}

// ---- the private feed of a supplier organisation ---------------------------------------------------

/** The organisation's bookings and its members' confirmed registrations, as an iCalendar. */
export async function buildOrganizationIcs(organizationId: string, origin: string): Promise<string> {
  const [organization, bookings, registrations] = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId }, select: { name: true } }),
    db.booking.findMany({
      where: { supplierOrganizationId: organizationId },
      select: {
        createdAt: true,
        slot: {
          select: {
            id: true,
            startsAt: true,
            endsAt: true,
            stand: {
              select: {
                name: true,
                organization: { select: { name: true } },
                event: { select: { id: true, title: true, location: true, status: true } },
              },
            },
          },
        },
      },
      orderBy: { slot: { startsAt: "asc" } },
    }),
    db.registration.findMany({
      where: { organizationId, status: "confirmed" },
      select: {
        id: true,
        createdAt: true,
        email: true,
        event: {
          select: {
            id: true,
            kind: true,
            title: true,
            location: true,
            startsAt: true,
            endsAt: true,
            status: true,
            organization: { select: { name: true } },
          },
        },
      },
      orderBy: { event: { startsAt: "asc" } },
    }),
  ]);
  const calendar = calendarFrame(
    `Amont — rendez-vous de ${organization?.name ?? "votre organisation"}`,
    "Vos rendez-vous aux salons inversés et vos inscriptions aux webinaires et réunions.",
  );
  for (const booking of bookings) {
    const { slot } = booking;
    const url = `${origin}/evenements/${slot.stand.event.id}`;
    calendar.createEvent({
      id: `booking-${slot.id}-${organizationId}@amont`,
      start: slot.startsAt,
      end: slot.endsAt,
      stamp: booking.createdAt,
      status: slot.stand.event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: `${slot.stand.event.status === "cancelled" ? "ANNULÉ — " : ""}Rendez-vous au stand « ${slot.stand.name} » (${slot.stand.organization.name})`,
      description: `${slot.stand.event.title}, de ${parisTimeOf(slot.startsAt)} à ${parisTimeOf(slot.endsAt)} (heure de Paris).\n${url}`,
      location: slot.stand.event.location ?? "En ligne",
      url,
    });
  }
  for (const registration of registrations) {
    const { event } = registration;
    const url = `${origin}/evenements/${event.id}`;
    calendar.createEvent({
      id: `registration-${registration.id}@amont`,
      start: event.startsAt,
      end: event.endsAt,
      stamp: registration.createdAt,
      status: event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: `${event.status === "cancelled" ? "ANNULÉ — " : ""}${kindLabel(event.kind)} : ${event.title} — ${event.organization.name}`,
      description: `Inscription de ${registration.email}.\n${url}`,
      location: event.location ?? "En ligne",
      url,
    });
  }
  return finish(calendar);
}

/** GET /calendrier/<token>.ics: 404 for an unknown or replaced token (nothing tells which). */
export async function organizationFeed(request: Request, token: string): Promise<Response> {
  if (!/^[a-z2-7]{16,64}$/.test(token))
    return new Response("Ce lien d'agenda n'existe pas ou a été remplacé.", { status: 404 });
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { organizationId: true },
  });
  if (!feed) return new Response("Ce lien d'agenda n'existe pas ou a été remplacé.", { status: 404 });
  const body = await buildOrganizationIcs(feed.organizationId, publicOrigin(request));
  // A secret URL: never kept by shared caches.
  return icsResponse(request, body, "private, no-cache");
}

export function feedUrl(origin: string, token: string): string {
  return `${origin}/calendrier/${token}.ics`;
}

/** Creates or replaces the organisation's secret feed token; returns the token (shown once). */
export async function regenerateFeedToken(
  userId: string,
  organizationId: string,
): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
  const membership = await db.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { organization: { select: { kind: true } } },
  });
  if (!membership || membership.organization.kind !== "supplier")
    return { ok: false, message: "Ce lien d'agenda est réservé aux membres d'une entreprise." };
  const token = generateToken();
  const tokenHash = hashToken(token);
  await write((tx) =>
    tx.calendarFeed.upsert({
      where: { organizationId },
      create: { organizationId, tokenHash },
      update: { tokenHash, createdAt: new Date() },
    }),
  );
  return { ok: true, token };
}

export function feedStatus(organizationId: string) {
  return db.calendarFeed.findUnique({ where: { organizationId }, select: { createdAt: true } });
}
