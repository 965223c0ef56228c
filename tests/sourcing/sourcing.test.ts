// Sourcing questionnaires on a real database: publication freezes a version (canonical JSON and
// its SHA-256), the price guard needs a justification, versions and answers, suppliers answering
// while the buyer publishes version 2, bad input, clarifications, invitations, who reads answers.
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache, setPlatformSetting } from "~/calendar/calendar.server";
import { db, write } from "~/db/db.server";
import { sha256Hex } from "~/ledger/canonical";
import { verifyLedger } from "~/ledger/ledger.server";
import {
  answerClarification,
  askClarification,
  pendingClarifications,
  publishedClarifications,
} from "~/sourcing/clarifications.server";
import { freezeVersion, readVersion } from "~/sourcing/content";
import { inviteSuppliers, supplierDirectory } from "~/sourcing/invitations.server";
import {
  applyDraftOperation,
  CONCURRENT_DRAFT_MESSAGE,
  MINIMUM_OPEN_DAYS_SETTING,
  publishQuestionnaire,
  questionnairesForProcurement,
  saveDraftDetails,
} from "~/sourcing/questionnaires.server";
import {
  formAnswersFor,
  getPublicQuestionnaire,
  listOpenQuestionnaires,
  saveAnswers,
} from "~/sourcing/responses.server";
import { buyerResponse, exportResponses, progressOf, responsesList, summaryOf } from "~/sourcing/results.server";
import { addDays } from "~/calendar/dates";
import { parisLocalToUtc } from "~/meetings/slots";
import {
  CONTENT,
  createBuyer,
  createSupplier,
  draftRevision,
  OPEN_DEADLINE,
  publishedQuestionnaire,
  VALID_ANSWERS,
} from "./fixtures";
import { sendQueuedInvitations } from "../support/invitations";
import { must } from "../support/must";

beforeAll(() => invalidateCalendarCache());

/** Changes question 2's label in the draft and publishes version 2. */
async function publishVersion2(
  setup: Awaited<ReturnType<typeof publishedQuestionnaire>>,
  note = "La question 2 précise les équipes.",
) {
  const question = {
    ...CONTENT.sections[0]!.questions[1]!,
    label: "Combien de salariés, sous-traitants compris, interviennent ?",
  };
  must(
    await applyDraftOperation(
      setup.organization.id,
      setup.questionnaireId,
      await draftRevision(setup.questionnaireId),
      { op: "update_question", questionId: "q2", question },
    ),
  );
  return publishQuestionnaire(setup.buyer.actor, setup.organization, setup.questionnaireId, {
    revision: await draftRevision(setup.questionnaireId),
    changeNote: note,
  });
}

describe("publication", () => {
  it("lists the organisation's questionnaires on a procurement, and none of another organisation", async () => {
    const setup = await publishedQuestionnaire();
    expect(await questionnairesForProcurement(setup.organization.id, setup.procurementId)).toEqual([
      {
        id: setup.questionnaireId,
        title: "Toitures : connaître le marché",
        status: "published",
        currentVersionNumber: 1,
      },
    ]);
    const other = await createBuyer({ name: "Autre acheteur", departement: "69" });
    expect(await questionnairesForProcurement(other.organization.id, setup.procurementId)).toEqual([]);
  });

  it("freezes version 1 as canonical JSON with its SHA-256, on the ledger; suppliers never see later draft edits", async () => {
    const setup = await publishedQuestionnaire();
    const version = await db.questionnaireVersion.findFirstOrThrow({
      where: { questionnaireId: setup.questionnaireId },
    });
    expect(version.number).toBe(1);
    expect(version.contentHash).toBe(sha256Hex(version.content));
    expect(version.content).toBe(
      freezeVersion({
        title: "Toitures : connaître le marché",
        introduction: "Nous préparons la réfection d'une toiture.",
        deadline: OPEN_DEADLINE,
        content: CONTENT,
      }).content,
    );
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "sourcing.version_published", plannedProcurementId: setup.procurementId },
    });
    expect(JSON.parse(record.payload)).toMatchObject({ versionNumber: 1, contentHash: version.contentHash });

    must(
      await applyDraftOperation(
        setup.organization.id,
        setup.questionnaireId,
        await draftRevision(setup.questionnaireId),
        { op: "remove_question", questionId: "q1" },
      ),
    );
    const shown = await getPublicQuestionnaire(setup.questionnaireId);
    expect(shown?.version.number).toBe(1);
    expect(shown?.document.content.sections[0]!.questions.map((q) => q.id)).toEqual(["q1", "q2", "q3", "q4", "q5"]);
    expect((await listOpenQuestionnaires()).some((q) => q.id === setup.questionnaireId)).toBe(true);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("refuses a second identical version, and a stale draft revision (two buyer members)", async () => {
    const setup = await publishedQuestionnaire();
    const same = await publishQuestionnaire(setup.buyer.actor, setup.organization, setup.questionnaireId, {
      revision: await draftRevision(setup.questionnaireId),
      changeNote: "Aucun changement réel ici.",
    });
    expect(same.ok).toBe(false);
    expect(!same.ok && same.message).toContain("Rien n'a changé depuis la version n° 1");

    const revision = await draftRevision(setup.questionnaireId);
    const first = await applyDraftOperation(setup.organization.id, setup.questionnaireId, revision, {
      op: "move_question",
      questionId: "q2",
      direction: "up",
    });
    const second = await applyDraftOperation(setup.organization.id, setup.questionnaireId, revision, {
      op: "remove_question",
      questionId: "q5",
    });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, message: CONCURRENT_DRAFT_MESSAGE });
    const draft = JSON.parse(
      (await db.questionnaire.findUniqueOrThrow({ where: { id: setup.questionnaireId } })).draftContent,
    );
    expect(draft.sections[0].questions.map((q: { id: string }) => q.id)).toEqual(["q2", "q1", "q3", "q4", "q5"]);
  });

  it("flags a price question; publishing needs a written justification that goes on the ledger", async () => {
    const priced = structuredClone(CONTENT);
    priced.sections[0]!.questions[0]!.label = "Quel serait votre prix unitaire au m² pour cette toiture ?";
    const buyer = await publishedQuestionnaire();
    must(
      await applyDraftOperation(
        buyer.organization.id,
        buyer.questionnaireId,
        await draftRevision(buyer.questionnaireId),
        { op: "update_question", questionId: "q1", question: priced.sections[0]!.questions[0]! },
      ),
    );
    const refused = await publishQuestionnaire(buyer.buyer.actor, buyer.organization, buyer.questionnaireId, {
      revision: await draftRevision(buyer.questionnaireId),
      changeNote: "Nouvelle question sur les prix.",
    });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.findings?.map((finding) => finding.field)).toContain("q-q1");
    expect(!refused.ok && refused.fieldErrors?.guardJustification?.[0]).toContain("Reformulez les passages signalés");
    expect(await db.questionnaireVersion.count({ where: { questionnaireId: buyer.questionnaireId } })).toBe(1);

    const justification = "Question validée par le service juridique : simple ordre de grandeur du secteur.";
    must(
      await publishQuestionnaire(buyer.buyer.actor, buyer.organization, buyer.questionnaireId, {
        revision: await draftRevision(buyer.questionnaireId),
        changeNote: "Nouvelle question sur les prix.",
        guardJustification: justification,
      }),
    );
    const version = await db.questionnaireVersion.findFirstOrThrow({
      where: { questionnaireId: buyer.questionnaireId, number: 2 },
    });
    expect(version.guardJustification).toBe(justification);
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "sourcing.version_published", plannedProcurementId: buyer.procurementId },
      orderBy: { sequence: "desc" },
    });
    expect(record.summary).toContain(justification);
  });

  it("checks the deadline against the calendar: Christmas is refused with the next date, a short window too", async () => {
    const setup = await publishedQuestionnaire();
    const revision = await draftRevision(setup.questionnaireId);
    // The day the buyer edits, fixed: the rules count open days from it.
    const today = "2026-11-23";
    const christmas = await saveDraftDetails(
      setup.organization,
      setup.questionnaireId,
      revision,
      { title: "T", introduction: "I", deadline: "2026-12-25" },
      today,
    );
    expect(christmas.ok).toBe(false);
    expect(!christmas.ok && christmas.fieldErrors?.deadline?.[0]).toMatch(
      /Date refusée : le vendredi 25 décembre 2026 tombe pendant .*Prochaine date possible : lundi 4 janvier 2027/,
    );
    expect(!christmas.ok && christmas.proposal).toBe("2027-01-04");
    const short = await saveDraftDetails(
      setup.organization,
      setup.questionnaireId,
      revision,
      { title: "T", introduction: "I", deadline: "2026-11-27" },
      today,
    );
    expect(!short.ok && short.fieldErrors?.deadline?.[0]).toContain("au moins 10 jours ouvrés");
    expect(await draftRevision(setup.questionnaireId)).toBe(revision);
    // The platform can change the default minimum.
    await setPlatformSetting(MINIMUM_OPEN_DAYS_SETTING, "3");
    try {
      expect(
        (
          await saveDraftDetails(
            setup.organization,
            setup.questionnaireId,
            revision,
            { title: "T", introduction: "I", deadline: "2026-11-27" },
            today,
          )
        ).ok,
      ).toBe(true);
    } finally {
      await setPlatformSetting(MINIMUM_OPEN_DAYS_SETTING, "10");
    }
  });
});

describe("answers and versions", () => {
  it("ties answers to their version; version 2 notifies every answering supplier with one identical email; updating pre-fills unchanged questions", async () => {
    const setup = await publishedQuestionnaire();
    const a = await createSupplier("Couvertures Rhodaniennes");
    const b = await createSupplier("Zinguerie du Beaujolais");
    must(await saveAnswers(a.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    must(await saveAnswers(b.supplier, setup.questionnaireId, 1, { q1: "Zinguerie" }, "draft"));
    const published = must(await publishVersion2(setup));
    expect(published.notified).toBe(2);
    const mails = await db.outboxMessage.findMany({
      where: { template: "sourcing-new-version", to: { in: [a.user.email, b.user.email] } },
    });
    expect(mails).toHaveLength(2);
    expect(mails[0]!.html).toBe(mails[1]!.html);
    expect(mails[0]!.subject).toBe(mails[1]!.subject);
    expect(mails[0]!.text).toContain("La question 2 précise les équipes.");

    const stale = await saveAnswers(a.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit");
    expect(stale).toMatchObject({ ok: false, superseded: { currentVersionNumber: 2 } });

    const current = await getPublicQuestionnaire(setup.questionnaireId);
    const form = await formAnswersFor(setup.questionnaireId, a.organization.id, current!.version);
    expect(form.carried).toBe(true);
    expect(form.answers).toEqual({ q1: "Couverture et zinguerie", q3: "c2", q4: "yes", q5: 4 }); // q2 changed: not carried
    const updated = must(
      await saveAnswers(a.supplier, setup.questionnaireId, 2, { ...VALID_ANSWERS, q2: "15" }, "submit"),
    );
    expect(updated.kind).toBe("updated");
    const responses = await db.questionnaireResponse.findMany({
      where: { supplierOrganizationId: a.organization.id },
      include: { version: true },
      orderBy: { createdAt: "asc" },
    });
    expect(responses.map((r) => [r.version.number, JSON.parse(r.answers).q2])).toEqual([
      [1, 12],
      [2, 15],
    ]);
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.answer_updated", plannedProcurementId: setup.procurementId },
      }),
    ).toBe(1);
  });

  it("20 suppliers answer while the buyer publishes version 2: every answer on exactly one version, none lost", async () => {
    const setup = await publishedQuestionnaire();
    const suppliers = await Promise.all(Array.from({ length: 20 }, (_, i) => createSupplier(`Entreprise ${i + 1}`)));
    const firstTries = suppliers.map((s) => saveAnswers(s.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    const publishing = publishVersion2(setup);
    const results = await Promise.all(firstTries);
    const published = must(await publishing);
    const onV1 = results.filter((r) => r.ok).length;
    const superseded = results.filter((r) => !r.ok && r.superseded).length;
    expect(onV1 + superseded).toBe(20);
    // Whoever landed on version 1 before the publication was told, in the same transaction.
    expect(published.notified).toBe(onV1);
    for (const [index, result] of results.entries()) {
      if (!result.ok)
        must(
          await saveAnswers(
            suppliers[index]!.supplier,
            setup.questionnaireId,
            2,
            { ...VALID_ANSWERS, q2: "8" },
            "submit",
          ),
        );
    }
    const rows = await db.questionnaireResponse.findMany({
      where: { questionnaireId: setup.questionnaireId },
      include: { version: true },
    });
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.supplierOrganizationId)).size).toBe(20);
    expect(rows.filter((r) => r.version.number === 1)).toHaveLength(onV1);
    expect(rows.every((r) => r.status === "submitted")).toBe(true);
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.answer_submitted", plannedProcurementId: setup.procurementId },
      }),
    ).toBe(20);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("answers written together in one transaction: one that fails in the database does not take the others down", async () => {
    const setup = await publishedQuestionnaire();
    const good = await Promise.all([
      createSupplier("Bonne Réponse 1"),
      createSupplier("Bonne Réponse 2"),
      createSupplier("Bonne Réponse 3"),
    ]);
    const ghost = { ...good[0].supplier, organizationId: "organisation-inexistante" }; // violates the foreign key
    // Hold the write queue so that the answers pile up and go in batches.
    const hold = write(() => new Promise((resolve) => setTimeout(resolve, 150)));
    const results = await Promise.allSettled([
      saveAnswers(good[0].supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"),
      saveAnswers(ghost, setup.questionnaireId, 1, VALID_ANSWERS, "submit"),
      saveAnswers(good[1].supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"),
      saveAnswers(good[2].supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"),
    ]);
    await hold;
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(
      await db.questionnaireResponse.count({ where: { questionnaireId: setup.questionnaireId, status: "submitted" } }),
    ).toBe(3);
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.answer_submitted", plannedProcurementId: setup.procurementId },
      }),
    ).toBe(3);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("refuses wrong types, out-of-bounds numbers, unknown choices and tampered question ids, saving nothing", async () => {
    const setup = await publishedQuestionnaire();
    const other = await publishedQuestionnaire({
      content: {
        sections: [{ id: "x", title: "", questions: [{ ...CONTENT.sections[0]!.questions[0]!, id: "foreign" }] }],
      },
    });
    const { supplier, organization } = await createSupplier("Charpentes Martin");
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ ...VALID_ANSWERS, q2: "douze" }, "q2", "Écrivez un nombre"],
      [{ ...VALID_ANSWERS, q2: "501" }, "q2", "au plus 500 personnes"],
      [{ ...VALID_ANSWERS, q3: "c9" }, "q3", "Choisissez une des réponses proposées."],
      [{ ...VALID_ANSWERS, q4: "peut-être" }, "q4", "Répondez par oui ou par non."],
      [{ ...VALID_ANSWERS, q5: "6" }, "q5", "de 1 à 5"],
      [{ ...VALID_ANSWERS, q1: "" }, "q1", "obligatoire"],
    ];
    for (const [answers, field, message] of cases) {
      const result = await saveAnswers(supplier, setup.questionnaireId, 1, answers, "submit");
      expect(result.ok).toBe(false);
      expect(!result.ok && result.fieldErrors[field]).toContain(message);
    }
    const tampered = await saveAnswers(
      supplier,
      setup.questionnaireId,
      1,
      { ...VALID_ANSWERS, foreign: "x" },
      "submit",
    );
    expect(!tampered.ok && tampered.message).toContain("ne correspond pas à la version");
    const otherVersion = await saveAnswers(supplier, setup.questionnaireId, 7, VALID_ANSWERS, "submit");
    expect(otherVersion.ok).toBe(false);
    expect(await db.questionnaireResponse.count({ where: { supplierOrganizationId: organization.id } })).toBe(0);
    expect(other.questionnaireId).not.toBe(setup.questionnaireId);
  });

  it("makes answers read-only after the deadline", async () => {
    const setup = await publishedQuestionnaire();
    const { supplier } = await createSupplier("Toitures Tardives");
    const late = await saveAnswers(
      supplier,
      setup.questionnaireId,
      1,
      VALID_ANSWERS,
      "submit",
      parisLocalToUtc(addDays(OPEN_DEADLINE, 1), "10:00"),
    );
    expect(late).toMatchObject({
      ok: false,
      message: "La date limite de ce questionnaire est passée : les réponses ne peuvent plus être modifiées.",
    });
    expect(await db.questionnaireResponse.count({ where: { questionnaireId: setup.questionnaireId } })).toBe(0);
  });
});

describe("who reads the answers", () => {
  it("only the buyer organisation reads them; another buyer gets nothing", async () => {
    const setup = await publishedQuestionnaire();
    const stranger = await createBuyer({ name: "Autre acheteur", departement: "69" });
    const { supplier } = await createSupplier("Couvreurs Associés");
    const saved = must(await saveAnswers(supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    expect((await buyerResponse(setup.organization.id, setup.questionnaireId, saved.responseId))?.answers.q1).toBe(
      "Couverture et zinguerie",
    );
    expect(await buyerResponse(stranger.organization.id, setup.questionnaireId, saved.responseId)).toBeNull();
    expect(await summaryOf(stranger.organization.id, setup.questionnaireId)).toBeNull();
    expect(await exportResponses(stranger.actor, stranger.organization.id, setup.questionnaireId, "csv")).toBeNull();
    expect(await progressOf(stranger.organization.id, setup.questionnaireId)).toBeNull();
  });

  it("keeps a draft to the supplier: the buyer's list, detail, summaries, exports and counts show submitted answers only", async () => {
    const setup = await publishedQuestionnaire();
    const submitting = await createSupplier("Toitures Déposées");
    const drafting = await createSupplier("Toitures en Brouillon");
    const submitted = must(await saveAnswers(submitting.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    const draft = must(
      await saveAnswers(
        drafting.supplier,
        setup.questionnaireId,
        1,
        { ...VALID_ANSWERS, q1: "Brouillon jamais déposé" },
        "draft",
      ),
    );
    const buyer = setup.organization.id;

    expect(await buyerResponse(buyer, setup.questionnaireId, draft.responseId)).toBeNull();
    expect(await buyerResponse(buyer, setup.questionnaireId, submitted.responseId)).not.toBeNull();
    expect((await responsesList(buyer, setup.questionnaireId))?.map((response) => response.id)).toEqual([
      submitted.responseId,
    ]);
    const summary = await summaryOf(buyer, setup.questionnaireId);
    expect(JSON.stringify(summary)).not.toContain("Brouillon jamais déposé");
    for (const format of ["csv", "json"] as const) {
      const file = await exportResponses(setup.buyer.actor, buyer, setup.questionnaireId, format);
      expect(file?.body).toContain("Toitures Déposées");
      expect(file?.body).not.toContain("Toitures en Brouillon");
      expect(file?.body).not.toContain("Brouillon jamais déposé");
    }
    // The counts say nothing of who started a draft.
    expect(await progressOf(buyer, setup.questionnaireId)).toEqual({
      invited: 0,
      opened: 0,
      submitted: 1,
      submittedOnCurrent: 1,
    });
    // The supplier still reads its own draft.
    const version = await db.questionnaireVersion.findFirstOrThrow({
      where: { questionnaireId: setup.questionnaireId },
    });
    const own = await formAnswersFor(setup.questionnaireId, drafting.organization.id, version);
    expect(own.answers.q1).toBe("Brouillon jamais déposé");
  });

  it("summarises and exports with a ledger record", async () => {
    const setup = await publishedQuestionnaire();
    for (const [index, count] of ["3", "12", "40"].entries()) {
      const { supplier } = await createSupplier(`Entreprise "${index}"; SARL`);
      must(
        await saveAnswers(
          supplier,
          setup.questionnaireId,
          1,
          { ...VALID_ANSWERS, q2: count, q3: index === 0 ? "c1" : "c2" },
          "submit",
        ),
      );
    }
    const summary = await summaryOf(setup.organization.id, setup.questionnaireId);
    const choice = summary!.summaries.find((s) => s.question.id === "q3");
    expect(choice?.kind === "choices" && choice.counts.map((c) => c.count)).toEqual([1, 2, 0]);
    const numbers = summary!.summaries.find((s) => s.question.id === "q2");
    expect(numbers?.kind === "numbers" && [numbers.min, numbers.median, numbers.max]).toEqual([3, 12, 40]);
    const csv = await exportResponses(setup.buyer.actor, setup.organization.id, setup.questionnaireId, "csv");
    expect(csv!.body.startsWith("\uFEFFEntreprise;SIRET;")).toBe(true);
    expect(csv!.body).toContain('"Entreprise ""0""; SARL"');
    const json = JSON.parse(
      (await exportResponses(setup.buyer.actor, setup.organization.id, setup.questionnaireId, "json"))!.body,
    );
    expect(json.versions[0].responses).toHaveLength(3);
    expect(json.versions[0].contentHash).toBe(sha256Hex(JSON.stringify(json.versions[0].questionnaire)));
    expect(
      await db.ledgerRecord.count({ where: { kind: "sourcing.exported", plannedProcurementId: setup.procurementId } }),
    ).toBe(2);
    expect(
      readVersion(
        (await db.questionnaireVersion.findFirstOrThrow({ where: { questionnaireId: setup.questionnaireId } })).content,
      ).deadline,
    ).toBe(OPEN_DEADLINE);
  });
});

describe("clarifications and invitations", () => {
  it("publishes a rephrased answer for all, without the asker, and tells invited and answering suppliers in the same words", async () => {
    const setup = await publishedQuestionnaire();
    const asker = await createSupplier("Ardoises du Lyonnais");
    const answering = await createSupplier("Bardages Dupont");
    must(await saveAnswers(answering.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    const invite = must(
      await inviteSuppliers(
        setup.buyer.actor,
        setup.organization,
        setup.questionnaireId,
        { emails: ["devis@couvreur.fr"], organizationIds: [asker.organization.id] },
        { ip: "10.0.0.1" },
      ),
    );
    expect(invite.queued).toBe(2);
    expect((await sendQueuedInvitations()).done).toBe(1);
    const again = must(
      await inviteSuppliers(
        setup.buyer.actor,
        setup.organization,
        setup.questionnaireId,
        { emails: ["DEVIS@couvreur.fr"], organizationIds: [] },
        { ip: "10.0.0.1" },
      ),
    );
    expect(again).toMatchObject({ queued: 0, skipped: 1 });
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.invitation_sent", plannedProcurementId: setup.procurementId },
      }),
    ).toBe(2);

    const asked = must(
      await askClarification(
        asker.supplier,
        setup.questionnaireId,
        "Ardoises Ardoises du Lyonnais : la toiture est-elle accessible par nacelle ?",
      ),
    );
    expect((await pendingClarifications(setup.organization.id)).map((c) => c.id)).toEqual([asked.id]);
    const stranger = await createBuyer({ name: "Autre", departement: "69" });
    expect(
      (
        await answerClarification(stranger.actor, { ...stranger.organization, departement: "69" }, asked.id, {
          publishedQuestion: "x",
          answer: "y",
        })
      ).ok,
    ).toBe(false);
    must(
      await answerClarification(setup.buyer.actor, setup.organization, asked.id, {
        publishedQuestion: "La toiture est-elle accessible par nacelle ?",
        answer: "Oui, par la cour nord.",
      }),
    );
    const shown = await getPublicQuestionnaire(setup.questionnaireId);
    expect(shown?.questionnaire.clarifications).toEqual([
      expect.objectContaining({
        publishedQuestion: "La toiture est-elle accessible par nacelle ?",
        answer: "Oui, par la cour nord.",
      }),
    ]);
    expect(JSON.stringify(shown)).not.toContain("Ardoises du Lyonnais");
    // The buyer's page of questions lists the same published clarification, and nothing left waiting.
    expect(await publishedClarifications(setup.questionnaireId)).toEqual([
      expect.objectContaining({
        publishedQuestion: "La toiture est-elle accessible par nacelle ?",
        answer: "Oui, par la cour nord.",
        publishedAt: expect.any(Date),
      }),
    ]);
    expect(await pendingClarifications(setup.organization.id, setup.questionnaireId)).toEqual([]);
    const mails = await db.outboxMessage.findMany({ where: { template: "sourcing-clarification" } });
    expect(mails.map((m) => m.to).sort()).toEqual([answering.user.email, asker.user.email, "devis@couvreur.fr"].sort());
    expect(new Set(mails.map((m) => m.html)).size).toBe(1);
    expect(await progressOf(setup.organization.id, setup.questionnaireId)).toMatchObject({ invited: 2, submitted: 1 });
  });

  it("finds suppliers in the directory by département, size, ESS status and CPV division of earlier answers", async () => {
    const setup = await publishedQuestionnaire();
    const ess = await createSupplier("Coopérative Toits Solidaires", {
      departement: "42",
      size: "PME",
      essStatus: "ess",
    });
    await createSupplier("Grand Groupe Couverture", { departement: "42", size: "GE" });
    must(await saveAnswers(ess.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    expect((await supplierDirectory({ departement: "42", essStatus: "ess" })).map((s) => s.name)).toEqual([
      "Coopérative Toits Solidaires",
    ]);
    expect((await supplierDirectory({ departement: "42", cpvDivision: "45" })).map((s) => s.name)).toEqual([
      "Coopérative Toits Solidaires",
    ]);
    expect(await supplierDirectory({ departement: "42", cpvDivision: "90" })).toEqual([]);
  });
});
