// Per-question summaries and exports of the answers to one version (pure).
import { formatShortInstant } from "~/calendar/format";
import { allQuestions, formatAnswer, type Answers, type Question, type QuestionnaireContent } from "./content";

export interface ResponseRow {
  id: string;
  supplierName: string;
  supplierSiret: string | null;
  status: string;
  submittedAt: Date | null;
  updatedAt: Date;
  answers: Answers;
}

export type QuestionSummary =
  | { kind: "choices"; question: Question; answered: number; counts: { id: string; label: string; count: number }[] }
  | {
      kind: "numbers";
      question: Question;
      answered: number;
      min: number | null;
      max: number | null;
      mean: number | null;
      median: number | null;
      buckets: { label: string; count: number }[];
    }
  | {
      kind: "scale";
      question: Question;
      answered: number;
      mean: number | null;
      counts: { label: string; count: number }[];
    }
  | { kind: "texts"; question: Question; answered: number; texts: { supplierName: string; text: string }[] };

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const BUCKETS = 5;

function numberBuckets(values: number[], question: Question): { label: string; count: number }[] {
  if (values.length === 0) return [];
  const low = question.min ?? Math.min(...values);
  const high = question.max ?? Math.max(...values);
  if (low === high) return [{ label: `${low}${question.unit ? ` ${question.unit}` : ""}`, count: values.length }];
  const width = (high - low) / BUCKETS;
  const counts = new Array<number>(BUCKETS).fill(0);
  for (const value of values) counts[Math.min(BUCKETS - 1, Math.max(0, Math.floor((value - low) / width)))]!++;
  const format = (n: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(n);
  return counts.map((count, index) => ({
    label: `${format(low + index * width)} à ${format(low + (index + 1) * width)}${question.unit ? ` ${question.unit}` : ""}`,
    count,
  }));
}

/** One summary per question, over the given responses (usually the submitted ones of a version). */
export function summarise(
  content: QuestionnaireContent,
  responses: readonly Pick<ResponseRow, "supplierName" | "answers">[],
): QuestionSummary[] {
  return allQuestions(content).map((question): QuestionSummary => {
    const given = responses.filter(
      (response) => response.answers[question.id] !== undefined && response.answers[question.id] !== "",
    );
    switch (question.type) {
      case "single_choice":
      case "multiple_choice":
      case "yes_no": {
        const options =
          question.type === "yes_no"
            ? [
                { id: "yes", label: "Oui" },
                { id: "no", label: "Non" },
              ]
            : question.choices;
        const counts = new Map(options.map((option) => [option.id, 0]));
        for (const response of given) {
          const value = response.answers[question.id]!;
          for (const id of Array.isArray(value) ? value : [String(value)])
            if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
        }
        return {
          kind: "choices",
          question,
          answered: given.length,
          counts: options.map((option) => ({ id: option.id, label: option.label, count: counts.get(option.id)! })),
        };
      }
      case "number": {
        const values = given.map((response) => Number(response.answers[question.id])).filter(Number.isFinite);
        const sorted = [...values].sort((a, b) => a - b);
        return {
          kind: "numbers",
          question,
          answered: values.length,
          min: sorted[0] ?? null,
          max: sorted[sorted.length - 1] ?? null,
          mean: values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null,
          median: median(sorted),
          buckets: numberBuckets(values, question),
        };
      }
      case "scale": {
        const counts = [0, 0, 0, 0, 0];
        let total = 0;
        for (const response of given) {
          const value = Number(response.answers[question.id]);
          if (Number.isInteger(value) && value >= 1 && value <= 5) {
            counts[value - 1]!++;
            total += value;
          }
        }
        const answered = counts.reduce((sum, count) => sum + count, 0);
        return {
          kind: "scale",
          question,
          answered,
          mean: answered ? total / answered : null,
          counts: counts.map((count, index) => ({ label: String(index + 1), count })),
        };
      }
      default:
        return {
          kind: "texts",
          question,
          answered: given.length,
          texts: given.map((response) => ({
            supplierName: response.supplierName,
            text: formatAnswer(question, response.answers[question.id]),
          })),
        };
    }
  });
}

// ---- exports ------------------------------------------------------------------------------------

function csvCell(value: string): string {
  return /[";\r\n]/.test(value) || value.startsWith(" ") || value.endsWith(" ")
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/** Neutralises spreadsheet formulas: a cell starting with = + - @ is prefixed with an apostrophe. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV for spreadsheets used in France: UTF-8 with BOM, ";" separator, CRLF, quoted where needed. */
export function responsesCsv(content: QuestionnaireContent, responses: readonly ResponseRow[]): string {
  const questions = allQuestions(content);
  const header = [
    "Entreprise",
    "SIRET",
    "État",
    "Déposée le",
    ...questions.map((question, index) => `Q${index + 1}. ${question.label}`),
  ];
  const rows = responses.map((response) => [
    response.supplierName,
    response.supplierSiret ?? "",
    response.status === "submitted" ? "Déposée" : "Brouillon",
    response.submittedAt ? formatShortInstant(response.submittedAt) : "",
    ...questions.map((question) => formatAnswer(question, response.answers[question.id])),
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map((cell) => csvCell(safeText(cell))).join(";")).join("\r\n")}\r\n`;
}
