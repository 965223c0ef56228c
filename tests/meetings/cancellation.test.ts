// Cancelling an event on a real database: everyone concerned (bookings, stand waiting lists,
// registrations, webinar waiting list) gets the same email, with the .ics that removes their agenda
// entry when they held a place; one ledger record; the scheduled messages never go; every later
// booking, registration or cancellation is refused with a French message; the public page and the
// feeds show the event as cancelled.
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache } from "~/calendar/calendar.server";
import { db, write } from "~/db/db.server";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { runDueJobs } from "~/jobs/worker.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { parseAttachments } from "~/mail/outbox.server";
import { bookSlot, cancelBooking, joinStandWaitlist } from "~/meetings/bookings.server";
import { cancellationSchema, EVENT_CANCELLED_MESSAGE } from "~/meetings/cancellation";
import { cancelEvent, cancellationPreview } from "~/meetings/cancellation.server";
import { buildOrganizationIcs, buildPublicEventsIcs } from "~/meetings/feeds.server";
import { getPublicEvent, listPublicEvents } from "~/meetings/public.server";
import {
  cancelRegistration,
  register,
  REGISTRATION_MESSAGES,
  scheduleEventJobs,
} from "~/meetings/registrations.server";
import { createBuyer } from "../plan/fixtures";
import { addStand } from "~/meetings/events.server";
import { addDays } from "~/calendar/dates";
import { parisLocalToUtc } from "~/meetings/slots";
import {
  createSupplier as createFairSupplier,
  FAIR_DATE,
  ORIGIN,
  publishedFair,
  standInput,
  supplierActor,
} from "./fair-fixtures";
import { createSupplier, createWebinar, DAY, outboxFor } from "./registrations-fixtures";
import { must } from "../support/must";

beforeAll(() => invalidateCalendarCache());

const REASON = "La salle des fêtes n'est plus disponible ce jour-là ; une nouvelle date sera publiée sur Amont.";

describe("the form", () => {
  it("needs a reason the people concerned can understand", () => {
    const short = cancellationSchema.safeParse({ reason: "annulé" });
    expect(!short.success && short.error.issues[0]?.message).toContain("au moins 20 caractères");
    expect(cancellationSchema.safeParse({ reason: REASON }).success).toBe(true);
  });
});

describe("cancelling a reverse fair", () => {
  it("tells everyone who booked or waits in the same words (CANCEL .ics for bookings), records it once, and refuses everything after", async () => {
    const fair = await publishedFair(); // one stand of three slots
    const other = must(
      await addStand(
        fair.buyer.actor,
        fair.buyer.organization,
        fair.eventId,
        standInput(fair.buyer.organization.id, { name: "Espaces verts et propreté", closesAt: "10:00" }),
      ),
    );
    const slots = await db.slot.findMany({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    const bookers = await Promise.all(
      ["Menuiserie Perrin", "Plomberie Roux", "Élec Blanc"].map((name) => createFairSupplier(name)),
    );
    for (const [index, supplier] of bookers.entries())
      must(await bookSlot(supplierActor(supplier), supplier.organization.id, slots[index]!.id, { origin: ORIGIN }));
    const waiting = await createFairSupplier("Peintures Girard");
    must(await joinStandWaitlist(supplierActor(waiting), waiting.organization.id, fair.standId));
    expect((await cancellationPreview(fair.buyer.organization.id, fair.eventId))?.counts).toEqual({
      bookings: 3,
      waiting: 1,
      registrations: 0,
    });

    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });
    expect(
      await cancelEvent(stranger.actor, stranger.organization, fair.eventId, REASON, { origin: ORIGIN }),
    ).toMatchObject({ ok: false, notFound: true });

    const result = must(
      await cancelEvent(fair.buyer.actor, fair.buyer.organization, fair.eventId, REASON, { origin: ORIGIN }),
    );
    expect(result.notified).toBe(4);
    const mails = await db.outboxMessage.findMany({ where: { template: "event-cancelled" } });
    expect(mails.map((mail) => mail.to).sort()).toEqual(
      [...bookers, waiting].map((supplier) => supplier.user.email).sort(),
    );
    expect(new Set(mails.map((mail) => mail.html)).size).toBe(1);
    expect(mails[0]!.text).toContain(REASON);
    for (const mail of mails) {
      const attachments = parseAttachments(mail.attachments);
      if (mail.to === waiting.user.email) expect(attachments).toEqual([]);
      else {
        expect(attachments).toHaveLength(1);
        expect(attachments[0]!.content).toContain("METHOD:CANCEL");
      }
    }
    const records = await db.ledgerRecord.findMany({
      where: { eventId: fair.eventId, kind: "meeting.event_cancelled" },
    });
    expect(records).toHaveLength(1);
    expect(records[0]!.summary).toContain(REASON);
    expect(JSON.parse(records[0]!.organizationIds)).toEqual(
      expect.arrayContaining([
        fair.buyer.organization.id,
        waiting.organization.id,
        ...bookers.map((b) => b.organization.id),
      ]),
    );
    expect((await verifyLedger()).ok).toBe(true);

    // Nothing more can happen at this fair, and nothing is written by trying.
    const before = {
      bookings: await db.booking.count(),
      ledger: await db.ledgerRecord.count(),
      outbox: await db.outboxMessage.count(),
    };
    const late = await createFairSupplier("Serrurerie Morel");
    const free = await db.slot.findFirstOrThrow({ where: { standId: other.id } });
    expect(await bookSlot(supplierActor(late), late.organization.id, free.id, { origin: ORIGIN })).toMatchObject({
      ok: false,
      message: EVENT_CANCELLED_MESSAGE,
    });
    const booking = await db.booking.findFirstOrThrow({
      where: { supplierOrganizationId: bookers[0]!.organization.id },
    });
    expect(
      await cancelBooking(supplierActor(bookers[0]!), bookers[0]!.organization.id, booking.id, { origin: ORIGIN }),
    ).toMatchObject({ ok: false, message: EVENT_CANCELLED_MESSAGE });
    expect(await joinStandWaitlist(supplierActor(late), late.organization.id, fair.standId)).toMatchObject({
      ok: false,
      message: EVENT_CANCELLED_MESSAGE,
    });
    expect(
      await cancelEvent(fair.buyer.actor, fair.buyer.organization, fair.eventId, REASON, { origin: ORIGIN }),
    ).toMatchObject({ ok: false, message: "Cet événement est déjà annulé." });
    expect({
      bookings: await db.booking.count(),
      ledger: await db.ledgerRecord.count(),
      outbox: await db.outboxMessage.count(),
    }).toEqual(before);

    // Public side: the page says why, the list marks it, the feeds strike it out.
    const page = await getPublicEvent(fair.eventId);
    expect(page).toMatchObject({ status: "cancelled", cancellationReason: REASON });
    const listed = await listPublicEvents({});
    expect(listed.events.find((event) => event.id === fair.eventId)?.status).toBe("cancelled");
    const publicIcs = await buildPublicEventsIcs(ORIGIN, new URLSearchParams());
    const block = publicIcs.split("BEGIN:VEVENT").find((part) => part.includes(`UID:event-${fair.eventId}@amont`));
    expect(block).toContain("STATUS:CANCELLED");
    const privateIcs = await buildOrganizationIcs(bookers[0]!.organization.id, ORIGIN);
    expect(privateIcs).toContain("STATUS:CANCELLED");
  });

  it("refuses a draft and an event that has ended, writing nothing", async () => {
    const fair = await publishedFair();
    await write((tx) => tx.event.update({ where: { id: fair.eventId }, data: { status: "draft" } }));
    expect(
      await cancelEvent(fair.buyer.actor, fair.buyer.organization, fair.eventId, REASON, { origin: ORIGIN }),
    ).toMatchObject({ ok: false });
    await write((tx) => tx.event.update({ where: { id: fair.eventId }, data: { status: "published" } }));
    const afterTheFair = parisLocalToUtc(addDays(FAIR_DATE, 1), "12:00");
    expect(
      await cancelEvent(fair.buyer.actor, fair.buyer.organization, fair.eventId, REASON, {
        origin: ORIGIN,
        now: afterTheFair,
      }),
    ).toMatchObject({
      ok: false,
      message: "Cet événement est terminé : il ne peut plus être annulé.",
    });
    expect((await db.event.findUniqueOrThrow({ where: { id: fair.eventId } })).status).toBe("published");
    expect(await db.ledgerRecord.count({ where: { eventId: fair.eventId, kind: "meeting.event_cancelled" } })).toBe(0);
  });
});

describe("cancelling a webinar", () => {
  it("tells registrants and the waiting list once each, and the join link and reminder never go", async () => {
    const buyer = await createBuyer({ name: "Métropole de Lyon", departement: "69" });
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 2 });
    await write((tx) => scheduleEventJobs(tx, event));
    const people = await Promise.all(
      ["Traiteur Lambert", "Cuisine Centrale Morin", "Primeurs Faure"].map((name) => createSupplier(name)),
    );
    for (const person of people)
      must(
        await register({
          eventId: event.id,
          userId: person.user.id,
          organizationId: person.organization.id,
          waitingList: true,
        }),
      );
    const registrations = await db.registration.findMany({
      where: { eventId: event.id },
      orderBy: { createdAt: "asc" },
    });
    expect(registrations.map((registration) => registration.status)).toEqual(["confirmed", "confirmed", "waiting"]);

    const result = must(
      await cancelEvent(
        { id: buyer.user.id, name: buyer.user.name },
        { ...buyer.organization, departement: "69" },
        event.id,
        REASON,
        { origin: ORIGIN },
      ),
    );
    expect(result.notified).toBe(3);
    for (const [index, person] of people.entries()) {
      const cancelled = (await outboxFor(person.user.email)).filter((mail) => mail.template === "event-cancelled");
      expect(cancelled).toHaveLength(1);
      const attachments = parseAttachments(cancelled[0]!.attachments);
      if (index < 2) {
        expect(attachments[0]!.content).toContain("METHOD:CANCEL");
        expect(attachments[0]!.content).toContain(`UID:registration-${registrations[index]!.id}`);
        expect(attachments[0]!.content).toContain("SEQUENCE:1");
      } else expect(attachments).toEqual([]);
    }

    // The scheduled messages are dropped; a worker passing after the event would find nothing to send.
    await runDueJobs(JOB_HANDLERS, {
      workerId: "test-worker",
      now: new Date(event.startsAt.getTime() + DAY),
      limit: 100,
    });
    for (const person of people) {
      const templates = (await outboxFor(person.user.email)).map((mail) => mail.template);
      expect(templates).not.toContain("event-join-link");
      expect(templates).not.toContain("event-reminder");
    }

    // Registering or cancelling afterwards is refused.
    const newcomer = await createSupplier("Boulangerie Petit");
    expect(
      await register({
        eventId: event.id,
        userId: newcomer.user.id,
        organizationId: newcomer.organization.id,
        waitingList: true,
      }),
    ).toMatchObject({
      ok: false,
      message: REGISTRATION_MESSAGES.eventCancelled,
    });
    expect(
      await cancelRegistration({ eventId: event.id, registrationId: registrations[0]!.id, userId: people[0]!.user.id }),
    ).toMatchObject({
      ok: false,
      message: REGISTRATION_MESSAGES.eventCancelled,
    });
  });
});
