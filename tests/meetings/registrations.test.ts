// Webinar registrations: capacity, waiting list in arrival order under concurrency, promotion in
// order, refusals with French messages and nothing written, the ledger in the same transaction.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { parseAttachments } from "~/mail/outbox.server";
import {
  cancelRegistration,
  promoteFromWaitingList,
  register,
  registrationPage,
  REGISTRATION_MESSAGES,
} from "~/meetings/registrations.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { createBuyer } from "../plan/fixtures";
import { createSupplier, createWebinar, DAY, outboxFor } from "./registrations-fixtures";

beforeAll(async () => {
  await connectDatabase();
});

async function organiser() {
  return createBuyer({ name: "Métropole de Lyon", departement: "69" });
}

async function counts(eventId: string) {
  return {
    registrations: await db.registration.count({ where: { eventId } }),
    ledger: await db.ledgerRecord.count({ where: { eventId } }),
    outbox: await db.outboxMessage.count(),
  };
}

describe("capacity and waiting list", () => {
  it("concurrent registrations beyond capacity: exactly `capacity` confirmed, the rest waiting in arrival order with distinct positions", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 5 });
    const suppliers = await Promise.all(Array.from({ length: 14 }, (_, i) => createSupplier(`Entreprise ${i}`)));

    const outcomes = await Promise.all(
      suppliers.map((supplier) =>
        register({
          eventId: event.id,
          userId: supplier.user.id,
          organizationId: supplier.organization.id,
          waitingList: true,
        }),
      ),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);

    const rows = await db.registration.findMany({ where: { eventId: event.id } });
    const confirmed = rows.filter((row) => row.status === "confirmed");
    const waiting = rows.filter((row) => row.status === "waiting");
    expect(confirmed).toHaveLength(5);
    expect(waiting).toHaveLength(9);
    const positions = waiting.map((row) => row.waitingPosition).sort((a, b) => a! - b!);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // Arrival order = the order the registrations were committed, which the ledger records.
    const ledger = await db.ledgerRecord.findMany({ where: { eventId: event.id }, orderBy: { sequence: "asc" } });
    expect(ledger.map((record) => record.kind)).toEqual([
      ...Array(5).fill("meeting.registered"),
      ...Array(9).fill("meeting.waitlist_joined"),
    ]);
    const waitingInLedgerOrder = ledger
      .slice(5)
      .map((record) => (JSON.parse(record.payload) as { registrationId: string }).registrationId);
    const byPosition = [...waiting].sort((a, b) => a.waitingPosition! - b.waitingPosition!).map((row) => row.id);
    expect(byPosition).toEqual(waitingInLedgerOrder);

    // Each person got the email matching their outcome; only confirmations carry the .ics.
    for (const row of rows) {
      const [message] = await outboxFor(row.email);
      expect(message?.template).toBe(row.status === "confirmed" ? "registration-confirmed" : "registration-waitlisted");
      expect(parseAttachments(message!.attachments)).toHaveLength(row.status === "confirmed" ? 1 : 0);
    }
    const [confirmedMail] = await outboxFor(confirmed[0]!.email);
    const ics = parseAttachments(confirmedMail!.attachments)[0]!;
    expect(ics.contentType).toContain("method=REQUEST");
    expect(ics.content).toContain(`UID:registration-${confirmed[0]!.id}@amont`);

    // The page shows each waiting person's rank.
    const last = [...waiting].sort((a, b) => b.waitingPosition! - a.waitingPosition!)[0]!;
    const page = await registrationPage(event.id, last.userId);
    expect(page).toMatchObject({ placesLeft: 0, waitingCount: 9, isFull: true, mine: { status: "waiting", rank: 9 } });
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("cancellations promote the waiting list in order, with a promotion email and an .ics; a waiting person who leaves promotes nobody", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 2 });
    const suppliers: Awaited<ReturnType<typeof createSupplier>>[] = [];
    for (let i = 0; i < 5; i++) {
      const supplier = await createSupplier(`Fournisseur ${i}`);
      suppliers.push(supplier);
      await register({
        eventId: event.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: true,
      });
    }
    const registrationOf = async (i: number) =>
      db.registration.findUniqueOrThrow({
        where: { eventId_userId: { eventId: event.id, userId: suppliers[i]!.user.id } },
      });

    // Two confirmed (0, 1), three waiting (2, 3, 4). The fourth leaves the waiting list first.
    const fourth = await registrationOf(3);
    expect(
      await cancelRegistration({ eventId: event.id, registrationId: fourth.id, userId: suppliers[3]!.user.id }),
    ).toEqual({ ok: true, promotedRegistrationIds: [] });

    const first = await registrationOf(0);
    const outcome = await cancelRegistration({
      eventId: event.id,
      registrationId: first.id,
      userId: suppliers[0]!.user.id,
    });
    expect(outcome).toEqual({ ok: true, promotedRegistrationIds: [(await registrationOf(2)).id] });
    expect(await registrationOf(2)).toMatchObject({
      status: "confirmed",
      waitingPosition: null,
      promotedAt: expect.any(Date),
    });
    const second = await registrationOf(1);
    await cancelRegistration({ eventId: event.id, registrationId: second.id, userId: suppliers[1]!.user.id });
    expect(await registrationOf(4)).toMatchObject({ status: "confirmed" });

    const promotedMail = (await outboxFor(suppliers[2]!.user.email)).at(-1)!;
    expect(promotedMail.template).toBe("registration-promoted");
    expect(parseAttachments(promotedMail.attachments)[0]!.content).toContain("METHOD:REQUEST");
    const cancelMail = (await outboxFor(suppliers[0]!.user.email)).at(-1)!;
    expect(cancelMail.template).toBe("registration-cancelled");
    expect(parseAttachments(cancelMail.attachments)[0]!.content).toContain("METHOD:CANCEL");
    expect(parseAttachments(cancelMail.attachments)[0]!.content).toContain("SEQUENCE:1");

    const kinds = (await db.ledgerRecord.findMany({ where: { eventId: event.id }, orderBy: { sequence: "asc" } })).map(
      (record) => record.kind,
    );
    expect(kinds.slice(5)).toEqual([
      "meeting.registration_cancelled",
      "meeting.registration_cancelled",
      "meeting.waitlist_promoted",
      "meeting.registration_cancelled",
      "meeting.waitlist_promoted",
    ]);
    expect(await db.registration.count({ where: { eventId: event.id, status: "confirmed" } })).toBe(2);
  });

  it("concurrent cancellations and registrations never overbook and promote each waiting person once", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 3 });
    const early: Awaited<ReturnType<typeof createSupplier>>[] = [];
    for (let i = 0; i < 6; i++) {
      const supplier = await createSupplier(`Tôt ${i}`);
      early.push(supplier);
      await register({
        eventId: event.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: true,
      });
    }
    const latecomers = await Promise.all(Array.from({ length: 4 }, (_, i) => createSupplier(`Tard ${i}`)));
    const confirmedRows = await db.registration.findMany({ where: { eventId: event.id, status: "confirmed" } });
    await Promise.all([
      ...confirmedRows.map((row) =>
        cancelRegistration({ eventId: event.id, registrationId: row.id, userId: row.userId }),
      ),
      ...latecomers.map((supplier) =>
        register({
          eventId: event.id,
          userId: supplier.user.id,
          organizationId: supplier.organization.id,
          waitingList: true,
        }),
      ),
    ]);
    const rows = await db.registration.findMany({ where: { eventId: event.id } });
    expect(rows.filter((row) => row.status === "confirmed")).toHaveLength(3);
    // The three who were waiting got the three freed places, not the latecomers.
    const promoted = rows
      .filter((row) => row.promotedAt)
      .map((row) => row.userId)
      .sort();
    expect(promoted).toEqual(
      early
        .slice(3)
        .map((supplier) => supplier.user.id)
        .sort(),
    );
    expect(
      rows
        .filter((row) => row.status === "waiting")
        .map((row) => row.userId)
        .sort(),
    ).toEqual(latecomers.map((supplier) => supplier.user.id).sort());
    expect(await db.ledgerRecord.count({ where: { eventId: event.id, kind: "meeting.waitlist_promoted" } })).toBe(3);
  });

  it("a capacity increase gives the new places to the waiting list in order", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 1 });
    const suppliers: Awaited<ReturnType<typeof createSupplier>>[] = [];
    for (let i = 0; i < 4; i++) {
      const supplier = await createSupplier(`Capacité ${i}`);
      suppliers.push(supplier);
      await register({
        eventId: event.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: true,
      });
    }
    await write((tx) => tx.event.update({ where: { id: event.id }, data: { capacity: 3 } }));
    const promoted = await promoteFromWaitingList(event.id);
    const statuses = await Promise.all(
      suppliers.map(
        async (supplier) =>
          (
            await db.registration.findUniqueOrThrow({
              where: { eventId_userId: { eventId: event.id, userId: supplier.user.id } },
            })
          ).status,
      ),
    );
    expect(promoted).toHaveLength(2);
    expect(statuses).toEqual(["confirmed", "confirmed", "confirmed", "waiting"]);
  });
});

describe("bad input and misuse: a French message and nothing written", () => {
  it("refuses a registration beyond capacity without the waiting list", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 1 });
    const [a, b] = [await createSupplier("Premier"), await createSupplier("Second")];
    await register({ eventId: event.id, userId: a.user.id, organizationId: a.organization.id, waitingList: false });
    const before = await counts(event.id);
    const outcome = await register({
      eventId: event.id,
      userId: b.user.id,
      organizationId: b.organization.id,
      waitingList: false,
    });
    expect(outcome).toEqual({ ok: false, field: "waitingList", message: REGISTRATION_MESSAGES.full });
    expect(await counts(event.id)).toEqual(before);
  });

  it("refuses after the registration deadline, for a cancelled or draft event, and for a reverse fair", async () => {
    const buyer = await organiser();
    const supplier = await createSupplier("Retardataire");
    const late = await createWebinar(buyer.organization.id, buyer.user.id, {
      registrationDeadline: new Date(Date.now() - 60_000),
    });
    const outcome = await register({
      eventId: late.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: true,
    });
    expect(outcome).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Les inscriptions sont closes depuis le .+ à \d\d:\d\d\.$/),
    });
    const cancelled = await createWebinar(buyer.organization.id, buyer.user.id, { status: "cancelled" });
    expect(
      await register({
        eventId: cancelled.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: true,
      }),
    ).toMatchObject({
      ok: false,
      message: REGISTRATION_MESSAGES.eventCancelled,
    });
    const draft = await createWebinar(buyer.organization.id, buyer.user.id, { status: "draft" });
    expect(
      await register({
        eventId: draft.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: true,
      }),
    ).toMatchObject({
      ok: false,
      message: REGISTRATION_MESSAGES.eventNotFound,
    });
    const fair = await createWebinar(buyer.organization.id, buyer.user.id, { kind: "reverse_fair" });
    expect(
      await register({
        eventId: fair.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: true,
      }),
    ).toMatchObject({
      ok: false,
      message: REGISTRATION_MESSAGES.notRegistrable,
    });
    expect(await db.registration.count({ where: { userId: supplier.user.id } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: supplier.user.email } })).toBe(0);
  });

  it("refuses registering twice, even with two requests at the same moment", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 10 });
    const supplier = await createSupplier("Pressé");
    const input = {
      eventId: event.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: false,
    };
    const outcomes = await Promise.all([register(input), register(input), register(input)]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([
      { ok: false, field: "form", message: REGISTRATION_MESSAGES.alreadyConfirmed },
      { ok: false, field: "form", message: REGISTRATION_MESSAGES.alreadyConfirmed },
    ]);
    expect(await db.ledgerRecord.count({ where: { eventId: event.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: supplier.user.email } })).toBe(1);
  });

  it("refuses registering for an organisation one does not belong to", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id);
    const [me, other] = [await createSupplier("Moi"), await createSupplier("Concurrent")];
    const before = await counts(event.id);
    const outcome = await register({
      eventId: event.id,
      userId: me.user.id,
      organizationId: other.organization.id,
      waitingList: true,
    });
    expect(outcome).toEqual({ ok: false, field: "organizationId", message: REGISTRATION_MESSAGES.notMember });
    expect(await counts(event.id)).toEqual(before);
  });

  it("refuses cancelling someone else's registration or one of another event (tampered id), with the same message", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id);
    const otherEvent = await createWebinar(buyer.organization.id, buyer.user.id);
    const [victim, attacker] = [await createSupplier("Victime"), await createSupplier("Curieux")];
    const outcome = await register({
      eventId: event.id,
      userId: victim.user.id,
      organizationId: victim.organization.id,
      waitingList: false,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const before = await counts(event.id);
    expect(
      await cancelRegistration({ eventId: event.id, registrationId: outcome.registrationId, userId: attacker.user.id }),
    ).toEqual({
      ok: false,
      field: "form",
      message: REGISTRATION_MESSAGES.notYours,
    });
    expect(
      await cancelRegistration({
        eventId: otherEvent.id,
        registrationId: outcome.registrationId,
        userId: victim.user.id,
      }),
    ).toEqual({
      ok: false,
      field: "form",
      message: REGISTRATION_MESSAGES.notYours,
    });
    expect(
      await cancelRegistration({ eventId: event.id, registrationId: "n-existe-pas", userId: attacker.user.id }),
    ).toMatchObject({
      message: REGISTRATION_MESSAGES.notYours,
    });
    expect(await counts(event.id)).toEqual(before);
    expect(await db.registration.findUniqueOrThrow({ where: { id: outcome.registrationId } })).toMatchObject({
      status: "confirmed",
    });
  });

  it("refuses cancelling after the cancellation cut-off; re-registering after a cancellation works", async () => {
    const buyer = await organiser();
    const event = await createWebinar(buyer.organization.id, buyer.user.id, {
      cancellationCutoff: new Date(Date.now() - 1_000),
    });
    const supplier = await createSupplier("Hésitant");
    const outcome = await register({
      eventId: event.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: false,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(
      await cancelRegistration({ eventId: event.id, registrationId: outcome.registrationId, userId: supplier.user.id }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("Les annulations en ligne étaient possibles jusqu’au"),
    });

    const open = await createWebinar(buyer.organization.id, buyer.user.id, { startsInMs: 5 * DAY });
    const first = await register({
      eventId: open.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: false,
    });
    if (!first.ok) throw new Error(first.message);
    await cancelRegistration({ eventId: open.id, registrationId: first.registrationId, userId: supplier.user.id });
    const again = await register({
      eventId: open.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: false,
    });
    expect(again).toMatchObject({ ok: true, status: "confirmed", registrationId: first.registrationId });
    // Same agenda entry, a higher SEQUENCE: the agenda updates it rather than adding another.
    const last = (await outboxFor(supplier.user.email)).at(-1)!;
    expect(parseAttachments(last.attachments)[0]!.content).toContain("SEQUENCE:2");
  });
});
