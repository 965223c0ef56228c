// Form schemas of an organisation's calendar settings (pure): its policy per kind of blocked
// period (with the French wording of the choices), and its own blocked periods.
import { z } from "zod";
import { daysBetween } from "~/calendar/dates";
import type { PolicyBlockKind } from "~/calendar/rules";
import { isoDateField } from "./schema";

/** Form field names of the four policies (the Organization columns). */
export const POLICY_FIELDS = {
  school_holiday: "policySchoolHoliday",
  public_holiday: "policyPublicHoliday",
  quiet_period: "policyQuietPeriod",
  own_period: "policyOwnPeriod",
} as const;

const policy = z.enum(["refuse", "justify"], {
  errorMap: () => ({ message: "Choisissez « Refuser la date » ou « Accepter avec une justification écrite »." }),
});

/** What an organisation may do with a date in a blocked period (weekends are always refused). */
export const POLICY_OPTIONS = [
  { value: "refuse", label: "Refuser la date" },
  { value: "justify", label: "Accepter avec une justification écrite" },
];

/** What each kind of blocked period covers, for the settings page. */
export const POLICY_HINTS: Record<PolicyBlockKind, string> = {
  school_holiday: "Les vacances scolaires de votre zone : beaucoup de petites entreprises tournent alors au ralenti.",
  public_holiday: "Les jours fériés nationaux (et, en Alsace-Moselle, le Vendredi saint et le 26 décembre).",
  quiet_period:
    "Les périodes de trêve fixées par la plateforme pour tous les acheteurs, par exemple de Noël au Nouvel An et de mi-juillet à fin août.",
  own_period: "Les périodes que vous ajoutez ci-dessous : fermeture des services, élections, déménagement…",
};

export const policiesSchema = z.object({
  policySchoolHoliday: policy,
  policyPublicHoliday: policy,
  policyQuietPeriod: policy,
  policyOwnPeriod: policy,
});
export type PoliciesInput = z.infer<typeof policiesSchema>;

/** Longest own blocked period: beyond a year it is no longer a period. */
export const MAX_BLOCKED_PERIOD_DAYS = 366;

export const blockedPeriodSchema = z
  .object({
    label: z
      .string({ required_error: "Donnez un nom à cette période, par exemple « Fermeture estivale des services »." })
      .trim()
      .min(3, "Le nom doit compter au moins 3 caractères.")
      .max(120, "Pas plus de 120 caractères."),
    startDate: isoDateField("Indiquez le premier jour de la période."),
    endDate: isoDateField("Indiquez le dernier jour de la période."),
  })
  .superRefine((value, context) => {
    if (value.endDate < value.startDate) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["endDate"],
        message: "Le dernier jour ne peut pas précéder le premier.",
      });
    } else if (daysBetween(value.startDate, value.endDate) >= MAX_BLOCKED_PERIOD_DAYS) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["endDate"],
        message: "Une période bloquée dure au plus un an.",
      });
    }
  });
export type BlockedPeriodInput = z.infer<typeof blockedPeriodSchema>;
