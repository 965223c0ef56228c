// The server side of the alert pages: the form (new and edit), and the edit page's other actions
// (delete, turn back on), told apart by an `intent` field. The caller has already checked who acts
// and that the alert is theirs.
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { notFound } from "~/ui/not-found.server";
import { redirectWithToast } from "~/ui/toast.server";
import {
  ALERT_NOT_FOUND_MESSAGE,
  alertFeedUrl,
  createAlert,
  deleteAlert,
  regenerateAlertFeedToken,
  resumeAlert,
  updateAlert,
  type AlertOwner,
} from "./alerts.server";
import { alertSchema } from "./schema";

export const ALERTS_PAGE = "/fournisseur/alertes";

/** A posted alert form: saved, or sent back with the messages next to the fields and the input kept. */
export async function handleAlertForm(owner: AlertOwner, formData: FormData, existingId?: string) {
  const submission = parseWithZod(formData, { schema: alertSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = existingId
    ? await updateAlert(owner, existingId, submission.value)
    : await createAlert(owner, submission.value);
  if (!result.ok) {
    if (result.notFound) notFound(ALERT_NOT_FOUND_MESSAGE);
    return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 400 });
  }
  return redirectWithToast(ALERTS_PAGE, {
    title: existingId ? "Alerte enregistrée." : "Alerte créée.",
    description:
      submission.value.frequency === "immediate"
        ? "Vous recevrez un courriel dès qu'une publication y correspond."
        : "Vous recevrez le récapitulatif de la semaine chaque lundi matin.",
  });
}

/** The edit page's post: delete, turn back on, or save the form. */
export async function handleAlertPage(owner: AlertOwner, alertId: string, formData: FormData) {
  switch (formData.get("intent")) {
    case "delete":
      if (!(await deleteAlert(owner, alertId))) notFound(ALERT_NOT_FOUND_MESSAGE);
      return redirectWithToast(ALERTS_PAGE, { title: "Alerte supprimée." });
    case "resume":
      if (!(await resumeAlert(owner, alertId))) notFound(ALERT_NOT_FOUND_MESSAGE);
      return redirectWithToast(`${ALERTS_PAGE}/${alertId}`, { title: "L'alerte vous écrit de nouveau." });
    default:
      return handleAlertForm(owner, formData, alertId);
  }
}

/** The list page's post: a new secret link for the personal feed (shown once, in the answer). */
export async function handleFeedLink(owner: AlertOwner, formData: FormData, origin: string) {
  // The form names the organisation it was shown for: a stale one (the user switched) is refused.
  if (formData.get("organizationId") !== owner.organizationId)
    return data(
      { feedUrl: null, feedError: "Cette page a changé d'organisation entre-temps : rechargez-la." },
      { status: 409 },
    );
  const result = await regenerateAlertFeedToken(owner);
  if (!result.ok) return data({ feedUrl: null, feedError: result.message }, { status: 403 });
  return data({ feedUrl: alertFeedUrl(origin, result.token), feedError: null });
}
