// Closing a questionnaire before its deadline: the rules that need no database (the form, the
// messages, and whether a questionnaire still takes answers).
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
