// A sourcing questionnaire's content (pure: no I/O). The draft lives as JSON in
// Questionnaire.draftContent; publishing freezes title, introduction, deadline and sections into a
// canonical JSON document whose SHA-256 identifies the version (see docs/decisions/0006).
// Answers are validated here against the exact version the supplier was served.
import { z } from "zod";
import { isIsoDate } from "~/calendar/dates";
import { canonicalJson, sha256Hex, type JsonValue } from "~/ledger/canonical";
import type { GuardedText } from "~/price-guard/price-guard";

export const QUESTION_TYPES = {
  short_text: "Texte court",
  long_text: "Texte long",
  number: "Nombre (avec unité)",
  single_choice: "Choix unique",
  multiple_choice: "Choix multiples",
  yes_no: "Oui / non",
  date: "Date",
  scale: "Échelle de 1 à 5",
} as const;
export type QuestionType = keyof typeof QUESTION_TYPES;
export const QUESTION_TYPE_KEYS = Object.keys(QUESTION_TYPES) as [QuestionType, ...QuestionType[]];

export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 5_000;

const choiceSchema = z.object({ id: z.string().min(1).max(40), label: z.string().min(1).max(300) });

export const questionSchema = z.object({
  id: z.string().min(1).max(40),
  type: z.enum(QUESTION_TYPE_KEYS),
  label: z.string().min(1).max(500),
  help: z.string().max(1_000).default(""),
  required: z.boolean().default(false),
  unit: z.string().max(40).default(""),
  min: z.number().nullable().default(null),
  max: z.number().nullable().default(null),
  choices: z.array(choiceSchema).default([]),
});
export type Question = z.infer<typeof questionSchema>;

export const sectionSchema = z.object({
  id: z.string().min(1).max(40),
  title: z.string().max(200).default(""),
  questions: z.array(questionSchema).default([]),
});
export type Section = z.infer<typeof sectionSchema>;

export const contentSchema = z.object({ sections: z.array(sectionSchema).default([]) });
export type QuestionnaireContent = z.infer<typeof contentSchema>;

/** Parses stored draft or version content; an unreadable draft starts empty rather than crashing a page. */
export function parseContent(json: string): QuestionnaireContent {
  try {
    const parsed = contentSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : { sections: [] };
  } catch {
    return { sections: [] };
  }
}

export function allQuestions(content: QuestionnaireContent): Question[] {
  return content.sections.flatMap((section) => section.questions);
}

export function questionCount(content: QuestionnaireContent): number {
  return allQuestions(content).length;
}

// ---- frozen versions ----------------------------------------------------------------------------

export const VERSION_FORMAT = "amont-questionnaire-v1";

export interface VersionDocument {
  format: typeof VERSION_FORMAT;
  title: string;
  introduction: string;
  deadline: string;
  sections: QuestionnaireContent["sections"];
}

export function versionDocument(input: {
  title: string;
  introduction: string;
  deadline: string;
  content: QuestionnaireContent;
}): VersionDocument {
  return {
    format: VERSION_FORMAT,
    title: input.title,
    introduction: input.introduction,
    deadline: input.deadline,
    sections: input.content.sections,
  };
}

/** The version's canonical JSON (keys sorted, no whitespace) and its SHA-256: the same document always gives the same hash. */
export function freezeVersion(input: {
  title: string;
  introduction: string;
  deadline: string;
  content: QuestionnaireContent;
}): { content: string; contentHash: string } {
  const content = canonicalJson(versionDocument(input) as unknown as JsonValue);
  return { content, contentHash: sha256Hex(content) };
}

/** The stored canonical JSON of a version back to its parts. */
export function readVersion(content: string): {
  title: string;
  introduction: string;
  deadline: string;
  content: QuestionnaireContent;
} {
  const parsed = JSON.parse(content) as Partial<VersionDocument>;
  return {
    title: String(parsed.title ?? ""),
    introduction: String(parsed.introduction ?? ""),
    deadline: String(parsed.deadline ?? ""),
    content: contentSchema.parse({ sections: parsed.sections ?? [] }),
  };
}

// ---- price guard --------------------------------------------------------------------------------

/** Every text a supplier will read, labelled as the buyer sees it in the builder. */
export function guardedTexts(input: {
  title: string;
  introduction: string;
  content: QuestionnaireContent;
}): GuardedText[] {
  const texts: GuardedText[] = [
    { field: "title", label: "Titre", text: input.title },
    { field: "introduction", label: "Introduction", text: input.introduction },
  ];
  let number = 0;
  for (const section of input.content.sections) {
    if (section.title)
      texts.push({
        field: `section-${section.id}`,
        label: `Titre de partie « ${section.title} »`,
        text: section.title,
      });
    for (const question of section.questions) {
      number++;
      texts.push({ field: `q-${question.id}`, label: `Question ${number}`, text: question.label });
      if (question.help)
        texts.push({ field: `q-${question.id}`, label: `Aide de la question ${number}`, text: question.help });
      for (const choice of question.choices)
        texts.push({
          field: `q-${question.id}`,
          label: `Choix « ${choice.label} » (question ${number})`,
          text: choice.label,
        });
    }
  }
  return texts;
}

// ---- what the questionnaire must hold before publication ---------------------------------------

/** Problems that forbid publishing this content, in French. */
export function contentProblems(content: QuestionnaireContent): string[] {
  const problems: string[] = [];
  const questions = allQuestions(content);
  if (questions.length === 0) problems.push("Ajoutez au moins une question avant de publier.");
  questions.forEach((question, index) => {
    const name = `Question ${index + 1}`;
    if (!question.label.trim()) problems.push(`${name} : écrivez la question.`);
    if ((question.type === "single_choice" || question.type === "multiple_choice") && question.choices.length < 2) {
      problems.push(`${name} : proposez au moins deux choix.`);
    }
    if (question.type === "number" && question.min !== null && question.max !== null && question.min > question.max) {
      problems.push(`${name} : le minimum dépasse le maximum.`);
    }
  });
  return problems;
}

// ---- answers ------------------------------------------------------------------------------------

/** A stored answer: text, number, choice id(s), "yes"/"no", a day, or 1-5. */
export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export type RawAnswers = Record<string, string | string[] | undefined>;

export interface AnswerValidation {
  ok: boolean;
  answers: Answers;
  /** French message per question id. */
  fieldErrors: Record<string, string>;
  formErrors: string[];
}

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 6 });

function parseFrenchNumber(text: string): number | null {
  const normalised = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => item.trim()).filter(Boolean);
}

/**
 * Validates raw form values against the questions. Unknown keys (a question id from another
 * questionnaire, a tampered field) refuse the whole form. `submit` also requires required questions.
 */
export function validateAnswers(
  content: QuestionnaireContent,
  raw: RawAnswers,
  mode: "draft" | "submit",
): AnswerValidation {
  const questions = allQuestions(content);
  const known = new Set(questions.map((question) => question.id));
  const result: AnswerValidation = { ok: true, answers: {}, fieldErrors: {}, formErrors: [] };
  const unknown = Object.keys(raw).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    result.ok = false;
    result.formErrors.push(
      "Ce formulaire ne correspond pas à la version du questionnaire affichée. Rechargez la page : rien n'a été enregistré.",
    );
    return result;
  }
  const fail = (id: string, message: string) => {
    result.ok = false;
    result.fieldErrors[id] = message;
  };
  for (const question of questions) {
    const value = raw[question.id];
    const list = asList(value);
    if (list.length === 0) {
      if (mode === "submit" && question.required) fail(question.id, "Cette question est obligatoire.");
      continue;
    }
    const single = list.length === 1 ? list[0]! : null;
    switch (question.type) {
      case "short_text":
      case "long_text": {
        const max = question.type === "short_text" ? SHORT_TEXT_MAX : LONG_TEXT_MAX;
        if (single === null) fail(question.id, "Une seule réponse est attendue.");
        else if (single.length > max) fail(question.id, `Réponse trop longue : ${max} caractères au plus.`);
        else result.answers[question.id] = single;
        break;
      }
      case "number": {
        const parsed = single === null ? null : parseFrenchNumber(single);
        const unit = question.unit ? ` ${question.unit}` : "";
        if (parsed === null) fail(question.id, "Écrivez un nombre, par exemple 12 ou 12,5.");
        else if (question.min !== null && parsed < question.min)
          fail(question.id, `Le nombre doit être au moins ${numberFormat.format(question.min)}${unit}.`);
        else if (question.max !== null && parsed > question.max)
          fail(question.id, `Le nombre doit être au plus ${numberFormat.format(question.max)}${unit}.`);
        else result.answers[question.id] = parsed;
        break;
      }
      case "single_choice": {
        if (single === null || !question.choices.some((choice) => choice.id === single))
          fail(question.id, "Choisissez une des réponses proposées.");
        else result.answers[question.id] = single;
        break;
      }
      case "multiple_choice": {
        const ids = new Set(question.choices.map((choice) => choice.id));
        if (list.some((item) => !ids.has(item))) fail(question.id, "Choisissez parmi les réponses proposées.");
        // Stored in the order of the question's choices, so equal answers are equal texts.
        else
          result.answers[question.id] = question.choices.map((choice) => choice.id).filter((id) => list.includes(id));
        break;
      }
      case "yes_no": {
        if (single !== "yes" && single !== "no") fail(question.id, "Répondez par oui ou par non.");
        else result.answers[question.id] = single;
        break;
      }
      case "date": {
        if (single === null || !isIsoDate(single)) fail(question.id, "Écrivez une date valide (jj/mm/aaaa).");
        else result.answers[question.id] = single;
        break;
      }
      case "scale": {
        const parsed = single === null ? null : Number(single);
        if (parsed === null || !Number.isInteger(parsed) || parsed < 1 || parsed > 5)
          fail(question.id, "Choisissez une note de 1 à 5.");
        else result.answers[question.id] = parsed;
        break;
      }
    }
  }
  if (!result.ok) result.answers = {};
  return result;
}

/** Answers back to the strings a form shows. */
export function answersToRaw(answers: Answers): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [id, value] of Object.entries(answers)) raw[id] = Array.isArray(value) ? value : String(value);
  return raw;
}

export function parseAnswers(json: string): Answers {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Answers) : {};
  } catch {
    return {};
  }
}

export function answersJson(answers: Answers): { json: string; hash: string } {
  const json = canonicalJson(answers);
  return { json, hash: sha256Hex(json) };
}

/**
 * Answers of an earlier version carried into a new one: kept only for questions that exist in
 * both versions with the same definition (same type, label, bounds, choices...).
 */
export function carryOverAnswers(
  previous: QuestionnaireContent,
  next: QuestionnaireContent,
  answers: Answers,
): Answers {
  const before = new Map(
    allQuestions(previous).map((question) => [question.id, canonicalJson(question as unknown as JsonValue)]),
  );
  const carried: Answers = {};
  for (const question of allQuestions(next)) {
    const value = answers[question.id];
    if (value === undefined) continue;
    if (before.get(question.id) === canonicalJson(question)) carried[question.id] = value;
  }
  return carried;
}

/** The answer as a person reads it ("Oui", "12,5 m²", "Choix A, Choix B"). */
export function formatAnswer(question: Question, value: AnswerValue | undefined): string {
  if (value === undefined || value === "") return "";
  switch (question.type) {
    case "number":
      return `${numberFormat.format(Number(value))}${question.unit ? ` ${question.unit}` : ""}`;
    case "single_choice":
      return question.choices.find((choice) => choice.id === value)?.label ?? String(value);
    case "multiple_choice":
      return (Array.isArray(value) ? value : [String(value)])
        .map((id) => question.choices.find((choice) => choice.id === id)?.label ?? id)
        .join(", ");
    case "yes_no":
      return value === "yes" ? "Oui" : value === "no" ? "Non" : String(value);
    case "date":
      return typeof value === "string" && isIsoDate(value)
        ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`
        : String(value);
    case "scale":
      return `${value} / 5`;
    default:
      return String(value);
  }
}
