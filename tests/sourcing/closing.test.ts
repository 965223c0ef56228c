// Closing a questionnaire before its deadline, on a real database: one identical email to every
// supplier concerned and a ledger record in the same transaction, answers refused from then on
// (even one already on its way), the reason public, and every refusal leaving nothing behind.
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache } from "~/calendar/calendar.server";
import { db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { askClarification } from "~/sourcing/clarifications.server";
import { acceptsAnswers, CLOSED_EARLY_MESSAGE, closingSchema } from "~/sourcing/closing";
import { closeQuestionnaireEarly, closingPreview } from "~/sourcing/closing.server";
import { inviteSuppliers } from "~/sourcing/invitations.server";
import { createQuestionnaire, publishQuestionnaire } from "~/sourcing/questionnaires.server";
import { getPublicQuestionnaire, listOpenQuestionnaires, saveAnswers } from "~/sourcing/responses.server";
import { createBuyer, createSupplier, draftRevision, publishedQuestionnaire, VALID_ANSWERS } from "./fixtures";
import { sendQueuedInvitations } from "../support/invitations";
import { must } from "../support/must";

beforeAll(() => invalidateCalendarCache());

const REASON = "Le projet de réfection est reporté à 2028 : nous reprendrons le sourcing à ce moment-là.";

describe("the rule", () => {
  it("takes answers until the end of the deadline day, unless closed earlier", () => {
    expect(acceptsAnswers({ deadline: "2027-01-29", closedEarlyAt: null }, "2027-01-29")).toBe(true);
    expect(acceptsAnswers({ deadline: "2027-01-29", closedEarlyAt: null }, "2027-01-30")).toBe(false);
    expect(
      acceptsAnswers({ deadline: "2027-01-29", closedEarlyAt: new Date("2026-12-01T10:00:00Z") }, "2026-12-01"),
    ).toBe(false);
  });

  it("needs a reason a supplier can understand", () => {
    const short = closingSchema.safeParse({ reason: "  reporté  " });
    expect(short.success).toBe(false);
    expect(!short.success && short.error.issues[0]?.message).toContain("au moins 20 caractères");
    expect(closingSchema.safeParse({ reason: REASON }).success).toBe(true);
  });
});

describe("closing a questionnaire", () => {
  it("tells every supplier concerned in the same words, records it, publishes the reason and stops the answers", async () => {
    const setup = await publishedQuestionnaire();
    const submitted = await createSupplier("Couvertures Martin");
    const drafting = await createSupplier("Zinguerie Petit");
    const invited = await createSupplier("Ardoises Roux");
    must(await saveAnswers(submitted.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    must(await saveAnswers(drafting.supplier, setup.questionnaireId, 1, { q1: "Zinc" }, "draft"));
    must(
      await inviteSuppliers(
        setup.buyer.actor,
        setup.organization,
        setup.questionnaireId,
        { emails: ["contact@charpente.fr"], organizationIds: [invited.organization.id] },
        { ip: "10.0.0.1" },
      ),
    );
    await sendQueuedInvitations();
    expect((await closingPreview(setup.organization.id, setup.questionnaireId))?.recipientCount).toBe(4);

    const closed = must(
      await closeQuestionnaireEarly(setup.buyer.actor, setup.organization, setup.questionnaireId, REASON),
    );
    expect(closed.notified).toBe(4);

    const mails = await db.outboxMessage.findMany({ where: { template: "sourcing-closed" } });
    expect(mails.map((mail) => mail.to).sort()).toEqual(
      [submitted.user.email, drafting.user.email, invited.user.email, "contact@charpente.fr"].sort(),
    );
    expect(new Set(mails.map((mail) => mail.html)).size).toBe(1);
    expect(mails[0]!.text).toContain(REASON);
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "sourcing.closed_early", plannedProcurementId: setup.procurementId },
    });
    expect(record.summary).toContain(REASON);
    expect(JSON.parse(record.organizationIds)).toEqual(
      expect.arrayContaining([
        setup.organization.id,
        submitted.organization.id,
        drafting.organization.id,
        invited.organization.id,
      ]),
    );
    expect((await verifyLedger()).ok).toBe(true);

    const shown = await getPublicQuestionnaire(setup.questionnaireId);
    expect(shown?.isOpen).toBe(false);
    expect(shown?.questionnaire.closedEarlyReason).toBe(REASON);
    expect((await listOpenQuestionnaires()).some((q) => q.id === setup.questionnaireId)).toBe(false);

    // From now on: no answer, no update, no question, no invitation, no new version.
    const responsesBefore = await db.questionnaireResponse.findMany({
      where: { questionnaireId: setup.questionnaireId },
      orderBy: { id: "asc" },
    });
    expect(
      await saveAnswers(submitted.supplier, setup.questionnaireId, 1, { ...VALID_ANSWERS, q2: "30" }, "submit"),
    ).toMatchObject({ ok: false, message: CLOSED_EARLY_MESSAGE });
    const latecomer = await createSupplier("Toitures Blanc");
    expect(await saveAnswers(latecomer.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit")).toMatchObject({
      ok: false,
      message: CLOSED_EARLY_MESSAGE,
    });
    expect(
      await db.questionnaireResponse.findMany({
        where: { questionnaireId: setup.questionnaireId },
        orderBy: { id: "asc" },
      }),
    ).toEqual(responsesBefore);
    expect(
      await askClarification(latecomer.supplier, setup.questionnaireId, "Peut-on encore répondre après la clôture ?"),
    ).toMatchObject({ ok: false, message: CLOSED_EARLY_MESSAGE });
    expect(
      (
        await inviteSuppliers(
          setup.buyer.actor,
          setup.organization,
          setup.questionnaireId,
          { emails: ["autre@toiture.fr"], organizationIds: [] },
          { ip: "10.0.0.1" },
        )
      ).ok,
    ).toBe(false);
    const republished = await publishQuestionnaire(setup.buyer.actor, setup.organization, setup.questionnaireId, {
      revision: await draftRevision(setup.questionnaireId),
      changeNote: "Nouvelle version après clôture.",
    });
    expect(republished.ok).toBe(false);
    expect(await db.questionnaireVersion.count({ where: { questionnaireId: setup.questionnaireId } })).toBe(1);
  });

  it("refuses a second closing, another buyer, and a questionnaire that is not published, writing nothing", async () => {
    const setup = await publishedQuestionnaire();
    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });
    expect(
      await closeQuestionnaireEarly(
        stranger.actor,
        { ...stranger.organization, departement: "69" },
        setup.questionnaireId,
        REASON,
      ),
    ).toMatchObject({ ok: false });
    must(await closeQuestionnaireEarly(setup.buyer.actor, setup.organization, setup.questionnaireId, REASON));
    expect(
      await closeQuestionnaireEarly(setup.buyer.actor, setup.organization, setup.questionnaireId, REASON),
    ).toMatchObject({ ok: false, message: "Ce questionnaire est déjà clos." });
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.closed_early", plannedProcurementId: setup.procurementId },
      }),
    ).toBe(1);

    const draft = must(
      await createQuestionnaire(setup.buyer.actor, setup.organization, {
        plannedProcurementId: setup.procurementId,
        title: "Toitures, deuxième lot",
        introduction: "",
      }),
    );
    expect(await closeQuestionnaireEarly(setup.buyer.actor, setup.organization, draft.id, REASON)).toMatchObject({
      ok: false,
    });
    expect((await db.questionnaire.findUniqueOrThrow({ where: { id: draft.id } })).closedEarlyAt).toBeNull();
  });

  it("answers already on their way when the buyer closes are either saved before the closing or refused, never half", async () => {
    const setup = await publishedQuestionnaire();
    const suppliers = await Promise.all(
      Array.from({ length: 12 }, (_, index) => createSupplier(`Charpentes ${index}`)),
    );
    const answers = suppliers.map((s) => saveAnswers(s.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    const closing = closeQuestionnaireEarly(setup.buyer.actor, setup.organization, setup.questionnaireId, REASON);
    const results = await Promise.all(answers);
    must(await closing);
    const saved = results.filter((result) => result.ok);
    expect(results.every((result) => result.ok || result.message === CLOSED_EARLY_MESSAGE)).toBe(true);
    expect(
      await db.questionnaireResponse.count({ where: { questionnaireId: setup.questionnaireId, status: "submitted" } }),
    ).toBe(saved.length);
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.answer_submitted", plannedProcurementId: setup.procurementId },
      }),
    ).toBe(saved.length);
    // Whoever got in before the closing is told about it.
    expect(
      await db.outboxMessage.count({
        where: { template: "sourcing-closed", to: { in: suppliers.map((s) => s.user.email) } },
      }),
    ).toBe(saved.length);
    expect((await verifyLedger()).ok).toBe(true);
  });
});
