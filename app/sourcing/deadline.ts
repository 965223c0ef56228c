// The calendar check of a questionnaire's deadline (pure: the calendar context and policies are
// passed in). Like any date of a buyer: a blocked day is refused or needs a written justification
// according to the organisation's policy, and the next allowed date is proposed. A questionnaire
// also stays open at least SOURCING_MIN_OPEN_DAYS open days, counted from the publication day.
import { formatDateFr } from "~/calendar/dates";
import {
  earliestDeadline,
  evaluateDate,
  openDaysBetween,
  type BlockPolicies,
  type CalendarContext,
} from "~/calendar/rules";
import { reasonsFr } from "~/plan/date-rules";

export const SOURCING_MIN_OPEN_DAYS = 10;
export const MIN_DEADLINE_JUSTIFICATION_LENGTH = 15;

export interface DeadlineCheck {
  ok: boolean;
  /** French message for the deadline field. */
  deadlineError?: string;
  /** French message for the justification field. */
  justificationError?: string;
  /** The date to offer instead ("Utiliser le …"). */
  proposal?: string;
  /** The justification to store (null when the date needs none). */
  justification: string | null;
  openDays: number;
}

export function checkQuestionnaireDeadline(
  ctx: CalendarContext,
  policies: BlockPolicies,
  input: { deadline: string; justification?: string | null; publicationDay: string; minimumOpenDays?: number },
): DeadlineCheck {
  const minimum = input.minimumOpenDays ?? SOURCING_MIN_OPEN_DAYS;
  const openDays = openDaysBetween(ctx, input.publicationDay, input.deadline);
  const earliest = earliestDeadline(ctx, input.publicationDay, minimum);
  if (input.deadline <= input.publicationDay || openDays < minimum) {
    return {
      ok: false,
      openDays,
      proposal: earliest,
      justification: null,
      deadlineError:
        `Le questionnaire doit rester ouvert au moins ${minimum} jours ouvrés (hors week-ends, jours fériés et périodes bloquées), ` +
        `à compter du ${formatDateFr(input.publicationDay)} : avec cette date, il n'en compte que ${openDays}. Date la plus proche possible : ${formatDateFr(earliest)}.`,
    };
  }
  const evaluation = evaluateDate(ctx, input.deadline, "response_deadline", policies);
  if (evaluation.status === "refused") {
    return {
      ok: false,
      openDays,
      proposal: evaluation.nextAllowedDate,
      justification: null,
      deadlineError:
        `Date refusée : le ${formatDateFr(input.deadline)} tombe pendant ${reasonsFr(evaluation.reasons)}. ` +
        `Votre organisation refuse de clore des réponses pendant ces périodes. Prochaine date possible : ${formatDateFr(evaluation.nextAllowedDate)}.`,
    };
  }
  if (evaluation.status === "needs_justification") {
    const justification = input.justification?.trim() ?? "";
    if (justification.length < MIN_DEADLINE_JUSTIFICATION_LENGTH) {
      return {
        ok: false,
        openDays,
        proposal: evaluation.nextAllowedDate,
        justification: null,
        justificationError:
          `Le ${formatDateFr(input.deadline)} tombe pendant ${reasonsFr(evaluation.reasons)}. Votre organisation accepte cette date à condition de l'expliquer : ` +
          `écrivez pourquoi (au moins ${MIN_DEADLINE_JUSTIFICATION_LENGTH} caractères, ce texte sera public), ou prenez le ${formatDateFr(evaluation.nextAllowedDate)}.`,
      };
    }
    return { ok: true, openDays, justification };
  }
  return { ok: true, openDays, justification: null };
}
