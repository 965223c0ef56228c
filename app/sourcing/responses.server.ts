// What suppliers see and do: open questionnaires (frozen versions only, never the draft), their
// own answers, saving a draft or submitting, tied to exactly one version.
import { todayInParis } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { answersJson, carryOverAnswers, parseAnswers, readVersion, validateAnswers, type Answers, type RawAnswers } from "./content";

/** Published questionnaires whose deadline has not passed (the public list). */
export function listOpenQuestionnaires(today = todayInParis()) {
  return db.questionnaire.findMany({
    where: { status: "published", openUntil: { gte: today } },
    orderBy: [{ openUntil: "asc" }, { title: "asc" }],
    select: {
      id: true,
      openUntil: true,
      currentVersionNumber: true,
      firstPublishedAt: true,
      organization: { select: { name: true, slug: true, departement: true } },
      plannedProcurement: { select: { id: true, title: true, category: true, cpvCode: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { title: true, publishedAt: true } },
    },
  });
}

/** A published questionnaire as anyone sees it: its current frozen version and published clarifications. */
export async function getPublicQuestionnaire(id: string) {
  const questionnaire = await db.questionnaire.findFirst({
    where: { id, status: "published" },
    select: {
      id: true,
      organizationId: true,
      plannedProcurementId: true,
      currentVersionNumber: true,
      openUntil: true,
      organization: { select: { id: true, name: true, slug: true } },
      plannedProcurement: { select: { id: true, title: true } },
      clarifications: { where: { publishedAt: { not: null } }, orderBy: { publishedAt: "asc" }, select: { id: true, publishedQuestion: true, answer: true, publishedAt: true } },
    },
  });
  if (!questionnaire?.currentVersionNumber) return null;
  const version = await db.questionnaireVersion.findUnique({
    where: { questionnaireId_number: { questionnaireId: id, number: questionnaire.currentVersionNumber } },
    select: { id: true, number: true, content: true, contentHash: true, publishedAt: true, changeNote: true, deadline: true },
  });
  if (!version) return null;
  const document = readVersion(version.content);
  return { questionnaire, version, document, isOpen: version.deadline >= todayInParis() };
}
export type PublicQuestionnaire = NonNullable<Awaited<ReturnType<typeof getPublicQuestionnaire>>>;

/** The supplier organisation's own responses to this questionnaire, newest version first. */
export function ownResponses(questionnaireId: string, supplierOrganizationId: string) {
  return db.questionnaireResponse.findMany({
    where: { questionnaireId, supplierOrganizationId },
    orderBy: { createdAt: "desc" },
    include: { version: { select: { number: true, content: true } } },
  });
}

/**
 * The answers to show in the form for the current version: the organisation's response to it, or
 * its latest earlier response carried over for unchanged questions.
 */
export async function formAnswersFor(questionnaireId: string, supplierOrganizationId: string, current: { id: string; content: string }) {
  const responses = await ownResponses(questionnaireId, supplierOrganizationId);
  const onCurrent = responses.find((response) => response.versionId === current.id) ?? null;
  if (onCurrent) return { answers: parseAnswers(onCurrent.answers), response: onCurrent, carried: false, previous: responses.filter((r) => r !== onCurrent) };
  const latest = responses[0];
  if (!latest) return { answers: {} as Answers, response: null, carried: false, previous: [] };
  const answers = carryOverAnswers(readVersion(latest.version.content).content, readVersion(current.content).content, parseAnswers(latest.answers));
  return { answers, response: null, carried: true, previous: responses };
}

/** First time a supplier organisation opens the questionnaire (for the buyer's progress view). */
export async function recordOpening(questionnaireId: string, organizationId: string): Promise<void> {
  const seen = await db.questionnaireOpening.findUnique({ where: { questionnaireId_organizationId: { questionnaireId, organizationId } }, select: { questionnaireId: true } });
  if (seen) return;
  await write(async (tx) => {
    await tx.questionnaireOpening.upsert({
      where: { questionnaireId_organizationId: { questionnaireId, organizationId } },
      create: { questionnaireId, organizationId },
      update: {},
    });
  });
}

export interface Supplier {
  userId: string;
  userName: string;
  organizationId: string;
  organizationName: string;
}

export type SaveAnswerResult =
  | { ok: true; status: "draft" | "submitted"; responseId: string; versionNumber: number; kind: "draft" | "submitted" | "updated" }
  | { ok: false; message: string; fieldErrors: Record<string, string>; superseded?: { currentVersionNumber: number } };

export const SUPERSEDED_MESSAGE = (current: number) =>
  `L'acheteur vient de publier la version n° ${current} de ce questionnaire. Votre réponse n'a pas été enregistrée sur l'ancienne version : relisez la nouvelle version ci-dessous (vos réponses aux questions inchangées sont reprises), puis enregistrez-la.`;
export const CLOSED_MESSAGE = "La date limite de ce questionnaire est passée : les réponses ne peuvent plus être modifiées.";
const NOT_OPEN_MESSAGE = "Ce questionnaire n'existe pas ou n'est pas publié.";

/**
 * Saves (draft) or submits the organisation's answers to version `versionNumber`. The version is
 * checked again inside the transaction: if the buyer published a newer one in between, nothing is
 * written and the supplier is asked to answer the new version. A submitted response can be
 * updated (submitted again) until the deadline; it does not go back to draft.
 */
export async function saveAnswers(supplier: Supplier, questionnaireId: string, versionNumber: number, raw: RawAnswers, mode: "draft" | "submit", now = new Date()): Promise<SaveAnswerResult> {
  const questionnaire = await db.questionnaire.findFirst({ where: { id: questionnaireId, status: "published" }, select: { id: true, organizationId: true, plannedProcurementId: true, currentVersionNumber: true } });
  if (!questionnaire?.currentVersionNumber) return { ok: false, message: NOT_OPEN_MESSAGE, fieldErrors: {} };
  const version = await db.questionnaireVersion.findUnique({ where: { questionnaireId_number: { questionnaireId, number: versionNumber } }, select: { id: true, number: true, content: true, deadline: true, title: true } });
  if (!version) return { ok: false, message: NOT_OPEN_MESSAGE, fieldErrors: {} };
  if (versionNumber !== questionnaire.currentVersionNumber) {
    return { ok: false, message: SUPERSEDED_MESSAGE(questionnaire.currentVersionNumber), fieldErrors: {}, superseded: { currentVersionNumber: questionnaire.currentVersionNumber } };
  }
  if (version.deadline < todayInParis(now)) return { ok: false, message: CLOSED_MESSAGE, fieldErrors: {} };
  const validation = validateAnswers(readVersion(version.content).content, raw, mode);
  if (!validation.ok) {
    return { ok: false, message: validation.formErrors[0] ?? "Certaines réponses sont à corriger : voyez les messages sous les questions. Rien n'a été enregistré.", fieldErrors: validation.fieldErrors };
  }
  const { json, hash } = answersJson(validation.answers);

  return write(async (tx): Promise<SaveAnswerResult> => {
    const current = await tx.questionnaire.findUnique({ where: { id: questionnaireId }, select: { currentVersionNumber: true, status: true } });
    if (!current || current.status !== "published" || !current.currentVersionNumber) return { ok: false, message: NOT_OPEN_MESSAGE, fieldErrors: {} };
    if (current.currentVersionNumber !== versionNumber) {
      return { ok: false, message: SUPERSEDED_MESSAGE(current.currentVersionNumber), fieldErrors: {}, superseded: { currentVersionNumber: current.currentVersionNumber } };
    }
    const existing = await tx.questionnaireResponse.findUnique({ where: { versionId_supplierOrganizationId: { versionId: version.id, supplierOrganizationId: supplier.organizationId } } });
    if (mode === "draft" && existing?.status === "submitted") {
      return { ok: false, message: "Votre réponse est déjà déposée : utilisez « Mettre à jour ma réponse » pour la modifier.", fieldErrors: {} };
    }
    const submittedBefore = await tx.questionnaireResponse.findFirst({ where: { questionnaireId, supplierOrganizationId: supplier.organizationId, status: "submitted" }, select: { id: true } });
    const timestamp = new Date(Math.floor(now.getTime()));
    const data = {
      answers: json,
      status: mode === "submit" ? "submitted" : "draft",
      answersHash: mode === "submit" ? hash : null,
      submittedAt: mode === "submit" ? timestamp : null,
      updatedById: supplier.userId,
    };
    const response = existing
      ? await tx.questionnaireResponse.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } } })
      : await tx.questionnaireResponse.create({ data: { ...data, questionnaireId, versionId: version.id, supplierOrganizationId: supplier.organizationId } });
    if (mode === "draft") return { ok: true, status: "draft", responseId: response.id, versionNumber, kind: "draft" };
    const updated = Boolean(submittedBefore);
    await appendExchange(tx, {
      kind: updated ? "sourcing.answer_updated" : "sourcing.answer_submitted",
      actor: { userId: supplier.userId, label: `${supplier.userName} (${supplier.organizationName})` },
      organizationIds: [questionnaire.organizationId, supplier.organizationId],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary: `${supplier.organizationName} a ${updated ? "mis à jour sa réponse" : "déposé sa réponse"} au questionnaire « ${version.title} » (version n° ${versionNumber}).`,
      payload: { questionnaireId, versionId: version.id, versionNumber, responseId: response.id, answersHash: hash, supplierOrganizationId: supplier.organizationId },
      occurredAt: timestamp,
    });
    return { ok: true, status: "submitted", responseId: response.id, versionNumber, kind: updated ? "updated" : "submitted" };
  });
}

/** The open questionnaire on a planned procurement (the latest published), for the public procurement page. */
export async function openQuestionnaireFor(plannedProcurementId: string, today = todayInParis()) {
  const found = await db.questionnaire.findFirst({
    where: { plannedProcurementId, status: "published", openUntil: { gte: today } },
    orderBy: { firstPublishedAt: "desc" },
    select: { id: true, openUntil: true, versions: { orderBy: { number: "desc" }, take: 1, select: { title: true } } },
  });
  return found ? { id: found.id, openUntil: found.openUntil!, title: found.versions[0]?.title ?? "" } : null;
}
