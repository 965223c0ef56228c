// The booking race through the real built server: 200 supplier organisations, each signed in,
// post at the same time for 20 slots of one stand (50 of them also try a second slot there).
// Exactly 20 bookings, every slot once, no organisation twice at the stand, and every loser gets
// a French answer (a redirect to the page with the message); the ledger and the outbox hold one record and one confirmation per booking.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, sessionCookieHeader } from "~/auth/session.server";
import { db, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { MESSAGES } from "~/meetings/bookings.server";
import { addStand, createEvent, publishEvent } from "~/meetings/events.server";
import { createBuyer } from "../plan/fixtures";
import { startServer, type RunningServer } from "../support/server";
import { fairInput, standInput } from "./fair-fixtures";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

const SUPPLIERS = 200;

async function createSignedInSuppliers(count: number) {
  const suffix = randomUUID().slice(0, 8);
  return write(async (tx) => {
    const result: { organizationId: string; cookie: string }[] = [];
    for (let index = 0; index < count; index++) {
      const user = await tx.user.create({
        data: {
          name: `Gérant ${index}`,
          email: `gerant-${index}-${suffix}@exemple.fr`,
          passwordHash: "x",
          emailVerifiedAt: new Date(),
        },
      });
      const organization = await tx.organization.create({
        data: {
          kind: "supplier",
          name: `Entreprise ${index}`,
          slug: `entreprise-${index}-${suffix}`,
          departement: "69",
          siret: `9${String(index).padStart(5, "0")}${suffix}`.slice(0, 14),
          memberships: { create: { userId: user.id, role: "admin" } },
        },
      });
      const { token } = await createSession(tx, user.id, { activeOrganizationId: organization.id });
      result.push({ organizationId: organization.id, cookie: (await sessionCookieHeader(token)).split(";")[0]! });
    }
    return result;
  });
}

describe("booking race over HTTP", () => {
  it("gives each of 20 slots to exactly one of 200 concurrent suppliers", async () => {
    const buyer = await createBuyer({ name: "Métropole de la course", departement: "69" });
    const event = await createEvent(buyer.actor, buyer.organization, fairInput({ endTime: "17:00" }));
    if (!event.ok) throw new Error(JSON.stringify(event));
    const stand = await addStand(
      buyer.actor,
      buyer.organization,
      event.id,
      standInput(buyer.organization.id, { opensAt: "09:00", closesAt: "14:00", slotMinutes: "15" }),
    );
    if (!stand.ok) throw new Error(JSON.stringify(stand));
    expect(stand.slots).toBe(20);
    const published = await publishEvent(buyer.actor, buyer.organization, event.id);
    expect(published.ok).toBe(true);
    const slots = await db.slot.findMany({
      where: { standId: stand.id },
      orderBy: { startsAt: "asc" },
      select: { id: true },
    });
    const suppliers = await createSignedInSuppliers(SUPPLIERS);

    const post = (supplier: { organizationId: string; cookie: string }, slotId: string) =>
      fetch(`${server.url}/evenements/${event.id}`, {
        method: "POST",
        headers: { Origin: server.origin, Cookie: supplier.cookie },
        body: new URLSearchParams({ intent: "reserver", organizationId: supplier.organizationId, slotId }),
        redirect: "manual",
      }).then(async (response) => ({
        status: response.status,
        supplier,
        toast: (response.headers.get("set-cookie") ?? "").split(";")[0]!,
      }));
    const requests = [
      ...suppliers.map((supplier, index) => post(supplier, slots[index % slots.length]!.id)),
      // The first 50 also try a second slot at the same stand, at the same time.
      ...suppliers.slice(0, 50).map((supplier, index) => post(supplier, slots[(index + 7) % slots.length]!.id)),
    ];
    const responses = await Promise.all(requests);

    const won = responses.filter((response) => response.status === 302);
    expect(won).toHaveLength(20);
    // Refusals come back to the page (303) with the French message in a one-time toast.
    const refused = responses.filter((candidate) => candidate.status !== 302);
    for (const response of refused) expect(response.status).toBe(303);
    for (const response of refused.slice(0, 5)) {
      const page = await fetch(`${server.url}/evenements/${event.id}`, {
        headers: { Cookie: `${response.supplier.cookie}; ${response.toast}` },
      });
      const html = (await page.text()).replaceAll("&#x27;", "'");
      expect(html.includes(MESSAGES.slotTaken) || html.includes(MESSAGES.alreadyAtStand)).toBe(true);
    }
    const bookings = await db.booking.findMany({
      where: { standId: stand.id },
      select: { slotId: true, supplierOrganizationId: true },
    });
    expect(bookings).toHaveLength(20);
    expect(new Set(bookings.map((booking) => booking.slotId)).size).toBe(20);
    expect(new Set(bookings.map((booking) => booking.supplierOrganizationId)).size).toBe(20);
    expect(await db.ledgerRecord.count({ where: { eventId: event.id, kind: "meeting.slot_booked" } })).toBe(20);
    expect(await db.outboxMessage.count({ where: { subject: { startsWith: "Rendez-vous réservé" } } })).toBe(20);
    expect((await verifyLedger()).ok).toBe(true);
  }, 120_000);
});
