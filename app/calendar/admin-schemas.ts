// Zod schemas of the calendar administration forms (shared by the server and the browser, so
// that Conform shows the same French messages before and after submitting).
import { z } from "zod";
import { daysInMonth } from "./dates";
import { PROCEDURE_CODES, type Procedure } from "./procedures";

/** "20/12" ↔ "12-20": people type day/month, the database keeps "MM-DD". */
export function monthDayToFrench(monthDay: string): string {
  return `${monthDay.slice(3, 5)}/${monthDay.slice(0, 2)}`;
}

/** Longest quiet period accepted, so that quiet periods can never block the whole year. */
export const MAX_QUIET_PERIOD_DAYS = 92;

/** Days from start to end of a recurring period, both included (wrapping the year end if needed), in a common year. */
export function quietPeriodLength(startMonthDay: string, endMonthDay: string): number {
  const dayOfYear = (monthDay: string) => {
    const month = Number(monthDay.slice(0, 2));
    let day = Number(monthDay.slice(3, 5));
    for (let m = 1; m < month; m++) day += daysInMonth(2027, m);
    return day;
  };
  const start = dayOfYear(startMonthDay);
  const end = dayOfYear(endMonthDay);
  return end >= start ? end - start + 1 : 365 - start + end + 1;
}

function monthDayField(label: string) {
  const message = `Indiquez ${label} sous la forme jour/mois, par exemple 20/12.`;
  return z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .transform((value, ctx) => {
      const match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(value);
      const day = Number(match?.[1]);
      const month = Number(match?.[2]);
      if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(2027, month)) {
        const leap = match && month === 2 && day === 29;
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: leap
            ? "Le 29 février n'existe pas tous les ans : choisissez le 28 février ou le 1er mars."
            : message,
        });
        return z.NEVER;
      }
      return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    });
}

export const quietPeriodSchema = z
  .object({
    id: z.string().max(60).optional(),
    label: z
      .string({ required_error: "Donnez un nom à cette période, par exemple « Fêtes de fin d'année »." })
      .trim()
      .min(2, "Donnez un nom à cette période, par exemple « Fêtes de fin d'année ».")
      .max(80, "80 caractères au plus."),
    start: monthDayField("le premier jour"),
    end: monthDayField("le dernier jour"),
  })
  .superRefine((value, ctx) => {
    // Zod still runs this when a date was refused (value then holds no valid month-day).
    if (typeof value.start !== "string" || typeof value.end !== "string") return;
    if (quietPeriodLength(value.start, value.end) > MAX_QUIET_PERIOD_DAYS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["end"],
        message: `Une période de trêve dure au plus ${MAX_QUIET_PERIOD_DAYS} jours (environ trois mois). Si le dernier jour est avant le premier, la période passe le 31 décembre.`,
      });
    }
  });

const minimumField = z.coerce
  .number({ invalid_type_error: "Indiquez un nombre de jours ouvrés." })
  .int("Indiquez un nombre entier de jours ouvrés.")
  .min(1, "Au moins 1 jour ouvré.")
  .max(120, "120 jours ouvrés au plus (environ six mois).");

export const procedureMinimumsSchema = z.object(
  Object.fromEntries(PROCEDURE_CODES.map((procedure) => [procedure, minimumField])) as Record<
    Procedure,
    typeof minimumField
  >,
);
export type ProcedureMinimums = z.infer<typeof procedureMinimumsSchema>;
