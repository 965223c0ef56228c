// Closing a questionnaire before its deadline: the rules that need no database (the form, the
// messages, whether a questionnaire still takes answers, and whether it can still be closed).
import { z } from "zod";

export const CLOSING_REASON_MIN_LENGTH = 20;

export const closingSchema = z.object({
  reason: z
    .string({
      required_error:
        "Expliquez pourquoi le questionnaire est clos avant la date prévue : ce texte est envoyé aux entreprises et publié sur sa page.",
    })
    .trim()
    .min(
      CLOSING_REASON_MIN_LENGTH,
      `Expliquez pourquoi le questionnaire est clos avant la date prévue (au moins ${CLOSING_REASON_MIN_LENGTH} caractères) : ce texte est envoyé aux entreprises et publié sur sa page.`,
    )
    .max(2_000, "2 000 caractères au plus."),
});

export const CLOSED_EARLY_MESSAGE =
  "L'acheteur a clos ce questionnaire avant la date prévue : les réponses ne peuvent plus être déposées ni modifiées.";

/** Answers are taken until the end of the deadline day (Paris), unless the buyer closed the questionnaire earlier. */
export function acceptsAnswers(
  questionnaire: { deadline: string | null; closedEarlyAt: Date | string | null },
  today: string,
): boolean {
  return questionnaire.closedEarlyAt === null && questionnaire.deadline !== null && questionnaire.deadline >= today;
}

export const ALREADY_CLOSED_MESSAGE = "Ce questionnaire est déjà clos.";
export const NOT_PUBLISHED_MESSAGE =
  "Ce questionnaire n'est pas publié : il n'y a rien à clore. Un brouillon reste invisible des entreprises.";
export const DEADLINE_PASSED_MESSAGE = "La date limite est passée : le questionnaire ne prend déjà plus de réponses.";

/** Why the questionnaire cannot be closed early today (null: it can, it is published and still open). */
export function closingRefusal(
  questionnaire: { status: string; openUntil: string | null; closedEarlyAt: Date | string | null },
  today: string,
): string | null {
  if (questionnaire.closedEarlyAt) return ALREADY_CLOSED_MESSAGE;
  if (questionnaire.status !== "published" || !questionnaire.openUntil) return NOT_PUBLISHED_MESSAGE;
  if (questionnaire.openUntil < today) return DEADLINE_PASSED_MESSAGE;
  return null;
}
