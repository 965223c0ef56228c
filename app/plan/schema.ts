// Form schemas of the forward plan (pure). Messages are French and say how to fix the value.
//
// The schema checks each field and the order of the dates. The calendar checks (holidays, the
// organisation's policies, the response window) need the database and run on the server after it
// (see date-rules.ts and plan.server.ts).
import { z } from "zod";
import { isIsoDate } from "~/calendar/dates";
import { parseCpvCode } from "./cpv";
import { CATEGORIES, PROCEDURES, RESERVED, STATUSES, VALUE_BANDS } from "./vocabulary";

export const MAX_LOTS = 20;

/** Statuses a buyer chooses in the form; "abandoned" is only set by withdrawing the procurement. */
export const FORM_STATUSES = ["draft", "planned", "sourcing", "published", "awarded"] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export const FORM_STATUS_HINTS: Record<FormStatus, string> = {
  draft: "visible seulement par votre organisation, jamais publié",
  planned: "figurera dans la prochaine édition de votre programmation",
  sourcing: "vous consultez les entreprises avant de lancer la consultation",
  published: "la consultation est en ligne sur votre profil d'acheteur",
  awarded: "le marché est attribué",
};

function oneOf<T extends Record<string, unknown>>(labels: T, message: string) {
  const keys = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return z.enum(keys, { errorMap: () => ({ message }) });
}

function requiredText(required: string, { min, max, minMessage }: { min: number; max: number; minMessage: string }) {
  return z.string({ required_error: required }).trim().min(min, minMessage).max(max, `Pas plus de ${max} caractères.`);
}

function optionalText(max: number) {
  return z.string().trim().max(max, `Pas plus de ${max} caractères.`).optional();
}

/**
 * A date as the browser's date field sends it ("2027-01-04"), or typed by hand as "04/01/2027"
 * where the browser has no date picker.
 */
export function isoDateField(requiredMessage: string) {
  return z
    .string({ required_error: requiredMessage })
    .trim()
    .transform((value, context) => {
      const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
      const iso = typed ? `${typed[3]}-${typed[2]!.padStart(2, "0")}-${typed[1]!.padStart(2, "0")}` : value;
      if (!isIsoDate(iso)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: "Cette date n'existe pas. Écrivez-la sous la forme jj/mm/aaaa, par exemple 04/01/2027.",
        });
        return z.NEVER;
      }
      return iso;
    });
}

const cpvCode = z
  .string({ required_error: "Indiquez le code CPV principal, par exemple 45210000-2." })
  .transform((value, context) => {
    const parsed = parseCpvCode(value);
    if (!parsed.ok) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
      return z.NEVER;
    }
    return parsed.code;
  });

export const lotSchema = z.object({
  title: requiredText("Donnez un intitulé à ce lot.", {
    min: 3,
    max: 200,
    minMessage: "L'intitulé du lot doit compter au moins 3 caractères.",
  }),
  description: optionalText(1_000),
});

export const plannedProcurementSchema = z
  .object({
    title: requiredText("Indiquez l'intitulé de l'achat.", {
      min: 5,
      max: 200,
      minMessage: "L'intitulé doit compter au moins 5 caractères.",
    }),
    reference: optionalText(60),
    need: requiredText("Décrivez le besoin en quelques phrases simples.", {
      min: 20,
      max: 5_000,
      minMessage:
        "Décrivez le besoin en quelques phrases (au moins 20 caractères) : ce que vous voulez acheter, pour quoi faire, où.",
    }),
    category: oneOf(CATEGORIES, "Choisissez travaux, fournitures ou services."),
    cpvCode,
    valueBand: oneOf(VALUE_BANDS, "Choisissez une fourchette de montant."),
    lots: z.array(lotSchema).max(MAX_LOTS, `Un achat compte au plus ${MAX_LOTS} lots.`).default([]),
    procedure: oneOf(PROCEDURES, "Choisissez la procédure envisagée."),
    reserved: oneOf(RESERVED, "Indiquez si le marché sera réservé.").default("none"),
    socialConsideration: optionalText(2_000),
    environmentalConsideration: optionalText(2_000),
    expectedPublicationDate: isoDateField("Indiquez la date de publication prévue de la consultation."),
    publicationJustification: optionalText(2_000),
    responseDeadline: isoDateField("Indiquez la date limite de réponse prévue.").optional(),
    deadlineJustification: optionalText(2_000),
    contractStart: isoDateField("Indiquez la date de début du contrat.").optional(),
    contractDurationMonths: z
      .number({ invalid_type_error: "Indiquez la durée en nombre de mois, par exemple 12." })
      .int("Indiquez un nombre entier de mois.")
      .min(1, "La durée est d'au moins 1 mois.")
      .max(240, "La durée ne peut pas dépasser 240 mois (20 ans).")
      .optional(),
    contactName: requiredText("Indiquez la personne à contacter.", {
      min: 2,
      max: 120,
      minMessage: "Le nom doit compter au moins 2 caractères.",
    }),
    contactEmail: z
      .string({ required_error: "Indiquez l'adresse électronique du contact." })
      .trim()
      .toLowerCase()
      .email("Cette adresse électronique n'est pas valide. Vérifiez qu'elle contient un @ et un nom de domaine."),
    status: z
      .enum(FORM_STATUSES, { errorMap: () => ({ message: "Choisissez l'état d'avancement de l'achat." }) })
      .default("planned"),
    buyerProfileUrl: z
      .string()
      .trim()
      .max(500, "Pas plus de 500 caractères.")
      .url("Indiquez une adresse complète, qui commence par https://")
      .refine((value) => /^https?:\/\//i.test(value), "Indiquez une adresse complète, qui commence par https://")
      .optional(),
  })
  .superRefine((value, context) => {
    if (value.responseDeadline && value.responseDeadline <= value.expectedPublicationDate) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["responseDeadline"],
        message: "La date limite de réponse doit venir après la date de publication.",
      });
    }
    const contractFloor = value.responseDeadline ?? value.expectedPublicationDate;
    if (value.contractStart && value.contractStart <= contractFloor) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["contractStart"],
        message: value.responseDeadline
          ? "Le contrat ne peut pas commencer avant la date limite de réponse."
          : "Le contrat ne peut pas commencer avant la publication de la consultation.",
      });
    }
    if (value.status === "published" && !value.buyerProfileUrl) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["buyerProfileUrl"],
        message: "La consultation est publiée : indiquez le lien vers elle sur votre profil d'acheteur.",
      });
    }
  });

export type PlannedProcurementInput = z.infer<typeof plannedProcurementSchema>;
export type LotInput = z.infer<typeof lotSchema>;

export const withdrawalSchema = z.object({
  reason: requiredText("Indiquez pourquoi l'achat est retiré : ce motif sera affiché publiquement.", {
    min: 10,
    max: 1_000,
    minMessage: "Expliquez le motif en une phrase (au moins 10 caractères).",
  }),
});

/** Statuses that never appear in a published edition. */
export const UNPUBLISHED_STATUSES = ["draft", "abandoned"] as const;

// Vocabulary re-exported for forms, so that a route imports one module.
export { CATEGORIES, PROCEDURES, RESERVED, STATUSES, VALUE_BANDS };
