// Reverse fairs built through the domain (createEvent, addStand, publishEvent) on the test database.
import { eventSchema, standSchema } from "~/meetings/event-schema";
import { addStand, createEvent, publishEvent } from "~/meetings/events.server";
import { addDays } from "~/calendar/dates";
import { createBuyer } from "../plan/fixtures";
import { openDayFrom } from "../support/days";

/** An open day in Lyon (zone A) about six weeks from today. */
export const FAIR_DATE = openDayFrom(40);
/** The day before it, when registrations close. */
export const EVE = addDays(FAIR_DATE, -1);
export const ORIGIN = "http://localhost:3000";

export function createSupplier(name: string) {
  return createBuyer({ name, departement: "69", kind: "supplier" });
}

export function fairInput(overrides: Record<string, unknown> = {}) {
  return eventSchema.parse({
    kind: "reverse_fair",
    title: "Salon inversé des achats de la Métropole",
    description: "Rencontrez les acheteurs de la Métropole et présentez vos savoir-faire en vingt minutes.",
    departement: "69",
    location: "Salle des fêtes, 12 rue de la République, 69001 Lyon",
    date: FAIR_DATE,
    startTime: "09:00",
    endTime: "12:30",
    registrationDeadline: `${EVE}T18:00`,
    cancellationCutoff: `${EVE}T12:00`,
    ...overrides,
  });
}

export function standInput(organizationId: string, overrides: Record<string, unknown> = {}) {
  return standSchema.parse({
    organizationId,
    name: "Entretien des bâtiments",
    needs: "Nous cherchons des entreprises de maintenance, menuiserie et peinture pour nos écoles et gymnases.",
    opensAt: "09:00",
    closesAt: "10:00",
    slotMinutes: "20",
    breaks: "",
    ...overrides,
  });
}

/** A published fair with one stand of `closesAt` hours (default 9:00-10:00, three 20-minute slots). */
export async function publishedFair(options: { closesAt?: string; slotMinutes?: string } = {}) {
  const buyer = await createBuyer({ name: "Métropole Rhône-Confluence", departement: "69" });
  const created = await createEvent(buyer.actor, buyer.organization, fairInput());
  if (!created.ok) throw new Error(JSON.stringify(created));
  const stand = await addStand(
    buyer.actor,
    buyer.organization,
    created.id,
    standInput(buyer.organization.id, {
      closesAt: options.closesAt ?? "10:00",
      slotMinutes: options.slotMinutes ?? "20",
    }),
  );
  if (!stand.ok) throw new Error(JSON.stringify(stand));
  const published = await publishEvent(buyer.actor, buyer.organization, created.id);
  if (!published.ok) throw new Error(published.message);
  return { buyer, eventId: created.id, standId: stand.id };
}

export function supplierActor(supplier: Awaited<ReturnType<typeof createSupplier>>) {
  return { id: supplier.user.id, name: supplier.user.name, email: supplier.user.email };
}
