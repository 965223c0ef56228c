// The scheduled messages of a webinar: the join link goes to every confirmed registrant at once
// (one message, rendered once, identical for all), a later confirmation carries the link, the
// reminder goes out the day before (on the ledger too); a cancelled or moved event changes what the jobs do.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { runDueJobs } from "~/jobs/worker.server";
import { joinLinkDueAt, joinLinkJobKey, reminderDueAt, reminderJobKey } from "~/meetings/registration-format";
import { cancelRegistration, register, scheduleEventJobs } from "~/meetings/registrations.server";
import { createBuyer } from "../plan/fixtures";
import { createSupplier, createWebinar, DAY, HOUR, outboxFor } from "./registrations-fixtures";

beforeAll(async () => {
  await connectDatabase();
});

async function webinarWithRegistrants(capacity: number, people: number) {
  const buyer = await createBuyer({ name: "Département du Rhône", departement: "69" });
  const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity, startsInMs: 3 * DAY });
  await write((tx) => scheduleEventJobs(tx, event));
  const suppliers: Awaited<ReturnType<typeof createSupplier>>[] = [];
  for (let i = 0; i < people; i++) {
    const supplier = await createSupplier(`Participant ${i}`);
    suppliers.push(supplier);
    await register({
      eventId: event.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: true,
    });
  }
  return { buyer, event, suppliers };
}

const run = (now: Date) => runDueJobs(JOB_HANDLERS, { workerId: "test-worker", now, limit: 500 });

describe("join link", () => {
  it("is scheduled once, 24 hours before, and sent to all confirmed registrants at once, in identical words", async () => {
    const { event, suppliers } = await webinarWithRegistrants(4, 6);
    await write((tx) => scheduleEventJobs(tx, event));
    const job = await db.job.findUniqueOrThrow({ where: { dedupeKey: joinLinkJobKey(event.id) } });
    expect(job.runAt.getTime()).toBe(event.startsAt.getTime() - 24 * HOUR);
    expect(
      await db.job.count({ where: { dedupeKey: { in: [joinLinkJobKey(event.id), reminderJobKey(event.id)] } } }),
    ).toBe(2);

    // Not yet due: no link goes out (the reminder may, depending on the hour of the event).
    await run(new Date(joinLinkDueAt(event).getTime() - HOUR));
    expect(await db.outboxMessage.count({ where: { template: "event-join-link" } })).toBe(0);
    expect(await db.job.findUniqueOrThrow({ where: { dedupeKey: joinLinkJobKey(event.id) } })).toMatchObject({
      status: "pending",
    });
    const at = new Date(joinLinkDueAt(event).getTime() + 1_000);
    await run(at);

    const messages = await db.outboxMessage.findMany({ where: { template: "event-join-link" } });
    const confirmed = await db.registration.findMany({ where: { eventId: event.id, status: "confirmed" } });
    expect(messages.map((message) => message.to).sort()).toEqual(confirmed.map((row) => row.email).sort());
    expect(messages).toHaveLength(4);
    // Same words, same moment: one rendering for everybody, queued in one transaction.
    expect(new Set(messages.map((message) => `${message.subject}\n${message.html}\n${message.text}`)).size).toBe(1);
    expect(messages[0]!.html).toContain("https://visio.exemple.fr/salle-restauration");
    // Waiting people do not get the link.
    for (const supplier of suppliers.slice(4))
      expect((await outboxFor(supplier.user.email)).some((m) => m.template === "event-join-link")).toBe(false);

    const updated = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(updated.joinLinkSentAt?.getTime()).toBe(at.getTime());
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { eventId: event.id, kind: "meeting.join_link_sent" },
    });
    expect(JSON.parse(record.payload)).toMatchObject({
      recipients: 4,
      registrationIds: expect.arrayContaining(confirmed.map((row) => row.id)),
    });

    // Running again (a restart, a second worker) sends nothing more.
    await write((tx) => scheduleEventJobs(tx, event));
    await run(new Date(at.getTime() + HOUR));
    expect(await db.outboxMessage.count({ where: { template: "event-join-link" } })).toBe(4);
  });

  it("a registrant confirmed after the link was sent gets it in the confirmation (promotion and new registration)", async () => {
    const { event, suppliers } = await webinarWithRegistrants(2, 3);
    await run(new Date(joinLinkDueAt(event).getTime() + 1_000));
    const first = await db.registration.findUniqueOrThrow({
      where: { eventId_userId: { eventId: event.id, userId: suppliers[0]!.user.id } },
    });
    await cancelRegistration({ eventId: event.id, registrationId: first.id, userId: suppliers[0]!.user.id });
    const promoted = (await outboxFor(suppliers[2]!.user.email)).at(-1)!;
    expect(promoted.template).toBe("registration-promoted");
    expect(promoted.html).toContain("https://visio.exemple.fr/salle-restauration");

    await write((tx) => tx.event.update({ where: { id: event.id }, data: { capacity: 5 } }));
    const late = await createSupplier("Dernière minute");
    await register({
      eventId: event.id,
      userId: late.user.id,
      organizationId: late.organization.id,
      waitingList: false,
    });
    const confirmation = (await outboxFor(late.user.email)).at(-1)!;
    expect(confirmation.template).toBe("registration-confirmed");
    expect(confirmation.text).toContain("https://visio.exemple.fr/salle-restauration");
  });

  it("does nothing for a cancelled event, and waits for the new moment when the event was moved later", async () => {
    const { event } = await webinarWithRegistrants(3, 2);
    // Moved two days later without rescheduling: the old job finds itself early and waits.
    const moved = new Date(event.startsAt.getTime() + 2 * DAY);
    await write((tx) =>
      tx.event.update({ where: { id: event.id }, data: { startsAt: moved, endsAt: new Date(moved.getTime() + HOUR) } }),
    );
    await run(new Date(joinLinkDueAt(event).getTime() + 1_000));
    const job = await db.job.findUniqueOrThrow({ where: { dedupeKey: joinLinkJobKey(event.id) } });
    expect(job).toMatchObject({ status: "pending", attempts: 0 });
    expect(job.runAt.getTime()).toBe(moved.getTime() - 24 * HOUR);
    expect(
      await db.outboxMessage.count({
        where: {
          template: "event-join-link",
          to: { in: (await db.registration.findMany({ where: { eventId: event.id } })).map((r) => r.email) },
        },
      }),
    ).toBe(0);

    // Then cancelled: the jobs are withdrawn, and a job that runs anyway sends nothing.
    const cancelled = await write((tx) => tx.event.update({ where: { id: event.id }, data: { status: "cancelled" } }));
    await write((tx) => scheduleEventJobs(tx, cancelled));
    await write((tx) => tx.job.update({ where: { id: job.id }, data: { status: "pending" } }));
    await run(new Date(moved.getTime() - HOUR));
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).joinLinkSentAt).toBeNull();
    expect(await db.ledgerRecord.count({ where: { eventId: event.id, kind: "meeting.join_link_sent" } })).toBe(0);
  });
});

describe("scheduling", () => {
  it("the first registration schedules the event's jobs even if publishing did not", async () => {
    const buyer = await createBuyer({ name: "Commune sans planification", departement: "69" });
    const event = await createWebinar(buyer.organization.id, buyer.user.id, { capacity: 3 });
    expect(await db.job.count({ where: { dedupeKey: joinLinkJobKey(event.id) } })).toBe(0);
    const supplier = await createSupplier("Premier inscrit");
    await register({
      eventId: event.id,
      userId: supplier.user.id,
      organizationId: supplier.organization.id,
      waitingList: false,
    });
    const jobs = await db.job.findMany({
      where: { dedupeKey: { in: [joinLinkJobKey(event.id), reminderJobKey(event.id)] } },
    });
    expect(jobs.map((job) => job.status)).toEqual(["pending", "pending"]);
  });
});

describe("reminder", () => {
  it("goes out the day before at 17:00 Paris time, the same message to every confirmed registrant", async () => {
    const { event } = await webinarWithRegistrants(3, 4);
    const dueAt = reminderDueAt(event);
    expect(
      new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(dueAt),
    ).toBe("17:00");
    await run(new Date(dueAt.getTime() + 1_000));
    const reminders = await db.outboxMessage.findMany({
      where: {
        template: "event-reminder",
        to: { in: (await db.registration.findMany({ where: { eventId: event.id } })).map((r) => r.email) },
      },
    });
    expect(reminders).toHaveLength(3);
    expect(new Set(reminders.map((message) => message.html)).size).toBe(1);
    const records = await db.ledgerRecord.findMany({ where: { eventId: event.id, kind: "meeting.reminder_sent" } });
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0]!.payload)).toMatchObject({ recipients: 3 });
  });
});
