// Form schemas for organisations (pure). Messages are French and say how to fix the value.
import { z } from "zod";
import { departementSchema, isDepartementCode } from "~/territory/departements";
import { SIREN_MESSAGES, SIRET_MESSAGES, validateSiren, validateSiret } from "./identifiers";
import { BUYER_KINDS, ESS_STATUSES, MEMBER_ROLES, RELAY_KINDS, SUPPLIER_SIZES } from "./kinds";

function oneOf<T extends Record<string, string>>(labels: T, message: string) {
  const keys = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return z.enum(keys, { errorMap: () => ({ message }) });
}

const name = z
  .string({ required_error: "Indiquez le nom de l'organisation." })
  .trim()
  .min(2, "Le nom doit compter au moins 2 caractères.")
  .max(160, "Le nom ne peut pas dépasser 160 caractères.");

const siret = z
  .string({ required_error: "Indiquez le numéro SIRET de l'établissement (14 chiffres)." })
  .transform((value, context) => {
    const result = validateSiret(value);
    if (!result.ok) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: SIRET_MESSAGES[result.reason] });
      return z.NEVER;
    }
    return result.value;
  });

const siren = z
  .string({ required_error: "Indiquez le numéro SIREN de l'organisme (9 chiffres)." })
  .transform((value, context) => {
    const result = validateSiren(value);
    if (!result.ok) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: SIREN_MESSAGES[result.reason] });
      return z.NEVER;
    }
    return result.value;
  });

export const supplierSchema = z.object({
  kind: z.literal("supplier"),
  name,
  siret,
  nafCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{2}\.?\d{2}[A-Z]$/, "Le code NAF (ou APE) s'écrit comme 43.32A : 4 chiffres et une lettre.")
    .transform((value) => (value.includes(".") ? value : `${value.slice(0, 2)}.${value.slice(2)}`))
    .optional(),
  size: oneOf(SUPPLIER_SIZES, "Choisissez la taille de votre entreprise."),
  essStatus: oneOf(ESS_STATUSES, "Choisissez un statut, ou « Aucun statut particulier »."),
  departement: departementSchema(),
});

export const buyerSchema = z.object({
  kind: z.literal("buyer"),
  name,
  siren,
  buyerKind: oneOf(BUYER_KINDS, "Choisissez le type d'acheteur."),
  departement: departementSchema(),
});

const territoryMessage = "Choisissez au moins un département dans la liste.";
export const relaySchema = z.object({
  kind: z.literal("relay"),
  name,
  relayKind: oneOf(RELAY_KINDS, "Choisissez le type de réseau."),
  departement: departementSchema(),
  territory: z
    .array(z.string().trim().toUpperCase(), { required_error: territoryMessage })
    .min(1, territoryMessage)
    .max(101)
    .refine((codes) => codes.every(isDepartementCode), territoryMessage),
});

export const organizationSchema = z.discriminatedUnion("kind", [supplierSchema, buyerSchema, relaySchema]);
export type OrganizationInput = z.infer<typeof organizationSchema>;

export const invitationSchema = z.object({
  email: z
    .string({ required_error: "Indiquez l'adresse électronique de la personne à inviter." })
    .trim()
    .toLowerCase()
    .email("Cette adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr)."),
  role: oneOf(MEMBER_ROLES, "Choisissez un rôle."),
});
