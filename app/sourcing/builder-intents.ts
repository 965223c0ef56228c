// The questionnaire builder's forms (pure): each small form of /acheteur/sourcing/:id posts an
// intent ("add_question", "move_up"…) with its fields; this turns it into the builder operation to
// apply to the draft, or into the French errors to show next to that form's fields. Which form an
// answer belongs to is its key: "details", "publish", "structure", "section:<id>", "question:<id>"
// or "add:<sectionId>", so that the page shows each error beside the form that caused it.
import { z } from "zod";
import { newId, questionFormSchema, questionFromForm, type BuilderOperation } from "./builder";
import type { Question, QuestionnaireContent } from "./content";

/** The form's fields as posted (the first value of each name), to show them again after an error. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  return values;
}

/** One message per field (the first), as the builder's plain fields show them. */
export function firstErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** One message per field from a capability's list of messages per field. */
export function firstOfEach(fieldErrors: Record<string, string[]> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([key, list]) => [key, list[0]!]));
}

/** The "Présentation et date limite" form. An empty deadline means none yet. */
export const detailsSchema = z.object({
  title: z.string().trim().min(5, "Donnez un titre (au moins 5 caractères).").max(200, "200 caractères au plus."),
  introduction: z.string().trim().max(5_000, "5 000 caractères au plus."),
  deadline: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Écrivez une date valide.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  deadlineJustification: z.string().trim().max(1_000, "1 000 caractères au plus.").optional(),
});
export type DetailsValue = z.infer<typeof detailsSchema>;

/** The details form's values, or one French message per refused field. */
export function parseDetails(
  values: Record<string, string>,
): { ok: true; value: DetailsValue } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = detailsSchema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fieldErrors: firstErrors(parsed.error) };
}

export const QUESTION_GONE_MESSAGE = "Cette question n'existe plus dans le brouillon. Rechargez la page.";
export const UNKNOWN_INTENT_MESSAGE = "Action inconnue.";

export type StructureIntent =
  | { ok: true; key: string; operation: BuilderOperation; toast: string }
  | { ok: false; key: string; status: number; message?: string; fieldErrors?: Record<string, string> };

/**
 * The operation a structure form asks for (parts and questions: add, rename, remove, move, edit).
 * `current` is the stored draft: an edited question keeps its id and the ids of unchanged choices.
 * `createId` makes the id of a new question (random in production, fixed in tests).
 */
export function structureIntent(
  intent: string,
  values: Record<string, string>,
  current: QuestionnaireContent,
  createId: (prefix: string) => string = newId,
): StructureIntent {
  const sectionId = values.sectionId ?? "";
  const questionId = values.questionId ?? "";
  const sectionTitle = (values.sectionTitle ?? "").trim().slice(0, 200);
  const ok = (key: string, operation: BuilderOperation, toast = "Brouillon enregistré.") =>
    ({ ok: true, key, operation, toast }) as const;
  switch (intent) {
    case "add_section":
      return ok("structure", { op: "add_section", title: sectionTitle });
    case "rename_section":
      return ok(`section:${values.sectionId}`, { op: "rename_section", sectionId, title: sectionTitle });
    case "remove_section":
      return ok(`section:${values.sectionId}`, { op: "remove_section", sectionId });
    case "section_up":
    case "section_down":
      return ok(
        `section:${values.sectionId}`,
        { op: "move_section", sectionId, direction: intent === "section_up" ? "up" : "down" },
        "Ordre modifié.",
      );
    case "move_up":
    case "move_down":
      return ok(
        `question:${values.questionId}`,
        { op: "move_question", questionId, direction: intent === "move_up" ? "up" : "down" },
        "Ordre modifié.",
      );
    case "remove_question":
      return ok(`question:${values.questionId}`, { op: "remove_question", questionId });
    case "add_question":
    case "update_question": {
      const key = intent === "add_question" ? `add:${values.sectionId}` : `question:${values.questionId}`;
      // An unchecked box posts nothing: "required" is then false, not missing.
      const parsed = questionFormSchema.safeParse({ ...values, required: values.required ?? "" });
      if (!parsed.success) return { ok: false, key, status: 400, fieldErrors: firstErrors(parsed.error) };
      if (intent === "add_question")
        return ok(
          key,
          { op: "add_question", sectionId, question: questionFromForm(parsed.data, createId("q")) },
          "Question ajoutée.",
        );
      const previous: Question | undefined = current.sections
        .flatMap((section) => section.questions)
        .find((question) => question.id === questionId);
      if (!previous) return { ok: false, key, status: 404, message: QUESTION_GONE_MESSAGE };
      return ok(key, {
        op: "update_question",
        questionId: previous.id,
        question: questionFromForm(parsed.data, previous.id, previous),
      });
    }
    default:
      return { ok: false, key: "structure", status: 400, message: UNKNOWN_INTENT_MESSAGE };
  }
}
