// Procedure windows (pure): the expected procedures and Amont's default minimum response window of
// each, in open days (weekdays outside blocked periods). They belong to the calendar because the
// window is counted with its rules; the ProcedureRule rows (admin-editable) start from these
// defaults. This is the one list of procedures: the forward plan reads it (and its labels) through
// app/plan/vocabulary.ts.

/**
 * Recommendations for small firms, above the legal minimums expressed in calendar days;
 * administrators can change them (ProcedureRule rows). The order is the display order.
 */
export const PROCEDURES = {
  mapa: { label: "Procédure adaptée (MAPA)", minimumOpenDays: 15 },
  ao_ouvert: { label: "Appel d'offres ouvert", minimumOpenDays: 35 },
  ao_restreint: { label: "Appel d'offres restreint", minimumOpenDays: 30 },
  negociee: { label: "Procédure avec négociation", minimumOpenDays: 30 },
  dialogue: { label: "Dialogue compétitif", minimumOpenDays: 30 },
  sans_publicite: { label: "Marché sans publicité ni mise en concurrence préalables", minimumOpenDays: 10 },
} as const;
export type Procedure = keyof typeof PROCEDURES;

/** The procedure codes, in display order (a non-empty tuple, as z.enum wants). */
export const PROCEDURE_CODES = Object.keys(PROCEDURES) as [Procedure, ...Procedure[]];

/** The procedure used when none is given (the calendar API without `procedure`): the most common for small buyers. */
export const DEFAULT_PROCEDURE: Procedure = "mapa";

export function isProcedure(value: string | null | undefined): value is Procedure {
  return value != null && Object.hasOwn(PROCEDURES, value);
}
