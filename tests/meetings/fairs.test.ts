// Reverse fairs on a real database: calendar-checked days, stands and slots, publishing on the
// ledger, booking rules (one slot per stand, no overlap, no double booking even concurrently),
// misuse refused in French without any write, cancellation and the stand's waiting list in order.
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache } from "~/calendar/calendar.server";
import { db, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { parseAttachments } from "~/mail/outbox.server";
import {
  bookSlot,
  cancelBooking,
  joinStandWaitlist,
  leaveStandWaitlist,
  MESSAGES,
  uniqueViolation,
} from "~/meetings/bookings.server";
import { addStand, createEvent, publishEvent } from "~/meetings/events.server";
import { parisLocalToUtc } from "~/meetings/slots";
import { addDays } from "~/calendar/dates";
import { createBuyer } from "../plan/fixtures";
import { dayFr, icsUtc, nextChristmas, schoolHolidayWeekday } from "../support/days";
import {
  createSupplier,
  EVE,
  FAIR_DATE,
  fairInput,
  ORIGIN,
  publishedFair,
  standInput,
  supplierActor,
} from "./fair-fixtures";

beforeAll(() => invalidateCalendarCache());

async function slotsOf(standId: string) {
  return db.slot.findMany({ where: { standId }, orderBy: { startsAt: "asc" } });
}

async function counts() {
  const [bookings, ledger, outbox, waitlist] = await Promise.all([
    db.booking.count(),
    db.ledgerRecord.count(),
    db.outboxMessage.count(),
    db.standWaitlistEntry.count(),
  ]);
  return { bookings, ledger, outbox, waitlist };
}

describe("events", () => {
  it("refuses a fair on Christmas Day, names the reason and proposes the next allowed day", async () => {
    const buyer = await createBuyer({ name: "Communauté de communes Beaujolais", departement: "69" });
    const christmas = nextChristmas();
    const result = await createEvent(
      buyer.actor,
      buyer.organization,
      fairInput({
        date: christmas.date,
        registrationDeadline: `${addDays(christmas.date, -5)}T18:00`,
        cancellationCutoff: undefined,
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.date?.[0]).toContain(`Date refusée : le ${dayFr(christmas.date)} tombe pendant`);
    expect(result.fieldErrors.date?.[0]).toContain("Noël");
    expect(result.proposal).toBe(christmas.nextAllowed);
    expect(christmas.nextAllowed > `${christmas.date.slice(0, 4)}-12-31`).toBe(true);
    expect(await db.event.count({ where: { organizationId: buyer.organization.id } })).toBe(0);
  });

  it("asks for a justification during school holidays (the default policy), then accepts it", async () => {
    const buyer = await createBuyer({ name: "Ville de Villeurbanne", departement: "69" });
    const holiday = schoolHolidayWeekday();
    const without = await createEvent(
      buyer.actor,
      buyer.organization,
      fairInput({
        date: holiday,
        registrationDeadline: `${addDays(holiday, -1)}T18:00`,
        cancellationCutoff: undefined,
      }),
    );
    expect(without.ok).toBe(false);
    if (!without.ok)
      expect(without.fieldErrors.dateJustification?.[0]).toMatch(
        /Vacances (d'Hiver|de Printemps|de la Toussaint) \(zone A\)/,
      );
    const withReason = await createEvent(
      buyer.actor,
      buyer.organization,
      fairInput({
        date: holiday,
        registrationDeadline: `${addDays(holiday, -1)}T18:00`,
        cancellationCutoff: undefined,
        dateJustification: "La salle n'est libre que pendant les vacances scolaires.",
      }),
    );
    expect(withReason.ok).toBe(true);
    if (withReason.ok)
      expect((await db.event.findUnique({ where: { id: withReason.id } }))?.dateJustification).toContain("La salle");
  });

  it("stores Paris times as UTC instants and refuses a stand outside the fair's hours or held by a supplier", async () => {
    const buyer = await createBuyer({ name: "Métropole Test", departement: "69" });
    const created = await createEvent(buyer.actor, buyer.organization, fairInput());
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const event = await db.event.findUniqueOrThrow({ where: { id: created.id } });
    // 9:00 in Paris on the fair's day, whatever the season: 8:00 UTC in winter, 7:00 in summer.
    const paris = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    expect(paris.format(event.startsAt)).toBe(`${FAIR_DATE}, 09:00`);
    expect([7, 8]).toContain(event.startsAt.getUTCHours());
    expect(event.status).toBe("draft");

    const late = await addStand(
      buyer.actor,
      buyer.organization,
      created.id,
      standInput(buyer.organization.id, { opensAt: "12:00", closesAt: "13:30" }),
    );
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.fieldErrors.opensAt?.[0]).toContain("de 09:00 à 12:30");
    const supplier = await createSupplier("Entreprise Stand");
    const wrongHolder = await addStand(
      buyer.actor,
      buyer.organization,
      created.id,
      standInput(supplier.organization.id),
    );
    expect(wrongHolder.ok).toBe(false);

    const stand = await addStand(
      buyer.actor,
      buyer.organization,
      created.id,
      standInput(buyer.organization.id, { closesAt: "12:30", breaks: "10:30-10:45" }),
    );
    expect(stand.ok).toBe(true);
    if (stand.ok) expect(stand.slots).toBe(9);
  });

  it("publishes on the ledger with the event and its single linked procurement", async () => {
    const { eventId } = await publishedFair();
    const record = await db.ledgerRecord.findFirstOrThrow({ where: { eventId, kind: "meeting.event_published" } });
    expect(record.summary).toContain("Salon inversé publié");
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).status).toBe("published");
  });

  it("refuses to publish a fair without stands", async () => {
    const buyer = await createBuyer({ name: "Syndicat sans stand", departement: "69" });
    const created = await createEvent(buyer.actor, buyer.organization, fairInput());
    if (!created.ok) throw new Error("not created");
    const result = await publishEvent(buyer.actor, buyer.organization, created.id);
    expect(result).toEqual({ ok: false, message: "Ajoutez au moins un stand avant de publier le salon." });
  });
});

describe("booking", () => {
  it("books a slot: booking, ledger record and confirmation with an .ics REQUEST, in one go", async () => {
    const { standId, eventId } = await publishedFair();
    const supplier = await createSupplier("Menuiserie Perrin");
    const [slot] = await slotsOf(standId);
    const result = await bookSlot(supplierActor(supplier), supplier.organization.id, slot!.id, { origin: ORIGIN });
    expect(result.ok).toBe(true);
    const record = await db.ledgerRecord.findFirstOrThrow({ where: { eventId, kind: "meeting.slot_booked" } });
    expect(record.summary).toContain("Menuiserie Perrin réserve le rendez-vous de 09:00 à 09:20");
    const [message] = await db.outboxMessage.findMany({ where: { to: supplier.user.email } });
    expect(message!.subject).toContain("Rendez-vous réservé");
    const [ics] = parseAttachments(message!.attachments);
    expect(ics!.content).toContain("METHOD:REQUEST");
    expect(ics!.content).toContain(`DTSTART:${icsUtc(parisLocalToUtc(FAIR_DATE, "09:00"))}`);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("refuses a taken slot, a second slot at the stand, an overlapping slot, and writes nothing", async () => {
    const { standId, eventId, buyer } = await publishedFair();
    const other = await addStand(
      buyer.actor,
      buyer.organization,
      eventId,
      standInput(buyer.organization.id, { name: "Espaces verts", slotMinutes: "30" }),
    );
    if (!other.ok) throw new Error("no stand");
    const a = await createSupplier("Entreprise A");
    const b = await createSupplier("Entreprise B");
    const [first, second] = await slotsOf(standId);
    const [otherFirst, otherSecond] = await slotsOf(other.id);
    expect((await bookSlot(supplierActor(a), a.organization.id, first!.id, { origin: ORIGIN })).ok).toBe(true);
    const before = await counts();

    expect(await bookSlot(supplierActor(b), b.organization.id, first!.id, { origin: ORIGIN })).toEqual({
      ok: false,
      message: MESSAGES.slotTaken,
      status: 409,
    });
    expect(await bookSlot(supplierActor(a), a.organization.id, second!.id, { origin: ORIGIN })).toEqual({
      ok: false,
      message: MESSAGES.alreadyAtStand,
      status: 409,
    });
    // 9:00-9:30 at the other stand overlaps A's 9:00-9:20.
    const overlap = await bookSlot(supplierActor(a), a.organization.id, otherFirst!.id, { origin: ORIGIN });
    expect(overlap).toMatchObject({ ok: false, status: 409 });
    if (!overlap.ok) expect(overlap.message).toContain("chevauche votre rendez-vous de 09:00 à 09:20");
    expect(await counts()).toEqual(before);
    // 9:30-10:00 does not overlap: accepted.
    expect((await bookSlot(supplierActor(a), a.organization.id, otherSecond!.id, { origin: ORIGIN })).ok).toBe(true);
  });

  it("refuses a tampered organisation id, a booking after the deadline, someone else's cancellation", async () => {
    const { standId } = await publishedFair();
    const a = await createSupplier("Entreprise Honnête");
    const b = await createSupplier("Entreprise Voisine");
    const [first, second] = await slotsOf(standId);
    const before = await counts();
    expect(await bookSlot(supplierActor(a), b.organization.id, first!.id, { origin: ORIGIN })).toEqual({
      ok: false,
      message: MESSAGES.notMember,
      status: 403,
    });
    const late = await bookSlot(supplierActor(a), a.organization.id, first!.id, {
      origin: ORIGIN,
      now: parisLocalToUtc(EVE, "18:00"),
    });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.message).toContain(`Les réservations de ce salon sont closes depuis le ${dayFr(EVE)}`);
    // A deadline on the first of a month reads "1er", as French writes it.
    const firstOfMonth = `${addDays(`${FAIR_DATE.slice(0, 8)}01`, 40).slice(0, 8)}01`;
    const slot = await db.slot.findUniqueOrThrow({ where: { id: first!.id } });
    await write((tx) =>
      tx.event.update({
        where: { id: slot.eventId },
        data: { registrationDeadline: parisLocalToUtc(firstOfMonth, "18:00") },
      }),
    );
    const lateOnTheFirst = await bookSlot(supplierActor(a), a.organization.id, first!.id, {
      origin: ORIGIN,
      now: parisLocalToUtc(firstOfMonth, "18:00"),
    });
    expect(lateOnTheFirst).toMatchObject({
      ok: false,
      message: `Les réservations de ce salon sont closes depuis le ${dayFr(firstOfMonth)} à 18:00.`,
    });
    expect(dayFr(firstOfMonth)).toContain(" 1er ");
    await write((tx) =>
      tx.event.update({ where: { id: slot.eventId }, data: { registrationDeadline: parisLocalToUtc(EVE, "18:00") } }),
    );
    expect(await counts()).toEqual(before);

    const booked = await bookSlot(supplierActor(b), b.organization.id, second!.id, { origin: ORIGIN });
    if (!booked.ok) throw new Error(booked.message);
    const afterBooking = await counts();
    expect(await cancelBooking(supplierActor(a), a.organization.id, booked.bookingId, { origin: ORIGIN })).toEqual({
      ok: false,
      message: MESSAGES.bookingNotFound,
      status: 404,
    });
    expect(await cancelBooking(supplierActor(a), b.organization.id, booked.bookingId, { origin: ORIGIN })).toEqual({
      ok: false,
      message: MESSAGES.notMember,
      status: 403,
    });
    const tooLate = await cancelBooking(supplierActor(b), b.organization.id, booked.bookingId, {
      origin: ORIGIN,
      now: parisLocalToUtc(EVE, "12:00"),
    });
    expect(tooLate.ok).toBe(false);
    if (!tooLate.ok) expect(tooLate.message).toContain("Il n'est plus possible d'annuler ce rendez-vous en ligne");
    expect(await counts()).toEqual(afterBooking);
  });

  it("never books a slot twice under concurrent requests: 30 suppliers, 3 slots, 3 bookings", async () => {
    const { standId } = await publishedFair();
    const suppliers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => createSupplier(`Concurrent ${index}`)),
    );
    const slots = await slotsOf(standId);
    const results = await Promise.all(
      suppliers.map((supplier, index) =>
        bookSlot(supplierActor(supplier), supplier.organization.id, slots[index % slots.length]!.id, {
          origin: ORIGIN,
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    for (const result of results) if (!result.ok) expect(result.message).toBe(MESSAGES.slotTaken);
    const bookings = await db.booking.findMany({ where: { standId } });
    expect(bookings).toHaveLength(3);
    expect(new Set(bookings.map((booking) => booking.slotId)).size).toBe(3);
  });

  it("lets the database refuse a second booking of a slot or of a stand, whatever the code checked", async () => {
    const { standId, eventId } = await publishedFair();
    const a = await createSupplier("Entreprise Contrainte A");
    const b = await createSupplier("Entreprise Contrainte B");
    const [first, second] = await slotsOf(standId);
    const row = (slotId: string, organizationId: string, userId: string) => ({
      slotId,
      standId,
      eventId,
      supplierOrganizationId: organizationId,
      bookedById: userId,
    });
    await write((tx) => tx.booking.create({ data: row(first!.id, a.organization.id, a.user.id) }));
    const sameSlot = await write((tx) =>
      tx.booking.create({ data: row(first!.id, b.organization.id, b.user.id) }),
    ).catch((error: unknown) => error);
    expect(uniqueViolation(sameSlot)).toBe("slot");
    const sameStand = await write((tx) =>
      tx.booking.create({ data: row(second!.id, a.organization.id, a.user.id) }),
    ).catch((error: unknown) => error);
    expect(uniqueViolation(sameStand)).toBe("stand");
    expect(await db.booking.count({ where: { standId } })).toBe(1);
  });
});

describe("cancellation and the stand's waiting list", () => {
  it("gives a freed slot to the first in line, then the next, and tells each by email with an invitation", async () => {
    const { standId, eventId } = await publishedFair();
    const slots = await slotsOf(standId);
    expect(slots).toHaveLength(3);
    const holders = await Promise.all(
      ["Titulaire 1", "Titulaire 2", "Titulaire 3"].map((name) => createSupplier(name)),
    );
    const bookingIds: string[] = [];
    for (const [index, holder] of holders.entries()) {
      const result = await bookSlot(supplierActor(holder), holder.organization.id, slots[index]!.id, {
        origin: ORIGIN,
      });
      if (!result.ok) throw new Error(result.message);
      bookingIds.push(result.bookingId);
    }
    const first = await createSupplier("Premier en attente");
    const second = await createSupplier("Second en attente");
    // A stand with free slots has no waiting list.
    const joined = await joinStandWaitlist(supplierActor(first), first.organization.id, standId);
    expect(joined.ok).toBe(true);
    if (joined.ok) expect(joined.message).toContain("rang 1");
    expect((await joinStandWaitlist(supplierActor(second), second.organization.id, standId)).ok).toBe(true);
    expect((await joinStandWaitlist(supplierActor(first), first.organization.id, standId)).ok).toBe(false);
    expect(await db.ledgerRecord.count({ where: { eventId, kind: "meeting.waitlist_joined" } })).toBe(2);

    // Titulaire 2 cancels: its slot goes to the first in line.
    const cancelled = await cancelBooking(supplierActor(holders[1]!), holders[1]!.organization.id, bookingIds[1]!, {
      origin: ORIGIN,
    });
    expect(cancelled.ok).toBe(true);
    const promoted = await db.booking.findUniqueOrThrow({ where: { slotId: slots[1]!.id } });
    expect(promoted).toMatchObject({
      supplierOrganizationId: first.organization.id,
      source: "waiting_list",
      bookedById: first.user.id,
    });
    const cancelMail = (
      await db.outboxMessage.findMany({ where: { to: holders[1]!.user.email }, orderBy: { createdAt: "asc" } })
    ).at(-1)!;
    expect(cancelMail.subject).toContain("Rendez-vous annulé");
    expect(parseAttachments(cancelMail.attachments)[0]!.content).toContain("METHOD:CANCEL");
    const promotedMail = (await db.outboxMessage.findMany({ where: { to: first.user.email } })).at(-1)!;
    expect(promotedMail.subject).toContain("Un créneau s’est libéré");
    expect(parseAttachments(promotedMail.attachments)[0]!.content).toContain("METHOD:REQUEST");
    expect(
      await db.standWaitlistEntry.findMany({ where: { standId }, select: { supplierOrganizationId: true } }),
    ).toEqual([{ supplierOrganizationId: second.organization.id }]);

    // The promoted organisation cancels in turn: the next in line gets it.
    expect((await cancelBooking(supplierActor(first), first.organization.id, promoted.id, { origin: ORIGIN })).ok).toBe(
      true,
    );
    const next = await db.booking.findUniqueOrThrow({ where: { slotId: slots[1]!.id } });
    expect(next.supplierOrganizationId).toBe(second.organization.id);
    expect(await db.standWaitlistEntry.count({ where: { standId } })).toBe(0);

    // Nobody left in line: the slot is free again.
    expect((await cancelBooking(supplierActor(second), second.organization.id, next.id, { origin: ORIGIN })).ok).toBe(
      true,
    );
    expect(await db.booking.findUnique({ where: { slotId: slots[1]!.id } })).toBeNull();

    const kinds = (
      await db.ledgerRecord.findMany({ where: { eventId }, orderBy: { sequence: "asc" }, select: { kind: true } })
    ).map((record) => record.kind);
    expect(kinds.filter((kind) => kind === "meeting.waitlist_promoted")).toHaveLength(2);
    expect(kinds.filter((kind) => kind === "meeting.slot_cancelled")).toHaveLength(3);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("lets an organisation leave the waiting list, on the record, and the next one moves up", async () => {
    const { standId, eventId } = await publishedFair({ closesAt: "09:20" });
    const holder = await createSupplier("Seul titulaire");
    const [slot] = await slotsOf(standId);
    expect((await bookSlot(supplierActor(holder), holder.organization.id, slot!.id, { origin: ORIGIN })).ok).toBe(true);
    const first = await createSupplier("Attente qui renonce");
    const second = await createSupplier("Attente suivante");
    expect((await joinStandWaitlist(supplierActor(first), first.organization.id, standId)).ok).toBe(true);
    expect((await joinStandWaitlist(supplierActor(second), second.organization.id, standId)).ok).toBe(true);
    expect((await leaveStandWaitlist(supplierActor(first), first.organization.id, standId)).ok).toBe(true);
    expect(await db.ledgerRecord.count({ where: { eventId, kind: "meeting.waitlist_left" } })).toBe(1);
    const booking = await db.booking.findUniqueOrThrow({ where: { slotId: slot!.id } });
    expect(
      (await cancelBooking(supplierActor(holder), holder.organization.id, booking.id, { origin: ORIGIN })).ok,
    ).toBe(true);
    expect((await db.booking.findUniqueOrThrow({ where: { slotId: slot!.id } })).supplierOrganizationId).toBe(
      second.organization.id,
    );
  });

  it("refuses to join the waiting list of a stand that still has free slots", async () => {
    const { standId } = await publishedFair();
    const supplier = await createSupplier("Entreprise Pressée");
    expect(await joinStandWaitlist(supplierActor(supplier), supplier.organization.id, standId)).toEqual({
      ok: false,
      message: MESSAGES.standHasFreeSlots,
      status: 409,
    });
  });
});
