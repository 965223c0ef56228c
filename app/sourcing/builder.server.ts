// The server side of the questionnaire builder (/acheteur/sourcing/:id): what the page shows, and
// what each of its small forms does. Every form carries the draft revision it was built from, so
// that two buyer members never silently overwrite each other (a stale form answers 409).
import { data } from "@remix-run/node";
import { getPlatformSettingInt } from "~/calendar/calendar.server";
import { todayInParis } from "~/calendar/dates";
import type { BuyerContext } from "~/plan/access.server";
import { redirectWithToast } from "~/ui/toast.server";
import { firstOfEach, formValues, parseDetails, structureIntent } from "./builder-intents";
import { closingRefusal } from "./closing";
import { parseContent } from "./content";
import { SOURCING_MIN_OPEN_DAYS } from "./deadline";
import {
  applyDraftOperation,
  checkPublication,
  MINIMUM_OPEN_DAYS_SETTING,
  publishQuestionnaire,
  saveDraftDetails,
  type BuyerQuestionnaire,
} from "./questionnaires.server";

/** What a refused builder form gets back: its key, the messages, and what was typed (shown again). */
export interface BuilderActionResult {
  key: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** A deadline the calendar allows, offered with a "Utiliser le …" button. */
  proposal?: string;
}

function organizationOf(buyer: BuyerContext) {
  return { id: buyer.organization.id, name: buyer.organization.name, departement: buyer.organization.departement };
}

/** The builder page: the draft, its published versions, and what publishing would find (problems, price guard). */
export async function builderPage(buyer: BuyerContext, questionnaire: BuyerQuestionnaire, now = new Date()) {
  const [check, minimumOpenDays] = await Promise.all([
    checkPublication(organizationOf(buyer), questionnaire),
    getPlatformSettingInt(MINIMUM_OPEN_DAYS_SETTING, SOURCING_MIN_OPEN_DAYS),
  ]);
  return {
    minimumOpenDays,
    questionnaire: {
      id: questionnaire.id,
      title: questionnaire.title,
      introduction: questionnaire.introduction,
      deadline: questionnaire.deadline,
      deadlineJustification: questionnaire.deadlineJustification,
      status: questionnaire.status,
      canClose: closingRefusal(questionnaire, todayInParis(now)) === null,
      closedEarly: questionnaire.closedEarlyAt
        ? { at: questionnaire.closedEarlyAt.toISOString(), reason: questionnaire.closedEarlyReason ?? "" }
        : null,
      revision: questionnaire.draftRevision,
      currentVersionNumber: questionnaire.currentVersionNumber,
      procurement: questionnaire.plannedProcurement,
    },
    content: parseContent(questionnaire.draftContent),
    versions: questionnaire.versions.map((v) => ({
      number: v.number,
      publishedAt: v.publishedAt.toISOString(),
      contentHash: v.contentHash,
      changeNote: v.changeNote,
      deadline: v.deadline,
    })),
    check: { findings: check.findings, problems: check.problems, nextNumber: check.nextNumber },
  };
}

/**
 * Handles one post of the builder: the details form, the publish form, or a structure form (parts
 * and questions). A refusal comes back to the form that caused it, with what was typed; a success
 * redirects to the page with a toast.
 */
export async function handleBuilderForm(buyer: BuyerContext, questionnaire: BuyerQuestionnaire, formData: FormData) {
  const values = formValues(formData);
  const intent = values.intent ?? "";
  const revision = Number(values.revision);
  const organization = organizationOf(buyer);
  const fail = (result: BuilderActionResult, status = 400) =>
    data<BuilderActionResult>({ ...result, values }, { status });
  const page = `/acheteur/sourcing/${questionnaire.id}`;

  if (intent === "details") {
    // "Utiliser le …" posts the proposed deadline: it replaces the typed one, also in the form shown again.
    if (values.useDeadline) values.deadline = values.useDeadline;
    const parsed = parseDetails(values);
    if (!parsed.ok) return fail({ key: "details", fieldErrors: parsed.fieldErrors });
    const result = await saveDraftDetails(organization, questionnaire.id, revision, parsed.value);
    if (!result.ok)
      return fail(
        {
          key: "details",
          message: result.fieldErrors ? undefined : result.message,
          fieldErrors: firstOfEach(result.fieldErrors),
          proposal: result.proposal,
        },
        result.concurrent ? 409 : 400,
      );
    return redirectWithToast(page, { title: "Informations enregistrées." });
  }

  if (intent === "publish") {
    const result = await publishQuestionnaire(
      { id: buyer.user.id, name: buyer.user.name },
      organization,
      questionnaire.id,
      {
        revision,
        changeNote: values.changeNote,
        guardJustification: values.guardJustification,
      },
    );
    if (!result.ok)
      return fail(
        { key: "publish", message: result.message, fieldErrors: firstOfEach(result.fieldErrors) },
        result.concurrent ? 409 : 400,
      );
    return redirectWithToast(page, {
      title: `Version n° ${result.versionNumber} publiée.`,
      description:
        result.versionNumber > 1
          ? `${result.notified} entreprise(s) qui avaient répondu sont prévenues par le même message.`
          : "Toutes les entreprises voient maintenant cette version sur la page publique du questionnaire.",
    });
  }

  const asked = structureIntent(intent, values, parseContent(questionnaire.draftContent));
  if (!asked.ok) return fail({ key: asked.key, message: asked.message, fieldErrors: asked.fieldErrors }, asked.status);
  const result = await applyDraftOperation(buyer.organization.id, questionnaire.id, revision, asked.operation);
  if (!result.ok) return fail({ key: asked.key, message: result.message }, result.concurrent ? 409 : 400);
  return redirectWithToast(page, { title: asked.toast });
}
