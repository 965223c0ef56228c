// Demo events (issue 5): a reverse fair of the Métropole Rhône-Confluence, co-hosted by the CCI,
// with 5 stands of 20 slots (one stand held by another buyer), some slots booked, and one full
// stand with a waiting list. Built through the domain (createEvent, addStand, publishEvent,
// bookSlot, joinStandWaitlist), so the ledger and the outbox hold what a real fair would.
// Webinars and the past meeting come from prisma/seed-meetings-webinars.ts (helpers below).
import { addDays } from "../app/calendar/dates";
import { db } from "../app/db/db.server";
import { bookSlot, joinStandWaitlist } from "../app/meetings/bookings.server";
import { eventSchema, standSchema } from "../app/meetings/event-schema";
import { addStand, createEvent, publishEvent } from "../app/meetings/events.server";
import { SUPPLIERS } from "./seed-data";
import { allowedDemoDay } from "./seed-days";
import { seedDemoWebinars } from "./seed-meetings-webinars";

export interface DemoMeetingsSummary {
  events: number;
  ledgerRecords: number;
}

/** Links in demo emails and invitations. */
export const DEMO_ORIGIN = process.env.APP_URL ?? "http://localhost:3000";

/** A demo organisation by slug, with its first administrator (who acts for it in the seed). */
export async function demoOrganization(slug: string) {
  const organization = await db.organization.findUnique({
    where: { slug },
    select: {
      id: true,
      name: true,
      departement: true,
      kind: true,
      memberships: {
        where: { role: "admin" },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  const admin = organization?.memberships[0]?.user;
  if (!organization || !admin) throw new Error(`Demo organisation ${slug} or its administrator is missing`);
  return {
    id: organization.id,
    name: organization.name,
    departement: organization.departement,
    kind: organization.kind,
    admin,
  };
}

export type DemoOrganization = Awaited<ReturnType<typeof demoOrganization>>;

/** The demo suppliers (seed-data order) with their administrators. */
export async function demoSuppliers(): Promise<DemoOrganization[]> {
  const result: DemoOrganization[] = [];
  for (const supplier of SUPPLIERS) result.push(await demoOrganization(supplier.slug));
  return result;
}

export function actorOf(organization: DemoOrganization) {
  return { id: organization.admin.id, name: organization.admin.name, email: organization.admin.email };
}

/** Planned procurements of a buyer that its published plan made public. */
async function publicProcurements(organizationId: string, take: number) {
  return db.plannedProcurement.findMany({
    where: { organizationId, status: { notIn: ["draft", "abandoned"] } },
    select: { id: true, title: true },
    orderBy: { expectedPublicationDate: "asc" },
    take,
  });
}

const STANDS = [
  {
    holder: "metropole-rhone-confluence",
    name: "Entretien et rénovation des bâtiments",
    needs:
      "Menuiserie, peinture, plomberie et petits travaux dans nos écoles, gymnases et crèches : nous voulons connaître les entreprises du territoire, leurs délais et leurs capacités d'intervention rapide.",
  },
  {
    holder: "metropole-rhone-confluence",
    name: "Espaces verts et propreté urbaine",
    needs:
      "Entretien des parcs, désherbage sans produits chimiques, propreté des marchés forains. Les structures d'insertion sont particulièrement attendues.",
  },
  {
    holder: "metropole-rhone-confluence",
    name: "Restauration collective",
    needs:
      "Repas des crèches et des restaurants scolaires : produits locaux et de saison, réduction du gaspillage, livraison en liaison froide.",
  },
  {
    holder: "metropole-rhone-confluence",
    name: "Numérique et logistique urbaine",
    needs:
      "Logiciels pour les services à la population, livraison du dernier kilomètre à vélo, impression et reprographie.",
  },
  {
    holder: "departement-haut-doubs",
    name: "Le Département du Haut-Doubs, invité du salon",
    needs:
      "Mobilier des collèges, charpente et couverture de bâtiments départementaux : le Département cherche aussi des entreprises hors de son territoire.",
  },
] as const;

/** Slot indices booked at each stand (the first stand is full: 20 of 20). */
const BOOKED_AT: readonly (readonly number[])[] = [
  Array.from({ length: 20 }, (_, index) => index),
  [0, 1, 2, 4, 5, 8, 9, 12],
  [1, 3, 6, 7, 10],
  [0, 2, 5, 11, 15, 16],
  [3, 4, 9],
];

export async function seedDemoMeetings(): Promise<DemoMeetingsSummary> {
  const before = await db.ledgerRecord.count();
  const organizer = await demoOrganization("metropole-rhone-confluence");
  const cci = await demoOrganization("cci-rhone-confluence");
  const suppliers = await demoSuppliers();
  const day = await allowedDemoDay(organizer, 50, 4);
  const procurements = await publicProcurements(organizer.id, 6);
  const actor = { id: organizer.admin.id, name: organizer.admin.name };
  const organization = { id: organizer.id, name: organizer.name, departement: organizer.departement };

  const created = await createEvent(
    actor,
    organization,
    eventSchema.parse({
      kind: "reverse_fair",
      title: "Salon inversé 2027 de la Métropole Rhône-Confluence",
      description:
        "Pour la première fois, ce sont les acheteurs qui tiennent les stands. Venez présenter votre entreprise en un quart d'heure aux services qui achètent : entretien des bâtiments, espaces verts, restauration collective, numérique.\n\nAucun prix ni aucune condition de marché ne sont discutés : les rendez-vous servent à connaître les savoir-faire du territoire avant les consultations de 2027. Les comptes rendus sont versés au dossier de chaque achat.",
      departement: "69",
      location: "Hôtel de la Métropole, salle du Conseil, 20 rue du Lac, 69003 Lyon",
      coHostOrganizationId: cci.id,
      date: day,
      startTime: "09:00",
      endTime: "17:00",
      registrationDeadline: `${addDays(day, -2)}T18:00`,
      cancellationCutoff: `${addDays(day, -1)}T12:00`,
      plannedProcurementIds: procurements.slice(0, 2).map((procurement) => procurement.id),
    }),
  );
  if (!created.ok) throw new Error(`Demo fair refused: ${JSON.stringify(created)}`);

  const standIds: string[] = [];
  for (const [index, stand] of STANDS.entries()) {
    const holder = stand.holder === "metropole-rhone-confluence" ? organizer : await demoOrganization(stand.holder);
    const linked =
      holder.id === organizer.id ? procurements.slice(index + 1, index + 2) : await publicProcurements(holder.id, 1);
    const result = await addStand(
      actor,
      organization,
      created.id,
      standSchema.parse({
        organizationId: holder.id,
        name: stand.name,
        needs: stand.needs,
        opensAt: "09:00",
        closesAt: "16:00",
        slotMinutes: "15",
        breaks: "12:00-14:00",
        plannedProcurementIds: linked.map((procurement) => procurement.id),
      }),
    );
    if (!result.ok) throw new Error(`Demo stand refused: ${JSON.stringify(result)}`);
    standIds.push(result.id);
  }
  const published = await publishEvent(actor, organization, created.id);
  if (!published.ok) throw new Error(`Demo fair not published: ${published.message}`);

  // Menuiserie Perrin (fournisseur@amont.test) keeps a clean slate to try booking in the demo.
  // Supplier k books slot (k - offset) at a stand: a different offset per stand keeps each
  // supplier's appointments at different times (never two overlapping slots at the fair).
  for (const [standIndex, standId] of standIds.entries()) {
    const slots = await db.slot.findMany({ where: { standId }, orderBy: { startsAt: "asc" }, select: { id: true } });
    for (const slotIndex of BOOKED_AT[standIndex]!) {
      const supplier = suppliers[1 + ((slotIndex + 3 * standIndex) % 20)]!;
      const result = await bookSlot(actorOf(supplier), supplier.id, slots[slotIndex]!.id, { origin: DEMO_ORIGIN });
      if (!result.ok) throw new Error(`Demo booking refused: ${result.message}`);
    }
  }
  // The full stand's waiting list, in order.
  for (const supplier of suppliers.slice(21, 24)) {
    const result = await joinStandWaitlist(actorOf(supplier), supplier.id, standIds[0]!);
    if (!result.ok) throw new Error(`Demo waiting list refused: ${result.message}`);
  }

  const webinars = await seedWebinarsIfPresent();
  return { events: 1 + webinars.events, ledgerRecords: (await db.ledgerRecord.count()) - before };
}

/** The webinars and the past meeting (prisma/seed-meetings-webinars.ts); its ledger records are counted above. */
async function seedWebinarsIfPresent(): Promise<{ events: number }> {
  const summary = await seedDemoWebinars();
  return { events: summary.events };
}
