// Launching a planned procurement: one ledger record and the procurement's state in one
// transaction; marking it again is a correction that names the first launch; refusals write
// nothing. Then the buyer's public accuracy view: what the latest edition announced against what
// was launched, and when.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, instantToParisDate, todayInParis } from "~/calendar/dates";
import { connectDatabase, db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { planAccuracy } from "~/plan/accuracy.server";
import { publishEdition } from "~/plan/editions.server";
import { accuracySentence, LAUNCH_MESSAGES } from "~/plan/launch";
import { markProcurementLaunched } from "~/plan/launch.server";
import { createPlannedProcurement, withdrawPlannedProcurement } from "~/plan/plan.server";
import { must } from "../support/must";
import { createBuyer, input } from "./fixtures";

beforeAll(async () => {
  await connectDatabase();
});

const notice = (overrides: Partial<{ launchedOn: string; noticeReference: string; noticeUrl: string }> = {}) => ({
  launchedOn: addDays(todayInParis(), -3),
  noticeReference: "BOAMP 27-004512",
  noticeUrl: "https://www.boamp.fr/avis/27-004512",
  ...overrides,
});

describe("marking a procurement launched", () => {
  it("publishes the consultation on the procurement and writes one ledger record", async () => {
    const buyer = await createBuyer({ name: "Ville de Meyzieu", departement: "69" });
    const procurement = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
    const before = await db.ledgerRecord.count();
    const launched = must(await markProcurementLaunched(buyer.actor, buyer.organization, procurement.id, notice()));
    expect(launched.corrected).toBe(false);
    expect(await db.plannedProcurement.findUniqueOrThrow({ where: { id: procurement.id } })).toMatchObject({
      status: "published",
      launchedOn: addDays(todayInParis(), -3),
      launchNoticeReference: "BOAMP 27-004512",
      buyerProfileUrl: "https://www.boamp.fr/avis/27-004512",
    });
    expect(await db.ledgerRecord.count()).toBe(before + 1);
    const record = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: launched.sequence } });
    expect(record).toMatchObject({ kind: "procurement.launched", plannedProcurementId: procurement.id });
    expect(JSON.parse(record.organizationIds)).toEqual([buyer.organization.id]);
    expect(instantToParisDate(record.occurredAt)).toBe(addDays(todayInParis(), -3));
    expect(JSON.parse(record.payload)).toMatchObject({
      launchedOn: addDays(todayInParis(), -3),
      noticeReference: "BOAMP 27-004512",
      noticeUrl: "https://www.boamp.fr/avis/27-004512",
      previousStatus: "planned",
      corrects: null,
    });
    expect(record.summary).toMatch(/^La consultation « Réfection de la toiture du gymnase » est lancée : avis BOAMP/);

    // Marked again: a correction naming the first record, which stays.
    const corrected = must(
      await markProcurementLaunched(
        buyer.actor,
        buyer.organization,
        procurement.id,
        notice({ launchedOn: addDays(todayInParis(), -4), noticeReference: "BOAMP 27-004513" }),
      ),
    );
    expect(corrected.corrected).toBe(true);
    const correction = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: corrected.sequence } });
    expect(JSON.parse(correction.payload)).toMatchObject({ corrects: launched.sequence, previousStatus: "published" });
    expect(correction.summary).toMatch(/^Correction du lancement/);
    expect((await db.plannedProcurement.findUniqueOrThrow({ where: { id: procurement.id } })).launchedOn).toBe(
      addDays(todayInParis(), -4),
    );
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("keeps an awarded procurement awarded", async () => {
    const buyer = await createBuyer({ name: "Ville de Décines", departement: "69" });
    const procurement = must(
      await createPlannedProcurement(
        buyer.actor,
        buyer.organization,
        input({ status: "awarded", buyerProfileUrl: "https://marches.exemple.fr/1" }),
      ),
    );
    must(await markProcurementLaunched(buyer.actor, buyer.organization, procurement.id, notice()));
    expect((await db.plannedProcurement.findUniqueOrThrow({ where: { id: procurement.id } })).status).toBe("awarded");
  });

  it("refuses a withdrawn procurement and another organisation's, and writes nothing", async () => {
    const buyer = await createBuyer({ name: "Ville de Rillieux", departement: "69" });
    const stranger = await createBuyer({ name: "Ville de Caluire", departement: "69" });
    const procurement = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
    const before = await db.ledgerRecord.count();
    expect(await markProcurementLaunched(stranger.actor, stranger.organization, procurement.id, notice())).toEqual({
      ok: false,
      message: "Cet achat n'existe pas.",
      notFound: true,
    });
    must(await withdrawPlannedProcurement(buyer.actor, buyer.organization.id, procurement.id, "Besoin couvert."));
    expect(await markProcurementLaunched(buyer.actor, buyer.organization, procurement.id, notice())).toEqual({
      ok: false,
      message: LAUNCH_MESSAGES.withdrawn,
    });
    expect(await db.ledgerRecord.count()).toBe(before);
    expect((await db.plannedProcurement.findUniqueOrThrow({ where: { id: procurement.id } })).launchedOn).toBeNull();
  });
});

describe("the plan's accuracy", () => {
  it("compares, per semester, the latest edition's announced month with the launch", async () => {
    const buyer = await createBuyer({ name: "Ville de Givors", departement: "69" });
    const announced = async (title: string, expectedPublicationDate: string) =>
      must(
        await createPlannedProcurement(
          buyer.actor,
          buyer.organization,
          input({ title, expectedPublicationDate, responseDeadline: undefined }),
        ),
      ).id;
    const onTime = await announced("Entretien des espaces verts", "2027-03-08");
    const late = await announced("Nettoyage des écoles", "2027-03-15");
    const waiting = await announced("Mobilier scolaire", "2027-05-10");
    must(await publishEdition(buyer.actor, buyer.organization.id, { year: 2027, half: 1 }));
    // Launched as the application records them, on days that are past for "today" below.
    const june = new Date("2027-06-10T10:00:00Z");
    must(
      await markProcurementLaunched(
        buyer.actor,
        buyer.organization,
        onTime,
        notice({ launchedOn: "2027-03-02" }),
        june,
      ),
    );
    must(
      await markProcurementLaunched(
        buyer.actor,
        buyer.organization,
        late,
        notice({ launchedOn: "2027-04-12", noticeReference: "BOAMP 27-1", noticeUrl: "https://b.fr/1" }),
        june,
      ),
    );
    expect(
      await markProcurementLaunched(
        buyer.actor,
        buyer.organization,
        waiting,
        notice({ launchedOn: "2027-06-11" }),
        june,
      ),
    ).toEqual({ ok: false, message: LAUNCH_MESSAGES.dateInFuture });
    const accuracy = await planAccuracy(buyer.organization.id, "2027-06-10");
    const semester = accuracy.get("2027-S1")!;
    expect(semester.rows.map((row) => [row.title, row.launchedOn, row.timing])).toEqual([
      ["Entretien des espaces verts", "2027-03-02", { kind: "on_time" }],
      ["Nettoyage des écoles", "2027-04-12", { kind: "late", months: 1 }],
      ["Mobilier scolaire", null, { kind: "overdue", months: 1 }],
    ]);
    expect(semester.rows[1]).toMatchObject({ noticeReference: "BOAMP 27-1", noticeUrl: "https://b.fr/1" });
    expect(accuracySentence(semester.summary)).toBe(
      "Sur 3 achats annoncés, 2 ont été lancés : 1 dans le mois annoncé, 1 plus tard que prévu. 1 n'est pas encore lancé alors que son mois est passé.",
    );
    // A procurement that is not in a published edition is not announced.
    await announced("Achat jamais publié", "2027-04-01");
    expect((await planAccuracy(buyer.organization.id, "2027-06-10")).get("2027-S1")!.rows).toHaveLength(3);
  });
});
