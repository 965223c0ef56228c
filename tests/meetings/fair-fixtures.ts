// Reverse fairs built through the domain (createEvent, addStand, publishEvent) on the test database.
import { eventSchema, standSchema } from "~/meetings/event-schema";
import { addStand, createEvent, publishEvent } from "~/meetings/events.server";
import { addDays } from "~/calendar/dates";
import { publishEdition } from "~/plan/editions.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { semesterOf } from "~/plan/vocabulary";
import { createBuyer, input } from "../plan/fixtures";
import { openDayFrom } from "../support/days";
import { must } from "../support/must";

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

const PUBLICATION = openDayFrom(60);
const DEADLINE = openDayFrom(100);

type Buyer = Awaited<ReturnType<typeof createBuyer>>;

async function procurement(buyer: Buyer, title: string, status = "planned"): Promise<string> {
  return must(
    await createPlannedProcurement(
      buyer.actor,
      buyer.organization,
      input({ title, status, expectedPublicationDate: PUBLICATION, responseDeadline: DEADLINE }),
    ),
  ).id;
}

/** Organiser A and its neighbour B (same région); B published one procurement and keeps two unpublished. */
export async function neighbourBuyers() {
  const organiser = await createBuyer({ name: "Métropole organisatrice", departement: "69" });
  const neighbour = await createBuyer({ name: "Commune voisine", departement: "42" });
  const ids = {
    organiserDraft: await procurement(organiser, "Projet de l'organisateur en brouillon", "draft"),
    published: await procurement(neighbour, "Achat publié de la voisine"),
  };
  must(await publishEdition(neighbour.actor, neighbour.organization.id, semesterOf(PUBLICATION)));
  // Written after the edition: planned, but in no published edition yet.
  const unpublished = await procurement(neighbour, "Achat prévu pas encore publié de la voisine");
  const draft = await procurement(neighbour, "Brouillon de la voisine", "draft");
  return { organiser, neighbour, ids: { ...ids, unpublished, draft } };
}
