// Edits of a draft questionnaire (pure). Each builder form posts one operation; the server applies
// it to the stored draft under the draft's revision (two buyer members never overwrite each other).
import { z } from "zod";
import { QUESTION_TYPE_KEYS, type Question, type QuestionnaireContent } from "./content";

export function newId(prefix: string, random: () => string = () => Math.random().toString(36).slice(2, 10)): string {
  return `${prefix}${random()}`;
}

const optionalNumber = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : value.trim().replace(",", ".")) : value),
  z.coerce.number({ invalid_type_error: "Écrivez un nombre." }).optional(),
);

/** The question form (one per question in the builder, and the "add a question" form). */
export const questionFormSchema = z
  .object({
    type: z.enum(QUESTION_TYPE_KEYS, { errorMap: () => ({ message: "Choisissez un type de question." }) }),
    label: z
      .string({ required_error: "Écrivez la question." })
      .trim()
      .min(3, "Écrivez la question.")
      .max(500, "500 caractères au plus."),
    help: z.string().trim().max(1_000, "1 000 caractères au plus.").optional(),
    required: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
    unit: z.string().trim().max(40, "40 caractères au plus.").optional(),
    min: optionalNumber,
    max: optionalNumber,
    choices: z.string().max(5_000).optional(),
  })
  .superRefine((value, ctx) => {
    const choices = choiceLines(value.choices);
    if ((value.type === "single_choice" || value.type === "multiple_choice") && choices.length < 2) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: "Écrivez au moins deux choix, un par ligne." });
    }
    if (choices.some((choice) => choice.length > 300))
      ctx.addIssue({ code: "custom", path: ["choices"], message: "Un choix fait 300 caractères au plus." });
    if (new Set(choices).size !== choices.length)
      ctx.addIssue({ code: "custom", path: ["choices"], message: "Deux choix portent le même texte." });
    if (value.type === "number" && value.min !== undefined && value.max !== undefined && value.min > value.max) {
      ctx.addIssue({ code: "custom", path: ["max"], message: "Le maximum doit être supérieur ou égal au minimum." });
    }
  });
export type QuestionFormValue = z.infer<typeof questionFormSchema>;

export function choiceLines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A question from the form; existing choice ids are kept for unchanged labels (answers stay comparable). */
export function questionFromForm(value: QuestionFormValue, id: string, previous?: Question): Question {
  const isChoice = value.type === "single_choice" || value.type === "multiple_choice";
  const isNumber = value.type === "number";
  const usedIds = new Set<string>();
  const choices = isChoice
    ? choiceLines(value.choices).map((label) => {
        const kept = previous?.choices.find((choice) => choice.label === label && !usedIds.has(choice.id));
        const choiceId = kept?.id ?? newId("c");
        usedIds.add(choiceId);
        return { id: choiceId, label };
      })
    : [];
  return {
    id,
    type: value.type,
    label: value.label,
    help: value.help ?? "",
    required: value.required,
    unit: isNumber ? (value.unit ?? "") : "",
    min: isNumber ? (value.min ?? null) : null,
    max: isNumber ? (value.max ?? null) : null,
    choices,
  };
}

export function questionToForm(question: Question): Record<string, string> {
  return {
    type: question.type,
    label: question.label,
    help: question.help,
    required: question.required ? "on" : "",
    unit: question.unit,
    min: question.min === null ? "" : String(question.min),
    max: question.max === null ? "" : String(question.max),
    choices: question.choices.map((choice) => choice.label).join("\n"),
  };
}

export type BuilderOperation =
  | { op: "add_section"; title: string }
  | { op: "rename_section"; sectionId: string; title: string }
  | { op: "remove_section"; sectionId: string }
  | { op: "move_section"; sectionId: string; direction: "up" | "down" }
  | { op: "add_question"; sectionId: string; question: Question }
  | { op: "update_question"; questionId: string; question: Question }
  | { op: "remove_question"; questionId: string }
  | { op: "move_question"; questionId: string; direction: "up" | "down" };

export type OperationResult = { ok: true; content: QuestionnaireContent } | { ok: false; message: string };

const GONE = "Cet élément n'existe plus dans le brouillon (quelqu'un l'a peut-être supprimé). Rechargez la page.";

function swap<T>(items: T[], index: number, direction: "up" | "down"): T[] | null {
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= items.length) return null;
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

/** Applies one builder operation; ids from another questionnaire are refused like vanished ones. */
export function applyOperation(content: QuestionnaireContent, operation: BuilderOperation): OperationResult {
  const sections = content.sections.map((section) => ({ ...section, questions: [...section.questions] }));
  switch (operation.op) {
    case "add_section":
      return {
        ok: true,
        content: { sections: [...sections, { id: newId("s"), title: operation.title, questions: [] }] },
      };
    case "rename_section": {
      const section = sections.find((candidate) => candidate.id === operation.sectionId);
      if (!section) return { ok: false, message: GONE };
      section.title = operation.title;
      return { ok: true, content: { sections } };
    }
    case "remove_section": {
      const index = sections.findIndex((candidate) => candidate.id === operation.sectionId);
      if (index < 0) return { ok: false, message: GONE };
      if (sections[index]!.questions.length > 0)
        return { ok: false, message: "Supprimez ou déplacez d'abord les questions de cette partie." };
      sections.splice(index, 1);
      return { ok: true, content: { sections } };
    }
    case "move_section": {
      const index = sections.findIndex((candidate) => candidate.id === operation.sectionId);
      if (index < 0) return { ok: false, message: GONE };
      const moved = swap(sections, index, operation.direction);
      return moved ? { ok: true, content: { sections: moved } } : { ok: true, content: { sections } };
    }
    case "add_question": {
      const section = sections.find((candidate) => candidate.id === operation.sectionId);
      if (!section) return { ok: false, message: GONE };
      section.questions.push(operation.question);
      return { ok: true, content: { sections } };
    }
    case "update_question":
    case "remove_question":
    case "move_question": {
      const sectionIndex = sections.findIndex((section) =>
        section.questions.some((question) => question.id === operation.questionId),
      );
      if (sectionIndex < 0) return { ok: false, message: GONE };
      const section = sections[sectionIndex]!;
      const index = section.questions.findIndex((question) => question.id === operation.questionId);
      if (operation.op === "update_question") {
        section.questions[index] = { ...operation.question, id: operation.questionId };
      } else if (operation.op === "remove_question") {
        section.questions.splice(index, 1);
      } else {
        const moved = swap(section.questions, index, operation.direction);
        if (moved) {
          section.questions = moved;
        } else {
          // At the edge of its part: it moves into the previous or next part.
          const neighbour = sections[operation.direction === "up" ? sectionIndex - 1 : sectionIndex + 1];
          if (neighbour) {
            const [question] = section.questions.splice(index, 1);
            if (operation.direction === "up") neighbour.questions.push(question!);
            else neighbour.questions.unshift(question!);
          }
        }
      }
      return { ok: true, content: { sections } };
    }
  }
}
