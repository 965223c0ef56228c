// Events, buyers and suppliers written straight to the test database, so that these tests do not
// depend on the event-creation code; and the event form's input for a webinar, for the tests that do.
import { randomUUID } from "node:crypto";
import { addDays } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { eventSchema } from "~/meetings/event-schema";
import { createBuyer } from "../plan/fixtures";
import { openDayFrom } from "../support/days";

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** An open day in Lyon about six weeks ahead, and the first one a week after it (to move a webinar to). */
export const WEBINAR_DAY = openDayFrom(40);
export const WEBINAR_LATER_DAY = openDayFrom(7, WEBINAR_DAY);
export const WEBINAR_TITLE = "Webinaire : nos achats de restauration collective";

/** The buyer's event form for a 12:30–13:30 webinar of two places; registrations close at 18:00 the day before. */
export function webinarInput(overrides: Record<string, unknown> = {}) {
  const date = typeof overrides.date === "string" ? overrides.date : WEBINAR_DAY;
  return eventSchema.parse({
    kind: "webinar",
    title: WEBINAR_TITLE,
    description: "Présentation des besoins et questions des entreprises, à l'heure du déjeuner.",
    departement: "69",
    onlineUrl: "https://visio.exemple.fr/restauration",
    date,
    startTime: "12:30",
    endTime: "13:30",
    registrationDeadline: `${addDays(date, -1)}T18:00`,
    capacity: 2,
    ...overrides,
  });
}

export async function createSupplier(name: string) {
  return createBuyer({ name, departement: "69", kind: "supplier" });
}

/** A published webinar starting `startsInMs` from now (default: in 10 days), one hour long. */
export async function createWebinar(
  organizationId: string,
  createdById: string,
  overrides: Partial<{
    capacity: number | null;
    startsInMs: number;
    registrationDeadline: Date;
    status: string;
    kind: string;
    onlineUrl: string | null;
    cancellationCutoff: Date | null;
  }> = {},
) {
  const startsAt = new Date(Date.now() + (overrides.startsInMs ?? 10 * DAY));
  startsAt.setUTCSeconds(0, 0);
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const eventDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(startsAt);
  return write((tx) =>
    tx.event.create({
      data: {
        kind: overrides.kind ?? "webinar",
        organizationId,
        title: `Webinaire ${randomUUID().slice(0, 6)} : nos achats de restauration collective`,
        description: "Présentation des besoins 2027 et questions des entreprises.",
        departement: "69",
        onlineUrl:
          overrides.onlineUrl === undefined ? "https://visio.exemple.fr/salle-restauration" : overrides.onlineUrl,
        startsAt,
        endsAt,
        eventDate,
        registrationDeadline: overrides.registrationDeadline ?? new Date(startsAt.getTime() - 2 * HOUR),
        cancellationCutoff: overrides.cancellationCutoff ?? null,
        capacity: overrides.capacity === undefined ? 5 : overrides.capacity,
        status: overrides.status ?? "published",
        publishedAt: new Date(),
        createdById,
      },
    }),
  );
}

export async function outboxFor(to: string) {
  return db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
}
