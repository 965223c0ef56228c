// A questionnaire's public page (/sourcing/:id) as one viewer sees it: the current frozen version,
// the published clarifications, and for a member of a supplier organisation its own answers (draft,
// submitted, or carried over from an earlier version) and its own clarification questions, and
// whether its opening is already counted (the page records it once, see RecordOpening).
import type { Viewer } from "./access.server";
import { ownClarifications } from "./clarifications.server";
import { answersToRaw, parseAnswers, readVersion } from "./content";
import { formAnswersFor, getPublicQuestionnaire, hasOpened } from "./responses.server";

export const PUBLISHED_QUESTIONNAIRE_NOT_FOUND_MESSAGE = "Aucun questionnaire publié ne porte cet identifiant.";

/** The page's data, or null when no published questionnaire has this id. */
export async function questionnairePage(id: string, viewer: Viewer) {
  const found = await getPublicQuestionnaire(id);
  if (!found) return null;
  let own = null;
  if (viewer.kind === "supplier") {
    const organizationId = viewer.supplier.organizationId;
    const opened = await hasOpened(found.questionnaire.id, organizationId);
    const form = await formAnswersFor(found.questionnaire.id, organizationId, found.version);
    const clarifications = await ownClarifications(found.questionnaire.id, organizationId);
    own = {
      organizationId,
      organizationName: viewer.supplier.organizationName,
      opened,
      values: answersToRaw(form.answers),
      status: form.response?.status ?? null,
      submittedAt: form.response?.submittedAt?.toISOString() ?? null,
      carried: form.carried,
      previous: form.previous.map((response) => ({
        versionNumber: response.version.number,
        status: response.status,
        submittedAt: response.submittedAt?.toISOString() ?? null,
        content: readVersion(response.version.content).content,
        answers: parseAnswers(response.answers),
      })),
      clarifications: clarifications.map((c) => ({
        id: c.id,
        question: c.question,
        askedAt: c.askedAt.toISOString(),
        published: Boolean(c.publishedAt),
      })),
    };
  }
  return {
    id: found.questionnaire.id,
    buyer: found.questionnaire.organization,
    procurement: found.questionnaire.plannedProcurement,
    document: found.document,
    version: {
      number: found.version.number,
      publishedAt: found.version.publishedAt.toISOString(),
      contentHash: found.version.contentHash,
      changeNote: found.version.changeNote,
    },
    isOpen: found.isOpen,
    closedEarly: found.questionnaire.closedEarlyAt
      ? { at: found.questionnaire.closedEarlyAt.toISOString(), reason: found.questionnaire.closedEarlyReason ?? "" }
      : null,
    clarifications: found.questionnaire.clarifications.map((c) => ({
      id: c.id,
      question: c.publishedQuestion ?? "",
      answer: c.answer ?? "",
      publishedAt: c.publishedAt!.toISOString(),
    })),
    viewer: viewer.kind,
    own,
  };
}
