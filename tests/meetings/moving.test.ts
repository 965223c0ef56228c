// Moving a published event through the buyer's event form, on a real database: everyone who
// booked, registered or waits is told once in the same words, each booking and confirmed
// registration gets an .ics that updates the same agenda entry (same UID, next SEQUENCE), the ledger
// records the move once, and edits that change nothing anyone relies on tell nobody. A fair with
// bookings may change its day (every appointment keeps its hour), not its hours.
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache } from "~/calendar/calendar.server";
import { db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { parseAttachments } from "~/mail/outbox.server";
import { cancelEvent } from "~/meetings/cancellation.server";
import { bookSlot, cancelBooking, joinStandWaitlist } from "~/meetings/bookings.server";
import { BOOKED_DATE_CHANGE_MESSAGE, createEvent, publishEvent, updateEvent } from "~/meetings/events.server";
import { parisLocalToUtc, parisTimeOf } from "~/meetings/slots";
import { describeMove } from "~/meetings/moving";
import { register } from "~/meetings/registrations.server";
import { createBuyer } from "../plan/fixtures";
import { must } from "../support/must";
import {
  createSupplier as createFairSupplier,
  FAIR_DATE,
  fairInput,
  ORIGIN,
  publishedFair,
  supplierActor,
} from "./fair-fixtures";
import { addDays, instantToParisDate } from "~/calendar/dates";
import { dayFr, icsUtc, openDayFrom } from "../support/days";
import {
  createSupplier,
  WEBINAR_DAY as DAY,
  WEBINAR_LATER_DAY as LATER,
  WEBINAR_TITLE,
  webinarInput,
} from "./registrations-fixtures";

const eve = (date: string) => `${addDays(date, -1)}T18:00`;

beforeAll(() => invalidateCalendarCache());

describe("what a move is", () => {
  const base = {
    eventDate: "2027-01-14",
    startsAt: new Date("2027-01-14T11:30:00Z"),
    endsAt: new Date("2027-01-14T12:30:00Z"),
    location: null,
  };
  it("names the day, the hours and the place in plain words, and nothing for other edits", () => {
    expect(describeMove(base, { ...base })).toBeNull();
    expect(
      describeMove(base, {
        ...base,
        eventDate: "2027-01-21",
        startsAt: new Date("2027-01-21T11:30:00Z"),
        endsAt: new Date("2027-01-21T12:30:00Z"),
      }),
    ).toEqual({ change: "la date", headline: "Nouvelle date" });
    expect(describeMove(base, { ...base, endsAt: new Date("2027-01-14T13:00:00Z") })).toEqual({
      change: "l’horaire",
      headline: "Nouvel horaire",
    });
    expect(
      describeMove(base, {
        ...base,
        eventDate: "2027-01-21",
        location: "Salle du conseil, 1 place de la Mairie, Villeurbanne",
      }),
    ).toEqual({
      change: "la date et le lieu",
      headline: "Nouvelle date et nouveau lieu",
    });
  });
});

describe("moving a published webinar", () => {
  it("tells every registrant and every waiting person once, in the same words, with an updated invitation for those with a place", async () => {
    const buyer = await createBuyer({ name: "Métropole Rhône-Confluence", departement: "69" });
    const created = must(await createEvent(buyer.actor, buyer.organization, webinarInput()));
    must(await publishEvent(buyer.actor, buyer.organization, created.id));
    const people = await Promise.all(
      ["Bâti Services Alpha", "Nettoyage Bravo", "Vitrerie Charlie"].map((name) => createSupplier(name)),
    );
    for (const person of people)
      must(
        await register({
          eventId: created.id,
          userId: person.user.id,
          organizationId: person.organization.id,
          waitingList: true,
        }),
      );
    const registrations = await db.registration.findMany({ where: { eventId: created.id } });
    expect(registrations.map((registration) => registration.status).sort()).toEqual([
      "confirmed",
      "confirmed",
      "waiting",
    ]);
    const outboxBefore = await db.outboxMessage.count();

    // Editing the description only: nobody is told, nothing goes on the ledger.
    const reworded = must(
      await updateEvent(
        buyer.actor,
        buyer.organization,
        created.id,
        webinarInput({ description: "Nos besoins de l'année, puis vos questions : venez avec vos remarques." }),
      ),
    );
    expect(reworded.notified ?? 0).toBe(0);
    expect(await db.outboxMessage.count()).toBe(outboxBefore);
    expect(await db.ledgerRecord.count({ where: { eventId: created.id, kind: "meeting.event_moved" } })).toBe(0);

    const moved = must(await updateEvent(buyer.actor, buyer.organization, created.id, webinarInput({ date: LATER })));
    expect(moved.notified).toBe(3);
    const mails = await db.outboxMessage.findMany({
      where: { template: "event-moved", to: { in: people.map((person) => person.user.email) } },
    });
    expect(mails.map((mail) => mail.to).sort()).toEqual(people.map((person) => person.user.email).sort());
    expect(new Set(mails.map((mail) => mail.html)).size).toBe(1);
    expect(mails[0]!.subject).toBe(`Nouvelle date\u00a0: ${WEBINAR_TITLE}`);
    expect(mails[0]!.text).toContain(`Avant\u00a0: ${dayFr(DAY)}, de 12:30 à 13:30`);
    expect(mails[0]!.text).toContain(`${dayFr(LATER)}, de 12:30 à 13:30`);
    for (const mail of mails) {
      const registration = registrations.find((candidate) => candidate.email === mail.to)!;
      const attachments = parseAttachments(mail.attachments);
      if (registration.status === "waiting") {
        expect(attachments).toEqual([]);
        continue;
      }
      expect(attachments).toHaveLength(1);
      const ics = attachments[0]!.content;
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toContain(`UID:registration-${registration.id}@amont`);
      expect(ics).toContain("SEQUENCE:1");
      expect(ics).toContain(`DTSTART:${icsUtc(parisLocalToUtc(LATER, "12:30"))}`);
    }
    expect(
      (await db.registration.findMany({ where: { eventId: created.id, status: "confirmed" } })).map(
        (registration) => registration.icsSequence,
      ),
    ).toEqual([1, 1]);

    const records = await db.ledgerRecord.findMany({ where: { eventId: created.id, kind: "meeting.event_moved" } });
    expect(records).toHaveLength(1);
    expect(records[0]!.summary).toContain("la date change");
    expect(records[0]!.summary).toContain("3 personnes prévenues");
    expect(JSON.parse(records[0]!.organizationIds)).toEqual(
      expect.arrayContaining([buyer.organization.id, ...people.map((person) => person.organization.id)]),
    );
    expect((await verifyLedger()).ok).toBe(true);

    // A later cancellation removes the moved entry: its SEQUENCE comes after the update's.
    must(
      await cancelEvent(
        buyer.actor,
        buyer.organization,
        created.id,
        "Le prestataire de visioconférence nous lâche ; nous reviendrons vers vous.",
        { origin: "https://amont.example.fr" },
      ),
    );
    const cancellation = await db.outboxMessage.findFirstOrThrow({
      where: {
        template: "event-cancelled",
        to: registrations.find((registration) => registration.status === "confirmed")!.email,
      },
    });
    expect(parseAttachments(cancellation.attachments)[0]!.content).toContain("SEQUENCE:2");
  });

  it("when two members move the webinar at the same moment, saves one move, tells each person once, and asks the other member to reload", async () => {
    const buyer = await createBuyer({ name: "Communauté de communes des Deux Rives", departement: "69" });
    const created = must(await createEvent(buyer.actor, buyer.organization, webinarInput()));
    must(await publishEvent(buyer.actor, buyer.organization, created.id));
    const person = await createSupplier("Restauration Deux Rives");
    must(
      await register({
        eventId: created.id,
        userId: person.user.id,
        organizationId: person.organization.id,
        waitingList: true,
      }),
    );
    const other = openDayFrom(7, LATER);
    const outcomes = await Promise.all([
      updateEvent(buyer.actor, buyer.organization, created.id, webinarInput({ date: LATER })),
      updateEvent(buyer.actor, buyer.organization, created.id, webinarInput({ date: other })),
    ]);
    const saved = outcomes.filter((outcome) => outcome.ok);
    expect(saved).toHaveLength(1);
    const refused = outcomes.find((outcome) => !outcome.ok);
    expect(refused).toMatchObject({
      ok: false,
      formErrors: [
        "Un autre membre vient de modifier cet événement. Rechargez la page pour voir sa version, puis recommencez.",
      ],
    });
    const event = await db.event.findUniqueOrThrow({ where: { id: created.id } });
    expect([LATER, other]).toContain(event.eventDate);
    const told = await db.outboxMessage.findMany({ where: { template: "event-moved", to: person.user.email } });
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(dayFr(event.eventDate));
    expect(await db.ledgerRecord.count({ where: { eventId: created.id, kind: "meeting.event_moved" } })).toBe(1);
  });

  it("tells nobody while the event is a draft, and refuses another organisation's edit without writing anything", async () => {
    const buyer = await createBuyer({ name: "Communauté de communes du Haut-Val", departement: "69" });
    const created = must(await createEvent(buyer.actor, buyer.organization, webinarInput()));
    const before = { outbox: await db.outboxMessage.count(), ledger: await db.ledgerRecord.count() };
    must(await updateEvent(buyer.actor, buyer.organization, created.id, webinarInput({ date: LATER })));
    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });
    expect(
      await updateEvent(
        stranger.actor,
        stranger.organization,
        created.id,
        webinarInput({ date: openDayFrom(7, LATER) }),
      ),
    ).toMatchObject({ ok: false, notFound: true });
    expect({ outbox: await db.outboxMessage.count(), ledger: await db.ledgerRecord.count() }).toEqual(before);
    expect((await db.event.findUniqueOrThrow({ where: { id: created.id } })).eventDate).toBe(LATER);
  });
});

describe("moving a reverse fair that has bookings", () => {
  it("refuses new hours with nothing written, moves the day with every appointment at its hour, and tells everyone who booked or waits", async () => {
    const fair = await publishedFair(); // one stand, 9:00-10:00, three 20-minute slots, on FAIR_DATE
    const newDay = openDayFrom(7, FAIR_DATE);
    const slots = await db.slot.findMany({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
    const bookers = await Promise.all(
      ["Menuiserie Perrin", "Plomberie Roux", "Élec Blanc"].map((name) => createFairSupplier(name)),
    );
    for (const [index, supplier] of bookers.entries())
      must(await bookSlot(supplierActor(supplier), supplier.organization.id, slots[index]!.id, { origin: ORIGIN }));
    const waiting = await createFairSupplier("Peintures Girard");
    must(await joinStandWaitlist(supplierActor(waiting), waiting.organization.id, fair.standId));

    const before = {
      outbox: await db.outboxMessage.count(),
      ledger: await db.ledgerRecord.count(),
      slots: await db.slot.findMany({ where: { eventId: fair.eventId }, orderBy: { id: "asc" } }),
    };
    const newHours = await updateEvent(
      fair.buyer.actor,
      fair.buyer.organization,
      fair.eventId,
      fairInput({ startTime: "08:30" }),
    );
    expect(newHours).toEqual({ ok: false, fieldErrors: {}, formErrors: [BOOKED_DATE_CHANGE_MESSAGE] });
    expect({
      outbox: await db.outboxMessage.count(),
      ledger: await db.ledgerRecord.count(),
      slots: await db.slot.findMany({ where: { eventId: fair.eventId }, orderBy: { id: "asc" } }),
    }).toEqual(before);

    const moved = must(
      await updateEvent(
        fair.buyer.actor,
        fair.buyer.organization,
        fair.eventId,
        fairInput({
          date: newDay,
          registrationDeadline: eve(newDay),
          cancellationCutoff: `${addDays(newDay, -1)}T12:00`,
        }),
      ),
    );
    expect(moved.notified).toBe(4);
    // Same slots, same bookings, the same Paris hours on the new day.
    const after = await db.slot.findMany({
      where: { standId: fair.standId },
      orderBy: { startsAt: "asc" },
      include: { booking: true },
    });
    expect(after.map((slot) => slot.id)).toEqual(slots.map((slot) => slot.id));
    expect(after.map((slot) => slot.booking?.supplierOrganizationId)).toEqual(
      bookers.map((supplier) => supplier.organization.id),
    );
    expect(after.map((slot) => parisTimeOf(slot.startsAt))).toEqual(["09:00", "09:20", "09:40"]);
    expect(after.map((slot) => instantToParisDate(slot.startsAt))).toEqual([newDay, newDay, newDay]);

    const concerned = [...bookers, waiting].map((supplier) => supplier.user.email);
    const mails = await db.outboxMessage.findMany({ where: { template: "event-moved", to: { in: concerned } } });
    expect(mails.map((mail) => mail.to).sort()).toEqual(concerned.sort());
    expect(new Set(mails.map((mail) => mail.html)).size).toBe(1);
    expect(mails[0]!.text).toContain("Chaque rendez-vous à un stand garde son heure");
    for (const mail of mails) {
      const attachments = parseAttachments(mail.attachments);
      const index = bookers.findIndex((supplier) => supplier.user.email === mail.to);
      if (index < 0) {
        expect(attachments).toEqual([]);
        continue;
      }
      expect(attachments).toHaveLength(1);
      expect(attachments[0]!.content).toContain("METHOD:REQUEST");
      expect(attachments[0]!.content).toContain(
        `UID:booking-${slots[index]!.id}-${bookers[index]!.organization.id}@amont`,
      );
      expect(attachments[0]!.content).toContain("SEQUENCE:1");
      expect(attachments[0]!.content).toContain(
        `DTSTART:${after[index]!.startsAt.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`,
      );
    }
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { eventId: fair.eventId, kind: "meeting.event_moved" },
    });
    expect(record.summary).toContain(`Désormais : ${dayFr(newDay)}, de 09:00 à 12:30`);
    expect((await verifyLedger()).ok).toBe(true);

    // Cancelling afterwards removes the moved entry (next SEQUENCE); the freed slot goes to the one waiting.
    const first = await db.booking.findFirstOrThrow({ where: { supplierOrganizationId: bookers[0]!.organization.id } });
    must(
      await cancelBooking(supplierActor(bookers[0]!), bookers[0]!.organization.id, first.id, {
        origin: ORIGIN,
        now: parisLocalToUtc(addDays(newDay, -3), "10:00"),
      }),
    );
    const cancellation = await db.outboxMessage.findFirstOrThrow({
      where: { template: "booking-cancelled", to: bookers[0]!.user.email },
    });
    expect(parseAttachments(cancellation.attachments)[0]!.content).toContain("SEQUENCE:2");
    expect((await db.booking.findUniqueOrThrow({ where: { slotId: slots[0]!.id } })).supplierOrganizationId).toBe(
      waiting.organization.id,
    );
  });
});
