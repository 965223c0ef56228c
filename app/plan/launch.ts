// Launching a planned procurement (pure): the form's rules and how a launch compares with what the
// plan announced. Today's date is passed in (Europe/Paris), so nothing here reads the clock.
import { z } from "zod";
import { isIsoDate } from "~/calendar/dates";

export const LAUNCH_MESSAGES = {
  dateRequired: "Indiquez la date de publication de l'avis.",
  dateInvalid: "Indiquez une date valide, par exemple 12/04/2027.",
  dateInFuture: "La consultation doit déjà être lancée : la date ne peut pas être après aujourd'hui.",
  dateTooOld: "Cette date paraît trop ancienne : vérifiez l'année.",
  referenceRequired: "Indiquez la référence de l'avis, par exemple « BOAMP 27-12345 ».",
  referenceTooLong: "La référence est trop longue : 100 caractères au plus.",
  urlRequired: "Indiquez le lien vers l'avis (BOAMP, JOUE ou votre profil d'acheteur).",
  urlInvalid: "Indiquez une adresse web complète, qui commence par https:// ou http://",
  withdrawn: "Cet achat a été retiré : il ne peut pas être lancé.",
} as const;

export function launchSchema(today: string) {
  return z.object({
    intent: z.literal("launch"),
    launchedOn: z
      .string({ required_error: LAUNCH_MESSAGES.dateRequired })
      .trim()
      .refine(isIsoDate, LAUNCH_MESSAGES.dateInvalid)
      .refine((value) => value <= today, LAUNCH_MESSAGES.dateInFuture)
      .refine((value) => value >= "2000-01-01", LAUNCH_MESSAGES.dateTooOld),
    noticeReference: z
      .string({ required_error: LAUNCH_MESSAGES.referenceRequired })
      .trim()
      .min(1, LAUNCH_MESSAGES.referenceRequired)
      .max(100, LAUNCH_MESSAGES.referenceTooLong),
    noticeUrl: z
      .string({ required_error: LAUNCH_MESSAGES.urlRequired })
      .trim()
      .max(500, "L'adresse est trop longue : 500 caractères au plus.")
      .refine(isWebUrl, LAUNCH_MESSAGES.urlInvalid),
  });
}

export type LaunchInput = Omit<z.infer<ReturnType<typeof launchSchema>>, "intent">;

/** An absolute http(s) address: no javascript:, data: or relative link can reach a public page. */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

// ---- the plan's accuracy: what was announced against what was launched -----------------------------

export type LaunchTiming =
  | { kind: "on_time" } // launched in the announced month
  | { kind: "early"; months: number }
  | { kind: "late"; months: number }
  | { kind: "pending" } // not launched, the announced month has not ended
  | { kind: "overdue"; months: number }; // not launched, the announced month has passed

function monthIndex(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/** How a launch compares with the announced publication date, month by month (the plan speaks in months). */
export function launchTiming(expectedPublicationDate: string, launchedOn: string | null, today: string): LaunchTiming {
  const announced = monthIndex(expectedPublicationDate);
  if (launchedOn) {
    const difference = monthIndex(launchedOn) - announced;
    if (difference === 0) return { kind: "on_time" };
    return difference < 0 ? { kind: "early", months: -difference } : { kind: "late", months: difference };
  }
  const late = monthIndex(today) - announced;
  return late > 0 ? { kind: "overdue", months: late } : { kind: "pending" };
}

const months = (n: number) => `${n} mois`;

/** "dans le mois annoncé", "2 mois plus tard", "à venir", "en retard de 1 mois". */
export function launchTimingLabel(timing: LaunchTiming): string {
  switch (timing.kind) {
    case "on_time":
      return "dans le mois annoncé";
    case "early":
      return `${months(timing.months)} plus tôt`;
    case "late":
      return `${months(timing.months)} plus tard`;
    case "pending":
      return "à venir";
    case "overdue":
      return `en retard de ${months(timing.months)}`;
  }
}

export interface AccuracySummary {
  announced: number;
  launched: number;
  onTime: number;
  early: number;
  late: number;
  overdue: number;
}

export function accuracySummary(timings: readonly LaunchTiming[]): AccuracySummary {
  const count = (kind: LaunchTiming["kind"]) => timings.filter((timing) => timing.kind === kind).length;
  return {
    announced: timings.length,
    launched: count("on_time") + count("early") + count("late"),
    onTime: count("on_time"),
    early: count("early"),
    late: count("late"),
    overdue: count("overdue"),
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/** "Sur 12 achats annoncés, 3 ont été lancés : 2 dans le mois annoncé, 1 plus tard." */
export function accuracySentence(summary: AccuracySummary): string {
  const { announced, launched } = summary;
  const parts = [
    summary.onTime ? `${summary.onTime} dans le mois annoncé` : null,
    summary.early ? `${summary.early} plus tôt que prévu` : null,
    summary.late ? `${summary.late} plus tard que prévu` : null,
  ].filter(Boolean);
  const head =
    launched === 0
      ? announced === 1
        ? "L'achat annoncé n'est pas encore lancé."
        : `Aucun des ${announced} achats annoncés n'est encore lancé.`
      : `Sur ${plural(announced, "achat annoncé", "achats annoncés")}, ${launched === 1 ? "1 a été lancé" : `${launched} ont été lancés`} : ${parts.join(", ")}.`;
  const overdue = summary.overdue
    ? ` ${summary.overdue === 1 ? "1 n'est pas encore lancé alors que son mois est passé" : `${summary.overdue} ne sont pas encore lancés alors que leur mois est passé`}.`
    : "";
  return head + overdue;
}
