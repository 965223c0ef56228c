// The public calendar API (GET /api/calendrier/verifier): query validation and answer.
//
// - `date` is checked against the département's calendar: `blocked`, `reasons` (weekend
//   included) and `nextAllowedDate` (the first date on or after it that is a weekday and not
//   blocked; `date` itself when it is free).
// - With `fin`, the window (date, fin] is counted: `openDays` (open days after `date`, up to and
//   including `fin`), `minimumOpenDays` of `procedure`, and `earliestDeadline`. Without
//   `procedure`, the MAPA minimum applies (the most common procedure for small buyers).
//   Without `fin`, openDays, minimumOpenDays and earliestDeadline are null.
// - Dates are limited to years 2000-2099 and the window to two years, so that every answer is
//   cheap to compute.
import { z } from "zod";
import { departementSchema } from "~/territory/departements";
import { loadCalendarContext, minimumOpenDaysFor } from "./calendar.server";
import { daysBetween, isIsoDate } from "./dates";
import { DEFAULT_PROCEDURE, PROCEDURE_CODES } from "./procedures";
import { blockReasons, earliestDeadline, nextAllowedDate, openDaysBetween, type BlockReason } from "./rules";

export const MAX_WINDOW_DAYS = 731;

function isoDateParam(name: string, label: string) {
  const missing = `Indiquez ${label} (paramètre « ${name} ») au format AAAA-MM-JJ, par exemple 2027-03-15.`;
  return z
    .string({ required_error: missing, invalid_type_error: missing })
    .trim()
    .min(1, missing)
    .superRefine((value, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `« ${value} » n'est pas une date au format AAAA-MM-JJ (${label}, paramètre « ${name} »).`,
        });
      } else if (!isIsoDate(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `La date ${value} n'existe pas (${label}, paramètre « ${name} »).`,
        });
      } else if (value < "2000-01-01" || value > "2099-12-31") {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `Indiquez une date entre 2000 et 2099 (${label}, paramètre « ${name} »).`,
        });
      }
    });
}

const procedureMessage = `Procédure inconnue : utilisez l'un des codes ${PROCEDURE_CODES.join(", ")}.`;

const DEPARTEMENT_MESSAGE =
  "Département manquant ou inconnu : indiquez un code de département comme 69, 2A ou 974 (paramètre « departement »).";

export const verifyQuerySchema = z
  .object({
    departement: departementSchema(DEPARTEMENT_MESSAGE),
    date: isoDateParam("date", "la date à vérifier"),
    fin: isoDateParam("fin", "la date de fin").optional(),
    procedure: z.enum(PROCEDURE_CODES, { errorMap: () => ({ message: procedureMessage }) }).optional(),
  })
  .superRefine((query, ctx) => {
    if (!query.fin) return;
    if (query.fin < query.date) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["fin"],
        message: `La date de fin (${query.fin}) est avant la date de début (${query.date}).`,
      });
    } else if (daysBetween(query.date, query.fin) > MAX_WINDOW_DAYS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["fin"],
        message: "La période entre « date » et « fin » ne peut pas dépasser deux ans.",
      });
    }
  });

export interface VerifyAnswer {
  departement: string;
  zone: string;
  date: string;
  blocked: boolean;
  reasons: BlockReason[];
  nextAllowedDate: string;
  fin: string | null;
  procedure: string | null;
  openDays: number | null;
  minimumOpenDays: number | null;
  earliestDeadline: string | null;
}

export type VerifyResult =
  { status: 200; body: VerifyAnswer } | { status: 400; body: { error: string; field: string } };

const PARAMS = ["departement", "date", "fin", "procedure"] as const;

export async function verifyCalendarQuery(searchParams: URLSearchParams): Promise<VerifyResult> {
  const raw: Record<string, string> = {};
  for (const name of PARAMS) {
    const value = searchParams.get(name);
    // An empty optional parameter (a form's empty field) counts as absent.
    if (value !== null && (value.trim() !== "" || name === "departement" || name === "date")) raw[name] = value;
  }
  const parsed = verifyQuerySchema.safeParse(raw);
  if (!parsed.success) {
    // The first problem, in the parameters' order.
    const issues = parsed.error.issues;
    const issue =
      PARAMS.map((name) => issues.find((candidate) => candidate.path[0] === name)).find(Boolean) ?? issues[0]!;
    return { status: 400, body: { error: issue.message, field: String(issue.path[0] ?? "date") } };
  }
  const { departement, date, fin, procedure } = parsed.data;
  const ctx = await loadCalendarContext(departement);
  const reasons = blockReasons(ctx, date);
  const body: VerifyAnswer = {
    departement,
    zone: ctx.zone,
    date,
    blocked: reasons.length > 0,
    reasons,
    nextAllowedDate: reasons.length > 0 ? nextAllowedDate(ctx, date, "publication") : date,
    fin: fin ?? null,
    procedure: null,
    openDays: null,
    minimumOpenDays: null,
    earliestDeadline: null,
  };
  if (fin) {
    const minimum = await minimumOpenDaysFor(procedure ?? DEFAULT_PROCEDURE);
    body.procedure = procedure ?? DEFAULT_PROCEDURE;
    body.openDays = openDaysBetween(ctx, date, fin);
    body.minimumOpenDays = minimum;
    body.earliestDeadline = earliestDeadline(ctx, date, minimum);
  }
  return { status: 200, body };
}
