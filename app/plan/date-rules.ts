// Calendar checks of a planned procurement's dates (pure: the calendar context, the policies and
// the procedure minimum are passed in). The server loads them and calls checkProcurementDates().
//
// - Expected publication date and response deadline: evaluateDate() with the organisation's
//   policies. "refused" is an error on the date, naming the reasons and proposing the next allowed
//   date; "needs_justification" requires the matching justification (an error on that field when
//   it is empty; the proposal is offered as well).
// - The response window (publication, deadline] must hold the procedure's minimum of open days;
//   otherwise an error on the deadline proposes the earliest deadline that reaches it.
// - A date that did not change since it was last saved is not checked again (it was accepted
//   then, perhaps under other policies, perhaps in the past); the window is checked again only
//   when one of its dates or the procedure changed.
import { formatDateFr } from "~/calendar/dates";
import {
  checkResponseWindow,
  evaluateDate,
  nextAllowedDate,
  type BlockPolicies,
  type BlockReason,
  type CalendarContext,
  type DateEvaluation,
  type DateKind,
} from "~/calendar/rules";

export type CheckedDateField = "expectedPublicationDate" | "responseDeadline";
export type JustificationField = "publicationJustification" | "deadlineJustification";

export const JUSTIFICATION_FIELD: Record<CheckedDateField, JustificationField> = {
  expectedPublicationDate: "publicationJustification",
  responseDeadline: "deadlineJustification",
};

/** Shortest justification accepted, so that "." does not pass for an explanation. */
export const MIN_JUSTIFICATION_LENGTH = 15;

export interface DatesInput {
  expectedPublicationDate: string;
  responseDeadline?: string | null;
  procedure: string;
  publicationJustification?: string | null;
  deadlineJustification?: string | null;
}

export interface DateChecks {
  fieldErrors: Partial<Record<CheckedDateField | JustificationField, string[]>>;
  /** The date to propose next to each date field, when its value cannot be kept as it is. */
  proposals: Partial<Record<CheckedDateField, string>>;
  /** Justifications to store: kept only for dates that need one (null otherwise). */
  justifications: Record<JustificationField, string | null>;
  /** Whether the date needs a justification under the organisation's policies (for the form). */
  needsJustification: Partial<Record<CheckedDateField, BlockReason[]>>;
  ok: boolean;
}

/** "du 19 décembre 2026 au 3 janvier 2027", or "le 25 décembre 2026" for a single day. */
export function periodFr(reason: Pick<BlockReason, "from" | "to">): string {
  return reason.from === reason.to
    ? `le ${formatDateFr(reason.from)}`
    : `du ${formatDateFr(reason.from)} au ${formatDateFr(reason.to)}`;
}

/** "Vacances de Noël (zone A), du samedi 19 décembre 2026 au dimanche 3 janvier 2027 ; Noël, le …" */
export function reasonsFr(reasons: readonly BlockReason[]): string {
  return reasons
    .map((reason) =>
      reason.kind === "weekend" ? `un ${reason.label.toLowerCase()}` : `${reason.label}, ${periodFr(reason)}`,
    )
    .join(" ; ");
}

const DATE_NOUN: Record<CheckedDateField, string> = {
  expectedPublicationDate: "publier la consultation",
  responseDeadline: "clore les réponses",
};

export function refusalMessage(field: CheckedDateField, date: string, evaluation: DateEvaluation): string {
  return (
    `Date refusée : le ${formatDateFr(date)} tombe pendant ${reasonsFr(evaluation.reasons)}. ` +
    `Votre organisation refuse de ${DATE_NOUN[field]} pendant ces périodes. Prochaine date possible : ${formatDateFr(evaluation.nextAllowedDate)}.`
  );
}

export function justificationMessage(field: CheckedDateField, date: string, evaluation: DateEvaluation): string {
  return (
    `Le ${formatDateFr(date)} tombe pendant ${reasonsFr(evaluation.reasons)}. ` +
    `Votre organisation accepte de ${DATE_NOUN[field]} à cette date à condition de l'expliquer : écrivez ici pourquoi (au moins ${MIN_JUSTIFICATION_LENGTH} caractères, ce texte sera public), ` +
    `ou prenez le ${formatDateFr(evaluation.nextAllowedDate)}.`
  );
}

export interface DateCheckOptions {
  ctx: CalendarContext;
  policies: BlockPolicies;
  minimumOpenDays: number;
  procedureLabel: string;
  /** The values saved before (editing), so that unchanged dates are not checked again. */
  previous?: { expectedPublicationDate: string; responseDeadline: string | null; procedure: string } | null;
}

function kindOf(field: CheckedDateField): DateKind {
  return field === "expectedPublicationDate" ? "publication" : "response_deadline";
}

export function checkProcurementDates(input: DatesInput, options: DateCheckOptions): DateChecks {
  const { ctx, policies, previous } = options;
  const result: DateChecks = {
    fieldErrors: {},
    proposals: {},
    justifications: { publicationJustification: null, deadlineJustification: null },
    needsJustification: {},
    ok: true,
  };
  const addError = (field: keyof DateChecks["fieldErrors"], message: string) => {
    (result.fieldErrors[field] ??= []).push(message);
    result.ok = false;
  };

  const evaluations: Partial<Record<CheckedDateField, DateEvaluation>> = {};
  for (const field of ["expectedPublicationDate", "responseDeadline"] as const) {
    const date = input[field];
    if (!date) continue;
    const justificationField = JUSTIFICATION_FIELD[field];
    const justification = input[justificationField]?.trim() || null;
    const unchanged = previous && previous[field] === date;
    if (unchanged) {
      // Accepted when saved: keep whatever justification the buyer keeps with it.
      result.justifications[justificationField] = justification;
      continue;
    }
    const evaluation = evaluateDate(ctx, date, kindOf(field), policies);
    evaluations[field] = evaluation;
    if (evaluation.status === "refused") {
      addError(field, refusalMessage(field, date, evaluation));
      result.proposals[field] = evaluation.nextAllowedDate;
    } else if (evaluation.status === "needs_justification") {
      result.needsJustification[field] = evaluation.reasons;
      result.proposals[field] = evaluation.nextAllowedDate;
      if (!justification || justification.length < MIN_JUSTIFICATION_LENGTH)
        addError(justificationField, justificationMessage(field, date, evaluation));
      else result.justifications[justificationField] = justification;
    }
  }

  const publication = input.expectedPublicationDate;
  const deadline = input.responseDeadline;
  const windowChanged =
    !previous ||
    previous.expectedPublicationDate !== publication ||
    previous.responseDeadline !== (deadline ?? null) ||
    previous.procedure !== input.procedure;
  // The window is measured from a publication date that stands: a refused one will move anyway.
  if (
    deadline &&
    deadline > publication &&
    windowChanged &&
    evaluations.expectedPublicationDate?.status !== "refused"
  ) {
    const window = checkResponseWindow(ctx, publication, deadline, options.minimumOpenDays);
    if (!window.ok) {
      const earliest = nextAllowedDate(ctx, window.earliestDeadline, "response_deadline");
      addError(
        "responseDeadline",
        `Délai de réponse trop court : du ${formatDateFr(publication)} au ${formatDateFr(deadline)}, les entreprises n'ont que ${window.openDays} jour${window.openDays > 1 ? "s" : ""} ouvré${window.openDays > 1 ? "s" : ""} hors week-ends, jours fériés et périodes bloquées. ` +
          `Pour la procédure « ${options.procedureLabel} », Amont demande au moins ${window.minimumOpenDays} jours ouvrés. ` +
          `Date limite possible au plus tôt : ${formatDateFr(earliest)}.`,
      );
      const current = result.proposals.responseDeadline;
      result.proposals.responseDeadline = current && current > earliest ? current : earliest;
      // A deadline moved to the earliest possible one needs no justification any more.
      delete result.needsJustification.responseDeadline;
      delete result.fieldErrors.deadlineJustification;
    }
  }
  return result;
}
