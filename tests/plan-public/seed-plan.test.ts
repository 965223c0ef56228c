// The demo forward plans (prisma/seed-plan.ts, loaded by seedDemoData): about 80 realistic planned
// procurements of the six demo buyers, published as S1 and S2 2027 editions, whose dates all pass
// the buyers' own calendar checks, and a second Métropole edition that shows every kind of change.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { loadEditionWithDiff } from "~/plan/editions.server";
import { checkDatesFor } from "~/plan/plan.server";
import { listAllPlanItems } from "~/plan/public.server";
import { DEFAULT_FILTERS } from "~/plan/filters";
import { semesterOf } from "~/plan/vocabulary";
import { seedDemoData } from "../../prisma/seed";
import { BUYERS } from "../../prisma/seed-data";

// How long seeding takes is measured by the benchmarks (bench/), never asserted here: a timed
// assertion fails on a busy machine.
beforeAll(async () => {
  await connectDatabase();
  await seedDemoData();
}, 60_000);

describe("demo forward plans", () => {
  it("has about 80 planned procurements across the six buyers, all published", async () => {
    const procurements = await db.plannedProcurement.findMany({ include: { organization: true, lots: true } });
    expect(procurements.length).toBeGreaterThanOrEqual(75);
    expect(procurements.length).toBeLessThanOrEqual(90);
    const perBuyer = new Map<string, number>();
    for (const procurement of procurements)
      perBuyer.set(procurement.organization.slug, (perBuyer.get(procurement.organization.slug) ?? 0) + 1);
    expect([...perBuyer.keys()].sort()).toEqual(BUYERS.map((buyer) => buyer.slug).sort());
    for (const count of perBuyer.values()) expect(count).toBeGreaterThanOrEqual(10);
    expect(new Set(procurements.map((p) => p.category))).toEqual(new Set(["travaux", "fournitures", "services"]));
    expect(new Set(procurements.map((p) => p.cpvCode.slice(0, 2))).size).toBeGreaterThanOrEqual(20);
    expect(procurements.filter((p) => p.lots.length > 0).length).toBeGreaterThanOrEqual(15);
    for (const p of procurements) {
      expect(p.cpvCode, p.title).toMatch(/^\d{8}-\d$/);
      expect(semesterOf(p.expectedPublicationDate).year, p.title).toBe(2027);
    }
    const published = await listAllPlanItems(DEFAULT_FILTERS, null);
    expect(published.length).toBe(procurements.filter((p) => p.status !== "abandoned").length);
  });

  it("has reserved contracts of every kind and social and environmental considerations", async () => {
    const procurements = await db.plannedProcurement.findMany();
    const count = (predicate: (p: (typeof procurements)[number]) => boolean) => procurements.filter(predicate).length;
    expect(count((p) => p.reserved === "siae")).toBeGreaterThanOrEqual(3);
    expect(count((p) => p.reserved === "ess")).toBeGreaterThanOrEqual(2);
    expect(count((p) => p.reserved === "disability")).toBeGreaterThanOrEqual(2);
    expect(count((p) => Boolean(p.socialConsideration))).toBeGreaterThanOrEqual(15);
    expect(count((p) => Boolean(p.environmentalConsideration))).toBeGreaterThanOrEqual(30);
  });

  it("keeps a few dates in school holidays with a written justification; every date passes the buyer's calendar", async () => {
    const procurements = await db.plannedProcurement.findMany({
      where: { status: { not: "abandoned" } },
      include: { organization: true },
    });
    expect(procurements.filter((p) => p.publicationJustification).length).toBeGreaterThanOrEqual(4);
    expect(procurements.filter((p) => p.deadlineJustification).length).toBeGreaterThanOrEqual(1);
    for (const p of procurements) {
      const checks = await checkDatesFor({ id: p.organizationId, departement: p.organization.departement }, p);
      expect(checks.fieldErrors, `${p.reference} ${p.title}`).toEqual({});
      expect(checks.ok).toBe(true);
      // A stored justification is one the calendar asks for (not decoration).
      expect(Boolean(checks.needsJustification.expectedPublicationDate), `${p.reference} publication`).toBe(
        Boolean(p.publicationJustification),
      );
      expect(Boolean(checks.needsJustification.responseDeadline), `${p.reference} deadline`).toBe(
        Boolean(p.deadlineJustification),
      );
      expect(p.responseDeadline! > p.expectedPublicationDate).toBe(true);
      expect(p.contractStart! > p.responseDeadline!).toBe(true);
    }
  });

  it("publishes S1 and S2 2027 for every buyer, and a second S1 edition of the Métropole with every kind of change", async () => {
    const editions = await db.planEdition.findMany({ include: { organization: true } });
    for (const buyer of BUYERS) {
      for (const half of [1, 2]) {
        const latest = editions.filter(
          (e) => e.organization.slug === buyer.slug && e.year === 2027 && e.half === half && e.isLatest,
        );
        expect(latest, `${buyer.slug} S${half}`).toHaveLength(1);
        expect(latest[0]!.itemCount).toBeGreaterThan(0);
      }
    }
    const metropole = editions.find((e) => e.organization.slug === "metropole-rhone-confluence")!.organization;
    const second = await loadEditionWithDiff(metropole.id, 2027, 1, 2);
    expect(second).not.toBeNull();
    expect(second!.edition.isLatest).toBe(true);
    expect(second!.diff.added.map((item) => item.title)).toEqual(["Bornes de recharge pour les véhicules de service"]);
    expect(second!.diff.moved).toHaveLength(1);
    expect(second!.diff.moved[0]).toMatchObject({ from: "2027-05-18", to: "2027-06-01" });
    expect(second!.diff.modified.map((modified) => modified.fields)).toEqual([["Montant estimé"]]);
    expect(second!.diff.withdrawn.map((item) => item.title)).toEqual([
      "Collecte et valorisation des biodéchets des marchés alimentaires",
    ]);
    expect(await verifyLedger()).toMatchObject({ ok: true });
    expect(await db.ledgerRecord.count({ where: { kind: "plan.edition_published" } })).toBe(13);
  });
});
