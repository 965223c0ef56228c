// Publishing or editing a webinar through the buyer's event form keeps its scheduled messages and
// its waiting list right: publication schedules the join link and the reminder, moving the webinar
// moves them, and raising the capacity promotes the waiting list at once, in order.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db } from "~/db/db.server";
import { createEvent, publishEvent, updateEvent } from "~/meetings/events.server";
import { joinLinkJobKey, reminderJobKey } from "~/meetings/registration-format";
import { register } from "~/meetings/registrations.server";
import { createBuyer } from "../plan/fixtures";
import { addDays } from "~/calendar/dates";
import { parisLocalToUtc } from "~/meetings/slots";
import { createSupplier, WEBINAR_DAY as DAY, WEBINAR_LATER_DAY as LATER, webinarInput } from "./registrations-fixtures";

beforeAll(async () => {
  await connectDatabase();
});

describe("a webinar's jobs and waiting list follow the event form", () => {
  it("schedules the join link and reminder on publication and moves them with the webinar", async () => {
    const buyer = await createBuyer({ name: "Métropole Rhône-Confluence", departement: "69" });
    const created = await createEvent(buyer.actor, buyer.organization, webinarInput());
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(await db.job.count({ where: { dedupeKey: joinLinkJobKey(created.id) } })).toBe(0);

    expect((await publishEvent(buyer.actor, buyer.organization, created.id)).ok).toBe(true);
    const joinLink = await db.job.findUniqueOrThrow({ where: { dedupeKey: joinLinkJobKey(created.id) } });
    const reminder = await db.job.findUniqueOrThrow({ where: { dedupeKey: reminderJobKey(created.id) } });
    // 24 hours before 12:30 Paris time; the reminder the day before.
    expect(joinLink.runAt).toEqual(parisLocalToUtc(addDays(DAY, -1), "12:30"));
    expect(reminder.runAt < parisLocalToUtc(DAY, "00:00")).toBe(true);

    const moved = await updateEvent(buyer.actor, buyer.organization, created.id, webinarInput({ date: LATER }));
    expect(moved.ok).toBe(true);
    const movedJoinLink = await db.job.findUniqueOrThrow({ where: { dedupeKey: joinLinkJobKey(created.id) } });
    expect(movedJoinLink.runAt).toEqual(parisLocalToUtc(addDays(LATER, -1), "12:30"));
    expect(
      await db.job.count({ where: { dedupeKey: { in: [joinLinkJobKey(created.id), reminderJobKey(created.id)] } } }),
    ).toBe(2);
  });

  it("gives new places to the waiting list in order when the capacity is raised", async () => {
    const buyer = await createBuyer({ name: "Communauté d'agglomération du Val", departement: "69" });
    const created = await createEvent(buyer.actor, buyer.organization, webinarInput());
    if (!created.ok) throw new Error(JSON.stringify(created));
    await publishEvent(buyer.actor, buyer.organization, created.id);
    const suppliers: Awaited<ReturnType<typeof createSupplier>>[] = [];
    for (const name of ["Traiteur Alpha", "Traiteur Bravo", "Traiteur Charlie", "Traiteur Delta"]) {
      const supplier = await createSupplier(name);
      suppliers.push(supplier);
      const outcome = await register({
        eventId: created.id,
        userId: supplier.user.id,
        organizationId: supplier.organization.id,
        waitingList: true,
      });
      expect(outcome.ok).toBe(true);
    }
    const statusOf = async (index: number) =>
      (await db.registration.findFirstOrThrow({ where: { eventId: created.id, userId: suppliers[index]!.user.id } }))
        .status;
    expect([await statusOf(2), await statusOf(3)]).toEqual(["waiting", "waiting"]);

    const raised = await updateEvent(buyer.actor, buyer.organization, created.id, webinarInput({ capacity: 3 }));
    expect(raised.ok).toBe(true);
    expect([await statusOf(0), await statusOf(1), await statusOf(2), await statusOf(3)]).toEqual([
      "confirmed",
      "confirmed",
      "confirmed",
      "waiting",
    ]);
    const promotion = await db.ledgerRecord.findFirst({
      where: { eventId: created.id, kind: "meeting.waitlist_promoted" },
    });
    expect(promotion?.summary).toContain("Traiteur Charlie");
  });
});
