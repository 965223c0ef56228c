// The demo questionnaires: one open in two versions with a published clarification and about ten
// answers (fournisseur@amont.test's organisation can update), one closed; deadlines fit the calendar.
import { beforeAll, describe, expect, it } from "vitest";
import { loadBlockPolicies, loadCalendarContext } from "~/calendar/calendar.server";
import { todayInParis } from "~/calendar/dates";
import { connectDatabase, db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { checkQuestionnaireDeadline } from "~/sourcing/deadline";
import { formAnswersFor, getPublicQuestionnaire, listOpenQuestionnaires } from "~/sourcing/responses.server";
import { seedDemoData } from "../../prisma/seed";

beforeAll(async () => {
  await connectDatabase();
  await seedDemoData();
}, 120_000);

describe("demo sourcing", () => {
  it("has an open questionnaire in two versions, a published clarification and about ten answers", async () => {
    const open = await listOpenQuestionnaires();
    expect(open).toHaveLength(1);
    const shown = await getPublicQuestionnaire(open[0]!.id);
    expect(shown?.version.number).toBe(2);
    expect(shown?.questionnaire.clarifications).toHaveLength(1);
    const responses = await db.questionnaireResponse.findMany({
      where: { questionnaireId: open[0]!.id },
      distinct: ["supplierOrganizationId"],
      select: { supplierOrganizationId: true },
    });
    expect(responses.length).toBeGreaterThanOrEqual(9);
    expect(responses.length).toBeLessThanOrEqual(12);
    // Logiciels Civiques answered version 1 only: its form on version 2 is pre-filled.
    const civiques = await db.organization.findUniqueOrThrow({ where: { slug: "logiciels-civiques" } });
    const form = await formAnswersFor(open[0]!.id, civiques.id, shown!.version);
    expect(form.carried).toBe(true);
    expect(Object.keys(form.answers).length).toBeGreaterThan(3);
    // fournisseur@amont.test's organisation has not answered yet and still can.
    const perrin = await db.organization.findUniqueOrThrow({ where: { slug: "menuiserie-perrin" } });
    expect(await db.questionnaireResponse.count({ where: { supplierOrganizationId: perrin.id } })).toBe(0);
    expect(shown!.isOpen).toBe(true);
    // Six were sent; the one to Maçonnerie Da Silva's contact went with his account, closed in the demo.
    expect(await db.outboxMessage.count({ where: { template: "sourcing-new-version" } })).toBe(5);
  });

  it("has a closed questionnaire; every deadline respects its buyer's calendar", async () => {
    const questionnaires = await db.questionnaire.findMany({ include: { versions: true, organization: true } });
    expect(questionnaires).toHaveLength(2);
    expect(questionnaires.filter((q) => q.openUntil! < todayInParis())).toHaveLength(1);
    for (const questionnaire of questionnaires) {
      const ctx = await loadCalendarContext(questionnaire.organization.departement, questionnaire.organizationId);
      const policies = await loadBlockPolicies(questionnaire.organizationId);
      const first = questionnaire.versions.find((v) => v.number === 1)!;
      const publicationDay = first.publishedAt.toISOString().slice(0, 10);
      expect(
        checkQuestionnaireDeadline(ctx, policies, { deadline: first.deadline, publicationDay }).ok,
        questionnaire.title,
      ).toBe(true);
    }
    expect((await verifyLedger()).ok).toBe(true);
  });
});
