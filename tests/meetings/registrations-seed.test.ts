// The demo webinars: a full lunchtime webinar on an allowed day with people waiting in order and its
// jobs scheduled, and a past information meeting with attendance, a corrected note and slides.
import { beforeAll, describe, expect, it } from "vitest";
import { loadCalendarContext } from "~/calendar/calendar.server";
import { todayInParis } from "~/calendar/dates";
import { evaluateDate } from "~/calendar/rules";
import { connectDatabase, db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { joinLinkJobKey, reminderJobKey } from "~/meetings/registration-format";
import { parisTimeOf } from "~/meetings/slots";
import { seedDemoData } from "../../prisma/seed";
import { seedDemoWebinars } from "../../prisma/seed-meetings-webinars";

const WEBINAR_TITLE = "Restauration collective 2027 : nos besoins expliqués aux entreprises";

beforeAll(async () => {
  await connectDatabase();
  await seedDemoData();
  // Until prisma/seed-meetings.ts calls it, seed the webinars here.
  if ((await db.event.count({ where: { title: WEBINAR_TITLE } })) === 0) await seedDemoWebinars();
}, 120_000);

describe("demo webinars", () => {
  it("a full lunchtime webinar on an allowed day of its organiser's calendar, with three people waiting in order", async () => {
    const webinar = await db.event.findFirstOrThrow({
      where: { title: WEBINAR_TITLE },
      include: { registrations: true },
    });
    expect(webinar.kind).toBe("webinar");
    expect(parisTimeOf(webinar.startsAt)).toBe("12:30");
    const calendar = await loadCalendarContext(webinar.departement, webinar.organizationId);
    expect(evaluateDate(calendar, webinar.eventDate, "event").status).toBe("ok");
    expect(webinar.eventDate > todayInParis()).toBe(true);
    const confirmed = webinar.registrations.filter((row) => row.status === "confirmed");
    const waiting = webinar.registrations.filter((row) => row.status === "waiting");
    expect(confirmed).toHaveLength(webinar.capacity!);
    expect(waiting.map((row) => row.waitingPosition).sort()).toEqual([1, 2, 3]);
    expect(
      await db.job.count({
        where: { dedupeKey: { in: [joinLinkJobKey(webinar.id), reminderJobKey(webinar.id)] }, status: "pending" },
      }),
    ).toBe(2);
  });

  it("a past information meeting with attendance, a note and its correction, and slides for everyone", async () => {
    const meeting = await db.event.findFirstOrThrow({
      where: { kind: "info_meeting", materials: { some: {} } },
      include: { registrations: true, notes: true, materials: true },
    });
    expect(meeting.endsAt.getTime()).toBeLessThan(Date.now());
    expect(meeting.registrations.filter((row) => row.attendance === "present").length).toBeGreaterThan(0);
    expect(meeting.registrations.filter((row) => row.attendance === "absent").length).toBeGreaterThan(0);
    const original = meeting.notes.find((note) => !note.correctsNoteId)!;
    expect(meeting.notes.find((note) => note.correctsNoteId)?.correctsNoteId).toBe(original.id);
    expect(meeting.materials).toHaveLength(1);
    const kinds = new Set(
      (await db.ledgerRecord.findMany({ where: { eventId: meeting.id } })).map((record) => record.kind),
    );
    expect(kinds).toEqual(
      new Set([
        "meeting.event_published",
        "meeting.registered",
        "meeting.attendance_recorded",
        "meeting.note_written",
        "meeting.note_corrected",
        "meeting.materials_published",
      ]),
    );
    expect((await verifyLedger()).ok).toBe(true);
  });
});
