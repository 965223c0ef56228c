// The form of a manual record entry (pure): an exchange with a supplier that happened outside
// Amont (a phone call, a visit...). Today's date is passed in, so the browser and the server check
// "not in the future" against the same Paris day.
import { z } from "zod";
import { isIsoDate } from "~/calendar/dates";
import { SIRET_MESSAGES, validateSiret } from "~/organizations/identifiers";

export const CHANNELS = {
  phone: "Téléphone",
  visit: "Visite",
  email: "Courriel",
  meeting: "Réunion",
  other: "Autre",
} as const;
export type Channel = keyof typeof CHANNELS;

export const SUMMARY_MIN_LENGTH = 10;
export const SUMMARY_MAX_LENGTH = 5_000;
export const SUPPLIER_NAME_MAX_LENGTH = 160;
/** Exchanges older than this are refused as a typing mistake (the record is about a procurement being prepared). */
export const EARLIEST_EXCHANGE_DATE = "2000-01-01";

export const MANUAL_ENTRY_MESSAGES = {
  dateRequired: "Indiquez la date de l'échange.",
  dateInvalid: "Indiquez une date valide, par exemple 12/03/2027.",
  dateInFuture: "L'échange a déjà eu lieu : sa date ne peut pas être après aujourd'hui.",
  dateTooOld: "Cette date paraît trop ancienne : vérifiez l'année.",
  channel: "Choisissez comment l'échange a eu lieu.",
  supplierMissing: "Choisissez l'entreprise dans la liste, ou écrivez son nom.",
  supplierBoth:
    "Vous avez choisi une entreprise dans la liste : laissez le nom et le SIRET vides, ou choisissez « Autre entreprise ».",
  supplierNameTooLong: `Le nom est trop long : ${SUPPLIER_NAME_MAX_LENGTH} caractères au plus.`,
  summaryRequired: "Résumez l'échange.",
  summaryTooShort: `Le résumé est trop court : ${SUMMARY_MIN_LENGTH} caractères au moins.`,
  summaryTooLong: `Le résumé est trop long : ${SUMMARY_MAX_LENGTH.toLocaleString("fr-FR")} caractères au plus.`,
} as const;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : undefined));

export function manualEntrySchema(today: string) {
  return z
    .object({
      intent: z.literal("manual"),
      exchangedOn: z
        .string({ required_error: MANUAL_ENTRY_MESSAGES.dateRequired })
        .trim()
        .refine(isIsoDate, MANUAL_ENTRY_MESSAGES.dateInvalid)
        .refine((value) => value <= today, MANUAL_ENTRY_MESSAGES.dateInFuture)
        .refine((value) => value >= EARLIEST_EXCHANGE_DATE, MANUAL_ENTRY_MESSAGES.dateTooOld),
      channel: z.enum(Object.keys(CHANNELS) as [Channel, ...Channel[]], {
        errorMap: () => ({ message: MANUAL_ENTRY_MESSAGES.channel }),
      }),
      /** A supplier organisation of the directory, or empty for a supplier typed by name. */
      supplierOrganizationId: optionalText(64, MANUAL_ENTRY_MESSAGES.supplierMissing),
      supplierName: optionalText(SUPPLIER_NAME_MAX_LENGTH, MANUAL_ENTRY_MESSAGES.supplierNameTooLong),
      supplierSiret: z
        .string()
        .trim()
        .optional()
        .transform((value, context) => {
          if (!value) return undefined;
          const result = validateSiret(value);
          if (!result.ok) {
            context.addIssue({ code: z.ZodIssueCode.custom, message: SIRET_MESSAGES[result.reason] });
            return z.NEVER;
          }
          return result.value;
        }),
      summary: z
        .string({ required_error: MANUAL_ENTRY_MESSAGES.summaryRequired })
        .trim()
        .min(1, MANUAL_ENTRY_MESSAGES.summaryRequired)
        .min(SUMMARY_MIN_LENGTH, MANUAL_ENTRY_MESSAGES.summaryTooShort)
        .max(SUMMARY_MAX_LENGTH, MANUAL_ENTRY_MESSAGES.summaryTooLong),
      guardJustification: optionalText(2_000, "La justification est trop longue : 2 000 caractères au plus."),
      /** The record number of the entry this one corrects (the original stays as it is). */
      corrects: z.number().int().positive().optional(),
    })
    .superRefine((value, context) => {
      if (value.supplierOrganizationId && (value.supplierName || value.supplierSiret)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["supplierName"],
          message: MANUAL_ENTRY_MESSAGES.supplierBoth,
        });
      } else if (!value.supplierOrganizationId && !value.supplierName) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["supplierName"],
          message: MANUAL_ENTRY_MESSAGES.supplierMissing,
        });
      }
    });
}

export type ManualEntryInput = z.infer<ReturnType<typeof manualEntrySchema>>;
