// After the event: attendance, notes under the price guard (notes are ledger records; a correction
// is a new record referring to the original), materials for every supplier, and refusals for
// people outside the organising buyer or ids from another event.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import {
  FOLLOW_UP_MESSAGES,
  followUpPage,
  followUpScope,
  publishMaterial,
  recordAttendance,
  writeNote,
  type FollowUpActor,
} from "~/meetings/follow-up.server";
import { register } from "~/meetings/registrations.server";
import { createBuyer } from "../plan/fixtures";
import { createSupplier, createWebinar, DAY, HOUR } from "./registrations-fixtures";

beforeAll(async () => {
  await connectDatabase();
});

type Party = Awaited<ReturnType<typeof createBuyer>>;
const actorOf = (party: Party): FollowUpActor => ({
  userId: party.user.id,
  name: party.user.name,
  organizationId: party.organization.id,
});

async function scopeFor(eventId: string, party: Party) {
  const result = await followUpScope(eventId, actorOf(party));
  if (!result.ok) throw new Error(result.message);
  return result.scope;
}

/** A webinar that took place yesterday, with registrants, registered while it was open. */
async function pastWebinar(people = 3) {
  const buyer = await createBuyer({ name: "Ville de Villeurbanne", departement: "69" });
  const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 10, startsInMs: DAY });
  const suppliers: Party[] = [];
  for (let i = 0; i < people; i++) {
    const supplier = await createSupplier(`Invité ${i}`);
    suppliers.push(supplier);
    await register({
      eventId: event.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: false,
    });
  }
  const startsAt = new Date(Date.now() - DAY);
  await write((tx) =>
    tx.event.update({ where: { id: event.id }, data: { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) } }),
  );
  return { buyer, event, suppliers };
}

/** A past reverse fair with two stands (the organiser's and another buyer's), one booking each. */
async function pastFair() {
  const organiser = await createBuyer({ name: "CCI Lyon Métropole acheteurs", departement: "69" });
  const standHolder = await createBuyer({ name: "Hospices civils", departement: "69" });
  const event = await createWebinar(organiser.organization.id, organiser.user.id, {
    kind: "reverse_fair",
    capacity: null,
    startsInMs: -DAY,
  });
  const [a, b] = [await createSupplier("Boulangerie Martin"), await createSupplier("Nettoyage Pro")];
  const ids = await write(async (tx) => {
    const make = async (organizationId: string, name: string, supplier: Party, minutes: number) => {
      const stand = await tx.stand.create({
        data: {
          eventId: event.id,
          organizationId,
          name,
          needs: "Besoins 2027",
          opensAt: "09:00",
          closesAt: "12:00",
          slotMinutes: 20,
        },
      });
      const startsAt = new Date(event.startsAt.getTime() + minutes * 60_000);
      const slot = await tx.slot.create({
        data: { standId: stand.id, eventId: event.id, startsAt, endsAt: new Date(startsAt.getTime() + 20 * 60_000) },
      });
      const emptySlot = await tx.slot.create({
        data: {
          standId: stand.id,
          eventId: event.id,
          startsAt: new Date(startsAt.getTime() + HOUR),
          endsAt: new Date(startsAt.getTime() + HOUR + 20 * 60_000),
        },
      });
      const booking = await tx.booking.create({
        data: {
          slotId: slot.id,
          standId: stand.id,
          eventId: event.id,
          supplierOrganizationId: supplier.organization.id,
          bookedById: supplier.user.id,
        },
      });
      return { stand, slot, emptySlot, booking };
    };
    return {
      own: await make(organiser.organization.id, "Stand de l’organisateur", a, 0),
      other: await make(standHolder.organization.id, "Stand des Hospices", b, 20),
    };
  });
  return { organiser, standHolder, event, suppliers: [a, b], ...ids };
}

describe("access", () => {
  it("refuses people who are not members of the organising buyer or of a stand holder", async () => {
    const { event, suppliers } = await pastWebinar(1);
    const stranger = await createBuyer({ name: "Autre commune", departement: "01" });
    // Another buyer's event answers as if it did not exist (404), like every record of another organisation.
    expect(await followUpScope(event.id, actorOf(stranger))).toEqual({
      ok: false,
      status: 404,
      message: FOLLOW_UP_MESSAGES.notFound,
    });
    expect(await followUpScope(event.id, actorOf(suppliers[0]!))).toMatchObject({ ok: false, status: 403 });
    // Claiming the organiser while not its member (tampered active organisation).
    const { buyer } = await pastWebinar(0);
    expect(
      await followUpScope(event.id, { ...actorOf(stranger), organizationId: buyer.organization.id }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await followUpScope("n-existe-pas", actorOf(stranger))).toMatchObject({ ok: false, status: 404 });
  });
});

describe("attendance", () => {
  it("records presence per registration and per booking, with a ledger record each, in scope only", async () => {
    const { buyer, event, suppliers } = await pastWebinar(2);
    const scope = await scopeFor(event.id, buyer);
    const [r0, r1] = await db.registration.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } });
    const outcome = await recordAttendance(actorOf(buyer), scope, [
      { target: "registration", id: r0!.id, attendance: "present" },
      { target: "registration", id: r1!.id, attendance: "absent" },
    ]);
    expect(outcome).toEqual({ ok: true, changed: 2 });
    expect((await db.registration.findUniqueOrThrow({ where: { id: r0!.id } })).attendance).toBe("present");
    const records = await db.ledgerRecord.findMany({
      where: { eventId: event.id, kind: "meeting.attendance_recorded" },
    });
    expect(records).toHaveLength(2);
    expect(records[0]!.organizationIds).toContain(suppliers[0]!.organization.id);
    // Saving the same values again changes nothing and writes nothing.
    expect(
      await recordAttendance(actorOf(buyer), scope, [{ target: "registration", id: r0!.id, attendance: "present" }]),
    ).toEqual({ ok: true, changed: 0 });

    const fair = await pastFair();
    const holderScope = await scopeFor(fair.event.id, fair.standHolder);
    expect(
      await recordAttendance(actorOf(fair.standHolder), holderScope, [
        { target: "booking", id: fair.other.booking.id, attendance: "present" },
      ]),
    ).toEqual({ ok: true, changed: 1 });
  });

  it("refuses the whole form when one id belongs to another event or another stand: nothing written", async () => {
    const { buyer, event } = await pastWebinar(1);
    const other = await pastWebinar(1);
    const scope = await scopeFor(event.id, buyer);
    const mine = await db.registration.findFirstOrThrow({ where: { eventId: event.id } });
    const foreign = await db.registration.findFirstOrThrow({ where: { eventId: other.event.id } });
    const ledgerBefore = await db.ledgerRecord.count();
    expect(
      await recordAttendance(actorOf(buyer), scope, [
        { target: "registration", id: mine.id, attendance: "present" },
        { target: "registration", id: foreign.id, attendance: "present" },
      ]),
    ).toEqual({ ok: false, field: "form", message: FOLLOW_UP_MESSAGES.unknownTarget });
    expect((await db.registration.findUniqueOrThrow({ where: { id: mine.id } })).attendance).toBeNull();
    expect((await db.registration.findUniqueOrThrow({ where: { id: foreign.id } })).attendance).toBeNull();
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);

    // A stand holder cannot mark the organiser's stand.
    const fair = await pastFair();
    const holderScope = await scopeFor(fair.event.id, fair.standHolder);
    expect(
      await recordAttendance(actorOf(fair.standHolder), holderScope, [
        { target: "booking", id: fair.own.booking.id, attendance: "absent" },
      ]),
    ).toMatchObject({
      ok: false,
      message: FOLLOW_UP_MESSAGES.unknownTarget,
    });
  });

  it("refuses attendance before the event starts", async () => {
    const buyer = await createBuyer({ name: "Commune future", departement: "69" });
    const event = await createWebinar(buyer.organization.id, buyer.user.id);
    const scope = await scopeFor(event.id, buyer);
    expect(
      await recordAttendance(actorOf(buyer), scope, [{ target: "registration", id: "x", attendance: "present" }]),
    ).toMatchObject({ message: FOLLOW_UP_MESSAGES.notStarted });
  });
});

describe("notes under the price guard", () => {
  const PRICEY = "L’entreprise nous a indiqué ses tarifs et une remise de 10 % pour 500 repas par jour.";

  it("refuses a note that talks about prices without a justification, and writes nothing", async () => {
    const { buyer, event } = await pastWebinar(1);
    const scope = await scopeFor(event.id, buyer);
    const ledgerBefore = await db.ledgerRecord.count();
    const outcome = await writeNote(actorOf(buyer), scope, { body: PRICEY, guardJustification: "trop court" });
    expect(outcome).toMatchObject({
      ok: false,
      field: "guardJustification",
      message: FOLLOW_UP_MESSAGES.justificationNeeded,
    });
    expect(outcome.ok ? [] : outcome.findings?.map((finding) => finding.rule)).toEqual(
      expect.arrayContaining(["price", "rebate"]),
    );
    expect(await db.meetingNote.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);
  });

  it("accepts it with a written justification, kept on the ledger with the note's text", async () => {
    const { buyer, event } = await pastWebinar(1);
    const scope = await scopeFor(event.id, buyer);
    const justification = "Information spontanée de l’entreprise, consignée pour la transparence ; aucune négociation.";
    const outcome = await writeNote(actorOf(buyer), scope, { body: PRICEY, guardJustification: justification });
    if (!outcome.ok) throw new Error(outcome.message);
    const record = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: outcome.ledgerSequence } });
    expect(record.kind).toBe("meeting.note_written");
    expect(record.eventId).toBe(event.id);
    const payload = JSON.parse(record.payload) as {
      body: string;
      priceGuard: { justification: string; findings: unknown[] };
    };
    expect(payload.body).toBe(PRICEY);
    expect(payload.priceGuard.justification).toBe(justification);
    expect(payload.priceGuard.findings.length).toBeGreaterThan(0);
    expect(await db.meetingNote.findUniqueOrThrow({ where: { id: outcome.noteId } })).toMatchObject({
      guardJustification: justification,
      ledgerSequence: record.sequence,
    });
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("a correction is a new note and record referring to the original, which stays as it was", async () => {
    const { buyer, event } = await pastWebinar(1);
    const scope = await scopeFor(event.id, buyer);
    const original = await writeNote(actorOf(buyer), scope, {
      body: "Douze entreprises présentes, questions sur les volumes et les délais de livraison.",
    });
    if (!original.ok) throw new Error(original.message);
    const correction = await writeNote(actorOf(buyer), scope, {
      body: "Correction : quatorze entreprises présentes (deux arrivées en retard).",
      correctsNoteId: original.noteId,
    });
    if (!correction.ok) throw new Error(correction.message);
    // Correcting the correction still refers to the original.
    const second = await writeNote(actorOf(buyer), scope, {
      body: "Correction : les questions portaient aussi sur les emballages.",
      correctsNoteId: correction.noteId,
    });
    if (!second.ok) throw new Error(second.message);

    const notes = await db.meetingNote.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } });
    expect(notes[0]!.body).toBe("Douze entreprises présentes, questions sur les volumes et les délais de livraison.");
    expect(notes.slice(1).map((note) => note.correctsNoteId)).toEqual([original.noteId, original.noteId]);
    const record = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: correction.ledgerSequence } });
    expect(record.kind).toBe("meeting.note_corrected");
    expect(JSON.parse(record.payload)).toMatchObject({
      correctsNoteId: original.noteId,
      correctsLedgerSequence: original.ledgerSequence,
    });

    const page = await followUpPage(scope);
    expect(page.meetingNotes).toHaveLength(1);
    expect(page.meetingNotes[0]!.original.id).toBe(original.noteId);
    expect(page.meetingNotes[0]!.corrections.map((note) => note.id)).toEqual([correction.noteId, second.noteId]);
  });

  it("per slot at a reverse fair: only booked slots of one's own stands; tampered ids are refused", async () => {
    const fair = await pastFair();
    const holderScope = await scopeFor(fair.event.id, fair.standHolder);
    const ok = await writeNote(actorOf(fair.standHolder), holderScope, {
      slotId: fair.other.slot.id,
      body: "Entreprise de nettoyage, 40 salariés, intéressée par le lot vitrerie.",
    });
    expect(ok).toMatchObject({ ok: true });
    const note = await db.meetingNote.findFirstOrThrow({ where: { eventId: fair.event.id } });
    expect(note.supplierOrganizationId).toBe(fair.suppliers[1]!.organization.id);

    const before = await db.meetingNote.count();
    expect(
      await writeNote(actorOf(fair.standHolder), holderScope, {
        slotId: fair.own.slot.id,
        body: "Note sur le stand d’un autre acheteur.",
      }),
    ).toMatchObject({
      ok: false,
      message: FOLLOW_UP_MESSAGES.unknownSlot,
    });
    expect(
      await writeNote(actorOf(fair.standHolder), holderScope, {
        slotId: fair.other.emptySlot.id,
        body: "Créneau que personne n’a réservé.",
      }),
    ).toMatchObject({
      message: FOLLOW_UP_MESSAGES.slotWithoutBooking,
    });
    expect(
      await writeNote(actorOf(fair.standHolder), holderScope, { body: "Note sans créneau pour un salon." }),
    ).toMatchObject({ message: FOLLOW_UP_MESSAGES.slotRequired });
    // A note id from another event cannot be "corrected" here.
    const other = await pastWebinar(0);
    const foreign = await writeNote(actorOf(other.buyer), await scopeFor(other.event.id, other.buyer), {
      body: "Compte rendu d’un autre événement.",
    });
    if (!foreign.ok) throw new Error(foreign.message);
    expect(
      await writeNote(actorOf(fair.standHolder), holderScope, {
        body: "Tentative de correction.",
        correctsNoteId: foreign.noteId,
      }),
    ).toMatchObject({
      message: FOLLOW_UP_MESSAGES.unknownNote,
    });
    expect(await db.meetingNote.count()).toBe(before + 1);
  });
});

describe("scheduled messages on the follow-up page", () => {
  it("shows the organiser when the join link goes out, then that it went out, and a failure with its reason", async () => {
    const buyer = await createBuyer({ name: "Commune programmée", departement: "69" });
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { onlineUrl: null });
    const supplier = await createSupplier("Inscrit programmé");
    await register({
      eventId: event.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: false,
    });
    const scope = await scopeFor(event.id, buyer);
    expect((await followUpPage(scope)).scheduled[0]!.status).toMatch(/^prévu \(/);

    // No link was entered for this online event: the job fails visibly after its last attempt.
    const { runDueJobs } = await import("~/jobs/worker.server");
    const { JOB_HANDLERS } = await import("~/jobs/handlers.server");
    const { MAX_JOB_ATTEMPTS, jobRetryDelayMs } = await import("~/jobs/queue.server");
    let clock = event.startsAt.getTime() - 23 * HOUR;
    const quiet = console.error;
    console.error = () => {};
    try {
      for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt++) {
        await runDueJobs(JOB_HANDLERS, { workerId: "t", now: new Date(clock), limit: 500 });
        clock += jobRetryDelayMs(attempt) + 60_000;
      }
    } finally {
      console.error = quiet;
    }
    const joinLink = (await followUpPage(scope)).scheduled[0]!;
    expect(joinLink).toMatchObject({
      failed: true,
      status: expect.stringContaining("Le lien de connexion de l’événement n’est pas renseigné."),
    });
  });
});

describe("materials", () => {
  it("are published for everyone and announced by one identical email to every supplier who booked or registered, present or not", async () => {
    const { buyer, event, suppliers } = await pastWebinar(3);
    const scope = await scopeFor(event.id, buyer);
    const [first] = await db.registration.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } });
    await recordAttendance(actorOf(buyer), scope, [{ target: "registration", id: first!.id, attendance: "absent" }]);
    const outcome = await publishMaterial(actorOf(buyer), scope, {
      kind: "slides",
      title: "Diaporama de la réunion",
      url: "https://exemple.fr/diaporama.pdf",
    });
    expect(outcome).toMatchObject({ ok: true, recipients: 3 });
    const messages = await db.outboxMessage.findMany({
      where: { template: "event-materials", to: { in: suppliers.map((s) => s.user.email) } },
    });
    expect(messages).toHaveLength(3);
    expect(new Set(messages.map((message) => message.html)).size).toBe(1);
    expect(await db.eventMaterial.count({ where: { eventId: event.id } })).toBe(1);
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { eventId: event.id, kind: "meeting.materials_published" },
    });
    for (const supplier of suppliers) expect(record.organizationIds).toContain(supplier.organization.id);

    // At a fair, stand bookers get it too; a stand holder may not publish for the event.
    const fair = await pastFair();
    const fairOutcome = await publishMaterial(actorOf(fair.organiser), await scopeFor(fair.event.id, fair.organiser), {
      kind: "recording",
      title: "Enregistrement",
      url: "https://exemple.fr/video",
    });
    expect(fairOutcome).toMatchObject({ ok: true, recipients: 2 });
    expect(
      await publishMaterial(actorOf(fair.standHolder), await scopeFor(fair.event.id, fair.standHolder), {
        kind: "document",
        title: "Doc",
        url: "https://exemple.fr/doc",
      }),
    ).toMatchObject({
      ok: false,
      message: FOLLOW_UP_MESSAGES.organizerOnly,
    });
  });
});
