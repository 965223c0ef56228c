// Events, buyers and suppliers written straight to the test database, so that these tests do not
// depend on the event-creation code.
import { randomUUID } from "node:crypto";
import { db, write } from "~/db/db.server";
import { createBuyer } from "../plan/fixtures";

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export async function createSupplier(name: string) {
  return createBuyer({ name, departement: "69", kind: "supplier" });
}

/** A published webinar starting `startsInMs` from now (default: in 10 days), one hour long. */
export async function createWebinar(
  organizationId: string,
  createdById: string,
  overrides: Partial<{ capacity: number | null; startsInMs: number; registrationDeadline: Date; status: string; kind: string; onlineUrl: string | null; cancellationCutoff: Date | null }> = {},
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
        onlineUrl: overrides.onlineUrl === undefined ? "https://visio.exemple.fr/salle-restauration" : overrides.onlineUrl,
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
