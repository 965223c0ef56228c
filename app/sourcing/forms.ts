// The sourcing pages' small forms (pure Zod schemas, shared by the browser's checks and the server):
// starting a questionnaire, a supplier's clarification question, the buyer's public answer, and the
// list of addresses to invite.
import { z } from "zod";

/** /acheteur/sourcing: a new questionnaire for one of the buyer's planned procurements. */
export const newQuestionnaireSchema = z.object({
  plannedProcurementId: z
    .string({ required_error: "Choisissez l'achat prévu concerné." })
    .min(1, "Choisissez l'achat prévu concerné."),
  title: z
    .string({ required_error: "Donnez un titre au questionnaire." })
    .trim()
    .min(5, "Donnez un titre au questionnaire (au moins 5 caractères).")
    .max(200, "200 caractères au plus."),
});

/** /sourcing/:id: a supplier's private question to the buyer. */
export const clarificationQuestionSchema = z.object({
  question: z
    .string({ required_error: "Écrivez votre question." })
    .trim()
    .min(10, "Écrivez votre question (au moins 10 caractères).")
    .max(2_000, "2 000 caractères au plus."),
});

/** /acheteur/sourcing/:id/precisions: the question as it will be published, and the buyer's answer. */
export const clarificationAnswerSchema = z.object({
  clarificationId: z.string().min(1),
  publishedQuestion: z
    .string({ required_error: "Écrivez la question telle qu'elle sera publiée." })
    .trim()
    .min(10, "Écrivez la question telle qu'elle sera publiée (au moins 10 caractères).")
    .max(2_000, "2 000 caractères au plus."),
  answer: z
    .string({ required_error: "Écrivez votre réponse." })
    .trim()
    .min(5, "Écrivez votre réponse (au moins 5 caractères).")
    .max(5_000, "5 000 caractères au plus."),
});

const EMAIL = z.string().email();

/** The addresses typed in the invitation form (separated by spaces, commas, semicolons or lines), and the invalid ones. */
export function parseEmailList(text: string): { emails: string[]; invalid: string[] } {
  const emails = text
    .split(/[\s,;]+/)
    .map((email) => email.trim())
    .filter(Boolean);
  return { emails, invalid: emails.filter((email) => !EMAIL.safeParse(email).success) };
}
