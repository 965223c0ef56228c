// The record of a procurement, read through the one function that pages it (listRecordEntries):
// every kind of exchange is found, directly, through its questionnaire and through the events and
// stands that present it, and nothing of another procurement or another stand; filters by kind,
// supplier and period; keyset pages over thousands of records, forwards and backwards.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "~/calendar/dates";
import { connectDatabase, db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import {
  eachRecordEntry,
  listRecordEntries,
  loadRecordScope,
  recordFilterOptions,
  type RecordScope,
} from "~/record/record.server";
import { createBuyer, input } from "../plan/fixtures";
import { createPlannedProcurement } from "~/plan/plan.server";
import { must } from "../support/must";
import { appendQuickly, fullRecord } from "./fixtures";

let built: Awaited<ReturnType<typeof fullRecord>>;
let scope: RecordScope;

beforeAll(async () => {
  await connectDatabase();
  built = await fullRecord();
  scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
}, 120_000);

async function allEntries(filters = {}) {
  const entries = [];
  for await (const entry of eachRecordEntry(scope, filters)) entries.push(entry);
  return entries;
}

describe("what the record holds", () => {
  it("finds every kind of exchange, through the questionnaire, the events and the stand", async () => {
    const entries = await allEntries();
    const kinds = new Set(entries.map((entry) => entry.kind));
    for (const kind of [
      "plan.edition_published",
      "sourcing.version_published",
      "sourcing.questionnaire_opened",
      "sourcing.answer_submitted",
      "sourcing.answer_updated",
      "sourcing.invitation_sent",
      "sourcing.clarification_asked",
      "sourcing.clarification_answered",
      "sourcing.exported",
      "sourcing.closed_early",
      "meeting.event_published",
      "meeting.registered",
      "meeting.waitlist_joined",
      "meeting.registration_cancelled",
      "meeting.waitlist_promoted",
      "meeting.event_moved",
      "meeting.materials_published",
      "meeting.attendance_recorded",
      "meeting.note_written",
      "meeting.note_corrected",
      "meeting.event_cancelled",
      "meeting.slot_booked",
      "meeting.slot_cancelled",
      "meeting.waitlist_left",
      "manual.exchange",
      "procurement.launched",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    // In ledger order, each once.
    const sequences = entries.map((entry) => entry.sequence);
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    expect(new Set(sequences).size).toBe(sequences.length);
  });

  it("leaves out the other procurement's records and the bookings at the other stand of the fair", async () => {
    const entries = await allEntries();
    expect(entries.some((entry) => entry.summary.includes("Vitres Claires"))).toBe(false);
    expect(entries.some((entry) => entry.summary.includes("Stand de la Métropole"))).toBe(false);
    // At the stand that presents the procurement: three bookings, one cancelled, the waiting list.
    const atStand = entries.filter((entry) => entry.eventId === built.fairId);
    expect(atStand.filter((entry) => entry.kind === "meeting.slot_booked")).toHaveLength(3);
    expect(atStand.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining([
        "meeting.event_published",
        "meeting.waitlist_joined",
        "meeting.waitlist_left",
        "meeting.slot_cancelled",
        "meeting.attendance_recorded",
        "meeting.note_written",
      ]),
    );
    // Every record of the fair the other stand's booking made is missing, and only it.
    const fairRecords = await db.ledgerRecord.findMany({ where: { eventId: built.fairId } });
    const missing = fairRecords.filter((record) => !atStand.some((entry) => entry.sequence === record.sequence));
    expect(missing.map((record) => record.kind)).toEqual(["meeting.slot_booked"]);
    expect(missing[0]!.summary).toContain("Stand de la Métropole");
  });

  it("reads each entry: label, context, suppliers, hashes, manual entries and the launch", async () => {
    const entries = await allEntries();
    const version = entries.find((entry) => entry.kind === "sourcing.version_published")!;
    expect(version.kindLabel).toBe("Questionnaire publié");
    expect(version.context).toBe("Questionnaire « Toitures : connaître le marché »");
    expect(version.facts[0]).toMatchObject({ label: "Empreinte SHA-256 de la version", kind: "hash" });
    expect(version.hash).toMatch(/^[0-9a-f]{64}$/);
    const answered = entries.find((entry) => entry.kind === "sourcing.answer_submitted")!;
    expect(answered.suppliers.map((supplier) => supplier.name)).toEqual(["Couvreurs Associés"]);
    const booked = entries.find((entry) => entry.kind === "meeting.slot_booked")!;
    expect(booked.context).toBe("Événement « Salon inversé des achats de la Métropole »");
    const manual = entries.find((entry) => entry.sequence === built.manualSequence)!;
    expect(manual.manual).toMatchObject({ channel: "phone", channelLabel: "Téléphone", corrects: null });
    expect(manual.day).toBe(addDays(todayInParis(), -3));
    const launch = entries.find((entry) => entry.kind === "procurement.launched")!;
    expect(launch.launch).toMatchObject({
      noticeReference: "BOAMP 27-000123",
      launchedOn: addDays(todayInParis(), -1),
    });
  });

  it("marks the exchanges that took place from the day of the launch", async () => {
    const entries = await allEntries();
    const launchedOn = addDays(todayInParis(), -1);
    for (const entry of entries) {
      if (entry.kind === "procurement.launched") expect(entry.afterLaunch).toBe(false);
      else expect(entry.afterLaunch, `${entry.sequence} ${entry.kind} ${entry.day}`).toBe(entry.day >= launchedOn);
    }
    // Written after the launch, about an exchange three days before it: not after the launch.
    const late = entries.filter((entry) => entry.kind === "manual.exchange").at(-1)!;
    expect(late.day).toBe(addDays(todayInParis(), -5));
    expect(late.afterLaunch).toBe(false);
    // The early closing, today, is.
    expect(entries.find((entry) => entry.kind === "sourcing.closed_early")!.afterLaunch).toBe(true);
  });

  it("is null for another organisation's procurement, or one that does not exist", async () => {
    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });
    expect(await loadRecordScope(stranger.organization.id, built.procurementId)).toBeNull();
    expect(await loadRecordScope(built.organization.id, "n-existe-pas")).toBeNull();
    // The fair's organiser sees its own procurements only, not the stand holder's.
    expect(await loadRecordScope(built.organiser.organization.id, built.procurementId)).toBeNull();
  });
});

describe("filters", () => {
  it("by kind, by supplier and by period, with the choices the record offers", async () => {
    const options = await recordFilterOptions(scope);
    expect(options.kinds.map((kind) => kind.value)).toContain("manual.exchange");
    expect(options.kinds.find((kind) => kind.value === "meeting.slot_booked")!.count).toBe(3);
    expect(options.suppliers.map((supplier) => supplier.label)).toEqual(
      expect.arrayContaining(["Couvreurs Associés", "Zinguerie du Rhône", "Toits Verts", "Charpentes Perret"]),
    );
    expect(options.suppliers.some((supplier) => supplier.label.startsWith("Agent"))).toBe(false);

    const bookings = await listRecordEntries(scope, { kind: "meeting.slot_booked" });
    expect(bookings.total).toBe(3);
    expect(bookings.entries.every((entry) => entry.kind === "meeting.slot_booked")).toBe(true);

    const c = built.suppliers.c.organization.id;
    const withC = await allEntries({ supplierOrganizationId: c });
    expect(withC.length).toBeGreaterThanOrEqual(4);
    expect(withC.every((entry) => entry.organizationIds.includes(c))).toBe(true);
    expect(withC.filter((entry) => entry.kind === "manual.exchange")).toHaveLength(2);

    const fiveDaysAgo = addDays(todayInParis(), -5);
    const thatDay = await allEntries({ from: fiveDaysAgo, to: fiveDaysAgo });
    expect(thatDay.map((entry) => entry.kind)).toEqual(["manual.exchange"]);
    const sinceYesterday = await allEntries({ from: addDays(todayInParis(), -1) });
    expect(sinceYesterday.every((entry) => entry.day >= addDays(todayInParis(), -1))).toBe(true);
    expect(sinceYesterday.map((entry) => entry.kind)).toContain("procurement.launched");
    expect(await allEntries({ from: addDays(todayInParis(), 1) })).toEqual([]);
  });
});

describe("pages of a long record", () => {
  it("walks 2,000 records by pages of 50, forwards and backwards, without losing or repeating one", async () => {
    const buyer = await createBuyer({ name: "Département du Rhône", departement: "69" });
    const procurement = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
    const records = [];
    for (let index = 0; index < 2_000; index++) {
      records.push({ plannedProcurementId: procurement.id, summary: `Échange n° ${index + 1}` });
      // Records of other procurements in between must not shorten a page.
      if (index % 100 === 0) records.push({ plannedProcurementId: built.otherProcurementId, summary: "Autre achat" });
    }
    await appendQuickly(buyer.organization.id, records);
    const long = (await loadRecordScope(buyer.organization.id, procurement.id))!;
    const first = await listRecordEntries(long);
    expect(first).toMatchObject({ total: 2_000, hasPrevious: false, hasNext: true });
    expect(first.entries).toHaveLength(50);

    const seen: number[] = [];
    let page = first;
    let pages = 1;
    seen.push(...page.entries.map((entry) => entry.sequence));
    while (page.hasNext) {
      page = await listRecordEntries(long, {}, { after: page.entries.at(-1)!.sequence });
      expect(page.hasPrevious).toBe(true);
      seen.push(...page.entries.map((entry) => entry.sequence));
      pages++;
    }
    expect(pages).toBe(40);
    expect(seen).toHaveLength(2_000);
    expect(new Set(seen).size).toBe(2_000);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));

    // The last page, then back one page at a time to the first.
    let back = await listRecordEntries(long, {}, { before: "end" });
    expect(back).toMatchObject({ hasNext: false, hasPrevious: true });
    expect(back.entries.map((entry) => entry.sequence)).toEqual(seen.slice(-50));
    const backwards = [...back.entries.map((entry) => entry.sequence)];
    while (back.hasPrevious) {
      back = await listRecordEntries(long, {}, { before: back.entries[0]!.sequence });
      expect(back.hasNext).toBe(true);
      backwards.unshift(...back.entries.map((entry) => entry.sequence));
    }
    expect(backwards).toEqual(seen);

    // Filters and pages together: the summaries are numbered, the period filter keeps them all.
    const today = await listRecordEntries(long, { from: todayInParis(), to: todayInParis() }, { after: seen[49]! });
    expect(today.entries[0]!.summary).toBe("Échange n° 51");
    expect((await verifyLedger()).ok).toBe(true);
  }, 60_000);
});
