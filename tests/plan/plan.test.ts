// Planned procurements, semester editions and territory density, on a real database (the
// calendar reference data comes from the migrations: zone A school holidays, quiet periods,
// procedure minimums, density threshold).
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache, setPlatformSetting } from "~/calendar/calendar.server";
import { db, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { addBlockedPeriod, updateBlockPolicies } from "~/plan/calendar-settings.server";
import { densityNotice, launchesPerWeek } from "~/plan/density.server";
import { loadEditionWithDiff, previewEdition, publishEdition } from "~/plan/editions.server";
import {
  activeProcurementChoices,
  CONCURRENT_EDIT_MESSAGE,
  createPlannedProcurement,
  getPlannedProcurement,
  listPlannedProcurements,
  updatePlannedProcurement,
  withdrawPlannedProcurement,
} from "~/plan/plan.server";
import { createBuyer, input } from "./fixtures";
import { must } from "../support/must";

const DEFAULT_POLICIES = {
  policySchoolHoliday: "justify",
  policyPublicHoliday: "refuse",
  policyQuietPeriod: "refuse",
  policyOwnPeriod: "refuse",
} as const;

beforeAll(async () => {
  invalidateCalendarCache();
  // The reference data these tests rely on (written by the calendar migration).
  expect(
    await db.schoolHoliday.count({ where: { zone: "A", period: "Vacances de Noël", firstDayOff: "2026-12-19" } }),
  ).toBe(1);
  expect(await db.quietPeriod.count()).toBeGreaterThanOrEqual(2);
});

describe("planned procurements", () => {
  it("creates a procurement with its lots, lists it, and hides it from other organisations", async () => {
    const { organization, actor } = await createBuyer({
      name: "Communauté de communes des Monts du Lyonnais",
      departement: "69",
    });
    const other = await createBuyer({ name: "Autre acheteur", departement: "69" });
    const result = must(
      await createPlannedProcurement(
        actor,
        organization,
        input({
          lots: [{ title: "Désamiantage" }, { title: "Couverture", description: "Bac acier" }],
          environmentalConsideration: "Isolation biosourcée",
        }),
      ),
    );
    const stored = await getPlannedProcurement(organization.id, result.id);
    expect(stored).toMatchObject({
      title: "Réfection de la toiture du gymnase",
      status: "planned",
      createdById: actor.id,
      environmentalConsideration: "Isolation biosourcée",
    });
    expect(stored!.lots.map((lot) => [lot.number, lot.title, lot.description])).toEqual([
      [1, "Désamiantage", null],
      [2, "Couverture", "Bac acier"],
    ]);
    expect((await listPlannedProcurements(organization.id)).map((item) => item.id)).toEqual([result.id]);
    expect(await getPlannedProcurement(other.organization.id, result.id)).toBeNull();
  });

  it("refuses a publication date in the Christmas holidays of zone A, naming the reasons and proposing the next allowed date", async () => {
    const { organization, actor } = await createBuyer({ name: "SIVOM du Val de Saône", departement: "69" });
    const result = await createPlannedProcurement(
      actor,
      organization,
      input({ expectedPublicationDate: "2026-12-21", responseDeadline: "2027-02-26" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.fieldErrors.expectedPublicationDate?.[0] ?? "";
    expect(message).toMatch(/^Date refusée : le lundi 21 décembre 2026 tombe pendant/);
    expect(message).toContain("Vacances de Noël (zone A), du samedi 19 décembre 2026 au dimanche 3 janvier 2027");
    expect(message).toContain("Fêtes de fin d'année");
    expect(message).toContain("Prochaine date possible : lundi 4 janvier 2027.");
    expect(result.proposals.expectedPublicationDate).toBe("2027-01-04");
    expect(await db.plannedProcurement.count({ where: { organizationId: organization.id } })).toBe(0);

    // Taking the proposal works.
    must(
      await createPlannedProcurement(
        actor,
        organization,
        input({ expectedPublicationDate: "2027-01-04", responseDeadline: "2027-02-12" }),
      ),
    );
  });

  it("asks for a written justification when the organisation accepts school holidays with one, and stores it", async () => {
    const { organization, actor } = await createBuyer({ name: "Commune de Tarare", departement: "69" });
    const winter = { expectedPublicationDate: "2027-02-15", responseDeadline: "2027-03-26" };
    const missing = await createPlannedProcurement(actor, organization, input(winter));
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.fieldErrors.expectedPublicationDate).toBeUndefined();
    expect(missing.fieldErrors.publicationJustification?.[0]).toMatch(
      /Vacances d'Hiver \(zone A\).*à condition de l'expliquer/,
    );
    expect(missing.proposals.expectedPublicationDate).toBe("2027-03-01");

    const justification =
      "Le conseil communautaire vote le budget le 10 février : publier avant le printemps garantit le démarrage des travaux en juillet.";
    const saved = must(
      await createPlannedProcurement(
        actor,
        organization,
        input({ ...winter, publicationJustification: justification, deadlineJustification: "sans objet ici" }),
      ),
    );
    const stored = await db.plannedProcurement.findUniqueOrThrow({ where: { id: saved.id } });
    expect(stored.publicationJustification).toBe(justification);
    // A justification for a date that needs none is not kept (it would be published for nothing).
    expect(stored.deadlineJustification).toBeNull();

    // When the organisation refuses school holidays, the same date is refused.
    await updateBlockPolicies(organization.id, { ...DEFAULT_POLICIES, policySchoolHoliday: "refuse" });
    const refused = await createPlannedProcurement(
      actor,
      organization,
      input({ ...winter, publicationJustification: justification }),
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.fieldErrors.expectedPublicationDate?.[0]).toMatch(/^Date refusée/);
  });

  it("refuses a response window below the procedure's minimum and proposes the earliest deadline", async () => {
    const { organization, actor } = await createBuyer({ name: "Syndicat des eaux du Beaujolais", departement: "69" });
    const result = await createPlannedProcurement(
      actor,
      organization,
      input({ expectedPublicationDate: "2027-03-08", responseDeadline: "2027-03-19" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.fieldErrors.responseDeadline?.[0] ?? "";
    expect(message).toMatch(/^Délai de réponse trop court/);
    expect(message).toContain("n'ont que 9 jours ouvrés");
    expect(message).toContain("« Procédure adaptée (MAPA) », Amont demande au moins 15 jours ouvrés");
    // 15 open days after Monday 8 March 2027, Easter Monday (29 March) excluded.
    expect(message).toContain("Date limite possible au plus tôt : mardi 30 mars 2027.");
    expect(result.proposals.responseDeadline).toBe("2027-03-30");
    must(
      await createPlannedProcurement(
        actor,
        organization,
        input({ expectedPublicationDate: "2027-03-08", responseDeadline: "2027-03-30" }),
      ),
    );
  });

  it("applies the organisation's own blocked periods", async () => {
    const { organization, actor } = await createBuyer({ name: "Commune de Givors", departement: "69" });
    await addBlockedPeriod(organization.id, {
      label: "Déménagement des services",
      startDate: "2027-05-17",
      endDate: "2027-05-28",
    });
    const result = await createPlannedProcurement(
      actor,
      organization,
      input({ expectedPublicationDate: "2027-05-19", responseDeadline: "2027-06-30" }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.expectedPublicationDate?.[0]).toContain(
        "Déménagement des services, du lundi 17 mai 2027 au vendredi 28 mai 2027",
      );
      expect(result.proposals.expectedPublicationDate).toBe("2027-05-31");
    }
  });

  it("updates fields and lots in one write, without checking again a date that did not change", async () => {
    const { organization, actor } = await createBuyer({ name: "Commune de Vaulx", departement: "69" });
    const { id } = must(
      await createPlannedProcurement(actor, organization, input({ lots: [{ title: "Lot A" }, { title: "Lot B" }] })),
    );
    // The saved date becomes blocked afterwards: editing something else still works.
    await addBlockedPeriod(organization.id, { label: "Élections", startDate: "2027-03-08", endDate: "2027-03-08" });
    const before = await db.plannedProcurement.findUniqueOrThrow({ where: { id } });
    must(
      await updatePlannedProcurement(
        actor,
        organization,
        id,
        input({ title: "Toiture et façades du gymnase", lots: [{ title: "Lot unique" }] }),
        before.updatedAt.toISOString(),
      ),
    );
    const after = await getPlannedProcurement(organization.id, id);
    expect(after).toMatchObject({ title: "Toiture et façades du gymnase", expectedPublicationDate: "2027-03-08" });
    expect(after!.lots.map((lot) => lot.title)).toEqual(["Lot unique"]);

    // Changing the date checks it again.
    const moved = await updatePlannedProcurement(
      actor,
      organization,
      id,
      input({ expectedPublicationDate: "2027-01-01" }),
    );
    expect(moved.ok).toBe(false);

    // A form built on an older version is refused, and nothing is written.
    const stale = await updatePlannedProcurement(
      actor,
      organization,
      id,
      input({ title: "Écrase tout" }),
      before.updatedAt.toISOString(),
    );
    expect(stale).toMatchObject({ ok: false, formErrors: [CONCURRENT_EDIT_MESSAGE] });
    expect((await getPlannedProcurement(organization.id, id))!.title).toBe("Toiture et façades du gymnase");

    const other = await createBuyer({ name: "Intrus", departement: "69" });
    expect(await updatePlannedProcurement(other.actor, other.organization, id, input())).toMatchObject({
      ok: false,
      notFound: true,
    });
  });

  it("withdraws a procurement with its reason; it can no longer be edited", async () => {
    const { organization, actor } = await createBuyer({ name: "Commune de Brignais", departement: "69" });
    const { id } = must(await createPlannedProcurement(actor, organization, input()));
    const now = new Date("2027-01-15T10:00:00Z");
    expect(
      await withdrawPlannedProcurement(
        actor,
        organization.id,
        id,
        "Besoin couvert par un groupement de commandes.",
        now,
      ),
    ).toEqual({ ok: true });
    expect(await db.plannedProcurement.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "abandoned",
      withdrawnAt: now,
      withdrawalReason: "Besoin couvert par un groupement de commandes.",
    });
    expect(await withdrawPlannedProcurement(actor, organization.id, id, "Encore", now)).toMatchObject({ ok: false });
    expect(await updatePlannedProcurement(actor, organization, id, input())).toMatchObject({
      ok: false,
      formErrors: [expect.stringMatching(/retiré/)],
    });
    expect(await withdrawPlannedProcurement(actor, "autre-organisation", id, "Motif quelconque", now)).toMatchObject({
      ok: false,
      notFound: true,
    });
  });

  it("offers the organisation's procurements still in play, by publication date, as a form's choices", async () => {
    const { organization, actor } = await createBuyer({ name: "Commune de Givors", departement: "69" });
    const later = must(
      await createPlannedProcurement(actor, organization, input({ title: "Entretien des espaces verts" })),
    );
    const sooner = must(
      await createPlannedProcurement(
        actor,
        organization,
        input({ title: "Fournitures scolaires", expectedPublicationDate: "2027-03-01" }),
      ),
    );
    const withdrawn = must(await createPlannedProcurement(actor, organization, input({ title: "Abandonné" })));
    must(await withdrawPlannedProcurement(actor, organization.id, withdrawn.id, "Besoin couvert autrement."));
    const other = await createBuyer({ name: "Commune voisine", departement: "69" });
    must(await createPlannedProcurement(other.actor, other.organization, input({ title: "Pas le sien" })));
    expect(await activeProcurementChoices(organization.id)).toEqual([
      { id: sooner.id, title: "Fournitures scolaires" },
      { id: later.id, title: "Entretien des espaces verts" },
    ]);
  });
});

describe("semester editions", () => {
  const S1 = { year: 2027, half: 1 as const };

  it("refuses an empty edition", async () => {
    const { organization, actor } = await createBuyer({ name: "Commune sans projet", departement: "69" });
    await createPlannedProcurement(actor, organization, input({ status: "draft" }));
    expect(await publishEdition(actor, organization.id, S1)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Aucun achat à publier pour le 1er semestre 2027/),
    });
    expect(await db.planEdition.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it("numbers editions, moves isLatest, snapshots the items, diffs, and records each publication on the ledger", async () => {
    const { organization, actor } = await createBuyer({
      name: "Communauté d'agglomération de Villefranche",
      departement: "69",
    });
    const a = must(
      await createPlannedProcurement(
        actor,
        organization,
        input({
          title: "Entretien des espaces verts",
          category: "services",
          cpvCode: "77310000",
          lots: [{ title: "Parcs" }, { title: "Cimetières" }],
        }),
      ),
    );
    const b = must(
      await createPlannedProcurement(
        actor,
        organization,
        input({
          title: "Fourniture de mobilier scolaire",
          category: "fournitures",
          cpvCode: "39160000-1",
          expectedPublicationDate: "2027-04-26",
          responseDeadline: "2027-05-28",
        }),
      ),
    );
    const c = must(
      await createPlannedProcurement(
        actor,
        organization,
        input({ title: "Nettoyage des locaux", category: "services", cpvCode: "90919200-4", reserved: "siae" }),
      ),
    );
    await createPlannedProcurement(actor, organization, input({ title: "Brouillon non publié", status: "draft" }));
    await createPlannedProcurement(
      actor,
      organization,
      input({
        title: "Achat du second semestre",
        expectedPublicationDate: "2027-09-06",
        responseDeadline: "2027-10-15",
      }),
    );

    const preview = await previewEdition(organization.id, S1);
    expect(preview).toMatchObject({ nextNumber: 1, previous: null, blocker: null });
    expect(preview!.items).toHaveLength(3);

    const first = must(await publishEdition(actor, organization.id, S1));
    expect(first.edition).toMatchObject({ number: 1, itemCount: 3 });
    expect(first.counts).toEqual({ added: 3, moved: 0, withdrawn: 0, modified: 0, unchanged: 0 });
    const items = await db.planEditionItem.findMany({
      where: { editionId: first.edition.id },
      orderBy: { title: "asc" },
    });
    expect(items.map((item) => item.title)).toEqual([
      "Entretien des espaces verts",
      "Fourniture de mobilier scolaire",
      "Nettoyage des locaux",
    ]);
    expect(items[0]).toMatchObject({
      plannedProcurementId: a.id,
      departement: "69",
      region: "84",
      cpvDivision: "77",
      cpvCode: "77310000",
      status: "planned",
    });
    expect(JSON.parse(items[0]!.lots)).toEqual([
      { number: 1, title: "Parcs", description: null },
      { number: 2, title: "Cimetières", description: null },
    ]);

    // Nothing changed: no second edition.
    expect(await publishEdition(actor, organization.id, S1)).toMatchObject({
      ok: false,
      message:
        "Rien n'a changé depuis l'édition n° 1 du 1er semestre 2027 : il n'y a pas de nouvelle édition à publier.",
    });

    // Move one, modify one, withdraw one, add one.
    must(
      await updatePlannedProcurement(
        actor,
        organization,
        b.id,
        input({
          title: "Fourniture de mobilier scolaire",
          category: "fournitures",
          cpvCode: "39160000-1",
          expectedPublicationDate: "2027-05-03",
          responseDeadline: "2027-06-04",
        }),
      ),
    );
    must(
      await updatePlannedProcurement(
        actor,
        organization,
        a.id,
        input({
          title: "Entretien des espaces verts",
          category: "services",
          cpvCode: "77310000",
          lots: [{ title: "Parcs" }, { title: "Cimetières" }],
          valueBand: "100k_215k",
        }),
      ),
    );
    must(
      await withdrawPlannedProcurement(
        actor,
        organization.id,
        c.id,
        "Confié à une régie de quartier dans le cadre d'une convention.",
      ),
    );
    const d = must(
      await createPlannedProcurement(
        actor,
        organization,
        input({
          title: "Maîtrise d'œuvre de la médiathèque",
          category: "services",
          cpvCode: "71000000-8",
          expectedPublicationDate: "2027-06-07",
          responseDeadline: "2027-07-02",
        }),
      ),
    );

    const second = must(await publishEdition(actor, organization.id, S1));
    expect(second.edition).toMatchObject({ number: 2, itemCount: 3 });
    expect(second.counts).toEqual({ added: 1, moved: 1, withdrawn: 1, modified: 1, unchanged: 0 });
    const editions = await db.planEdition.findMany({
      where: { organizationId: organization.id },
      orderBy: { number: "asc" },
    });
    expect(editions.map((edition) => [edition.number, edition.isLatest])).toEqual([
      [1, false],
      [2, true],
    ]);

    const loaded = await loadEditionWithDiff(organization.id, 2027, 1, 2);
    expect(loaded!.edition).toMatchObject({ number: 2, isLatest: true });
    expect(loaded!.previousNumber).toBe(1);
    expect(loaded!.items.map((item) => item.expectedPublicationDate)).toEqual([
      "2027-03-08",
      "2027-05-03",
      "2027-06-07",
    ]);
    expect(loaded!.diff.added.map((item) => item.plannedProcurementId)).toEqual([d.id]);
    expect(loaded!.diff.moved).toEqual([
      expect.objectContaining({ from: "2027-04-26", to: "2027-05-03", fields: ["Date limite de réponse"] }),
    ]);
    expect(loaded!.diff.modified).toEqual([expect.objectContaining({ fields: ["Montant estimé"] })]);
    expect(loaded!.diff.withdrawn.map((item) => item.plannedProcurementId)).toEqual([c.id]);
    expect((await loadEditionWithDiff(organization.id, 2027, 1, 1))!.diff.added).toHaveLength(3);
    expect(await loadEditionWithDiff(organization.id, 2027, 1, 3)).toBeNull();

    const records = await db.ledgerRecord.findMany({
      where: { kind: "plan.edition_published" },
      orderBy: { sequence: "asc" },
    });
    const mine = records.filter((record) => JSON.parse(record.organizationIds).includes(organization.id));
    expect(mine).toHaveLength(2);
    expect(JSON.parse(mine[1]!.payload)).toMatchObject({
      editionNumber: 2,
      semester: "2027-S1",
      itemCount: 3,
      contentHash: second.edition.contentHash,
      diff: { added: 1, moved: 1, withdrawn: 1, modified: 1, unchanged: 0 },
    });
    expect(mine[1]!.summary).toContain("a publié l'édition n° 2 de la programmation du 1er semestre 2027");
    expect(await verifyLedger()).toMatchObject({ ok: true });

    // Everything withdrawn: an empty edition tells the public so.
    for (const id of [a.id, b.id, d.id])
      must(await withdrawPlannedProcurement(actor, organization.id, id, "Projet reporté à l'an prochain."));
    const emptied = must(await publishEdition(actor, organization.id, S1));
    expect(emptied.edition).toMatchObject({ number: 3, itemCount: 0 });
    expect(emptied.counts.withdrawn).toBe(3);
  });

  it("keeps published editions immutable: items cannot change, an edition only its isLatest flag", async () => {
    const edition = await db.planEdition.findFirstOrThrow({ where: { number: 1 }, include: { items: true } });
    const item = edition.items[0]!;
    // Through the model API the adapter reports the trigger's refusal without its text (it used to
    // match only because Prisma's message quotes the calling source line); raw SQL keeps the text.
    await expect(
      write((tx) => tx.planEditionItem.update({ where: { id: item.id }, data: { title: "Réécrit" } })),
    ).rejects.toThrow();
    await expect(
      write(
        (tx) =>
          tx.$executeRaw`UPDATE "PlanEditionItem" SET "expectedPublicationDate" = '2027-01-01' WHERE "id" = ${item.id}`,
      ),
    ).rejects.toThrow(/immutable/);
    await expect(write((tx) => tx.planEditionItem.delete({ where: { id: item.id } }))).rejects.toThrow();
    await expect(write((tx) => tx.$executeRaw`DELETE FROM "PlanEditionItem" WHERE "id" = ${item.id}`)).rejects.toThrow(
      /immutable/,
    );
    await expect(
      write((tx) => tx.planEdition.update({ where: { id: edition.id }, data: { itemCount: 99 } })),
    ).rejects.toThrow();
    await expect(
      write((tx) => tx.$executeRaw`UPDATE "PlanEdition" SET "itemCount" = 99 WHERE "id" = ${edition.id}`),
    ).rejects.toThrow(/immutable/);
    await expect(write((tx) => tx.planEdition.delete({ where: { id: edition.id } }))).rejects.toThrow();
    await expect(write((tx) => tx.$executeRaw`DELETE FROM "PlanEdition" WHERE "id" = ${edition.id}`)).rejects.toThrow(
      /immutable/,
    );
    expect((await db.planEdition.findUniqueOrThrow({ where: { id: edition.id } })).itemCount).toBe(edition.itemCount);
    expect((await db.planEditionItem.findUniqueOrThrow({ where: { id: item.id } })).title).toBe(item.title);
  });
});

describe("territory density", () => {
  it("counts launches per week across all buyers of a département or région, without drafts or withdrawn ones", async () => {
    const first = await createBuyer({ name: "Ville de Densiville", departement: "42" });
    const second = await createBuyer({ name: "Communauté de Densiville", departement: "42" });
    const neighbour = await createBuyer({ name: "Voisin de l'Ain", departement: "01" });
    const week = { expectedPublicationDate: "2027-06-07", responseDeadline: "2027-07-02" };
    must(await createPlannedProcurement(first.actor, first.organization, input(week)));
    must(
      await createPlannedProcurement(
        first.actor,
        first.organization,
        input({ ...week, expectedPublicationDate: "2027-06-10" }),
      ),
    );
    must(await createPlannedProcurement(second.actor, second.organization, input(week)));
    must(await createPlannedProcurement(second.actor, second.organization, input({ ...week, status: "draft" })));
    const withdrawn = must(await createPlannedProcurement(second.actor, second.organization, input(week)));
    must(
      await withdrawPlannedProcurement(
        second.actor,
        second.organization.id,
        withdrawn.id,
        "Projet abandonné par le conseil.",
      ),
    );
    must(await createPlannedProcurement(neighbour.actor, neighbour.organization, input(week)));
    must(
      await createPlannedProcurement(
        first.actor,
        first.organization,
        input({ expectedPublicationDate: "2027-06-14", responseDeadline: undefined }),
      ),
    );

    const loire = await launchesPerWeek({ departements: ["42"] }, "2027-06-09", 2);
    expect(loire.map((row) => [row.weekStart, row.weekEnd, row.launches])).toEqual([
      ["2027-06-07", "2027-06-13", 3],
      ["2027-06-14", "2027-06-20", 1],
    ]);
    const region = await launchesPerWeek(
      { departements: ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"] },
      "2027-06-07",
      1,
    );
    expect(region[0]!.launches).toBeGreaterThanOrEqual(4);
  });

  it("names the blocked periods of each week, per calendar when the territory has several", async () => {
    const rows = await launchesPerWeek({ departements: ["42"] }, "2026-12-21", 12);
    const christmas = rows[0]!;
    const ordinary = rows[11]!;
    expect(christmas.blockedWeekdays).toBe(5);
    expect(christmas.blocks.map((block) => block.label)).toEqual(
      expect.arrayContaining(["Vacances de Noël (zone A)", "Fêtes de fin d'année", "Noël"]),
    );
    expect(christmas.blocks.every((block) => block.calendar === null)).toBe(true);
    expect(ordinary.weekStart).toBe("2027-03-08");
    expect(ordinary.blockedWeekdays).toBe(0);

    // Zone A (42) and Alsace-Moselle zone B (67): 26 December is a public holiday only in the second.
    const [mixed] = await launchesPerWeek({ departements: ["42", "67"] }, "2029-12-24", 1);
    const stephen = mixed!.blocks.find((block) => block.kind === "public_holiday" && block.from === "2029-12-26");
    expect(stephen?.calendar).toBe("Zone B, Alsace-Moselle");
    expect(mixed!.blocks.find((block) => block.label === "Noël")?.calendar).toBeNull();
  });

  it("warns when the chosen week already holds the threshold of launches in the département", async () => {
    expect(await densityNotice("42", "2027-06-09")).toBeNull(); // 3 launches, threshold 5
    await setPlatformSetting("density.threshold", "3");
    expect(await densityNotice("42", "2027-06-09")).toEqual({
      weekStart: "2027-06-07",
      launches: 3,
      threshold: 3,
      departement: "42",
    });
    expect(await densityNotice("01", "2027-06-09")).toBeNull();
    await setPlatformSetting("density.threshold", "5");
  });
});
