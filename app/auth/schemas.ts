// Account form schemas (pure). Messages are French and say how to fix the value.
import { z } from "zod";
import { MIN_NAME_LENGTH } from "~/ledger/person-name";
import { MIN_PASSWORD_LENGTH } from "./password-rules";

export const emailSchema = z
  .string({ required_error: "Indiquez votre adresse électronique." })
  .trim()
  .toLowerCase()
  .max(254, "Cette adresse est trop longue.")
  .email("Cette adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr).");

export const newPasswordSchema = z
  .string({ required_error: "Choisissez un mot de passe." })
  .min(MIN_PASSWORD_LENGTH, `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`)
  .max(200, "Le mot de passe ne peut pas dépasser 200 caractères.");

function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({
      ...shape,
      password: newPasswordSchema,
      confirmPassword: z.string({ required_error: "Saisissez à nouveau le mot de passe." }),
    })
    .superRefine((value, context) => {
      if (value.password !== value.confirmPassword) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["confirmPassword"],
          message: "Les deux mots de passe ne sont pas identiques.",
        });
      }
    });
}

export const signupSchema = withConfirmation({
  name: z
    .string({ required_error: "Indiquez vos nom et prénom." })
    .trim()
    .min(2, "Indiquez vos nom et prénom.")
    .max(120, "120 caractères au maximum."),
  email: emailSchema,
});

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ required_error: "Saisissez votre mot de passe." }).max(200),
  redirectTo: z.string().optional(),
});

export const verifyCodeSchema = z.object({
  email: emailSchema,
  code: z
    .string({ required_error: "Saisissez le code à 6 chiffres reçu par courriel." })
    .trim()
    .regex(/^\d{6}$/, "Le code compte exactement 6 chiffres."),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = withConfirmation({ token: z.string().min(10) });

/** Closing one's account: the password confirms it is the account's owner. */
export const closeAccountSchema = z.object({
  password: z
    .string({ required_error: "Saisissez votre mot de passe pour confirmer la fermeture." })
    .max(200, "Le mot de passe ne peut pas dépasser 200 caractères."),
});

/** A platform admin's erasure on request: first the preview, then the confirmation. */
export const erasureRequestSchema = z.object({
  intent: z.enum(["preview", "erase"]),
  email: z
    .string({ required_error: "Indiquez l'adresse électronique du compte de la personne." })
    .trim()
    .toLowerCase()
    .max(254, "Cette adresse est trop longue.")
    .email("Cette adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr)."),
});

/** The intents of the erasure of a person who has no account (the same page, its second form). */
export const ERASURE_WITHOUT_ACCOUNT_INTENTS = ["preview-without-account", "erase-without-account"] as const;

/**
 * A platform admin's erasure of a person without an account: their address, their full name, or
 * both; on confirmation, the attachments (by SHA-256) the admin chose to delete.
 */
export const erasureWithoutAccountSchema = z
  .object({
    intent: z.enum(ERASURE_WITHOUT_ACCOUNT_INTENTS),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "Cette adresse est trop longue.")
      .email("Cette adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr).")
      .optional(),
    name: z
      .string()
      .trim()
      .max(200, "Ce nom est trop long (200 caractères au plus).")
      // The matcher never looks for a shorter name: it would be found inside other words and names.
      .refine((name) => name.replace(/\s+/g, " ").length >= MIN_NAME_LENGTH, {
        message: `Indiquez le nom complet (prénom et nom) : ${MIN_NAME_LENGTH} caractères au moins, sinon il se retrouverait dans d'autres mots et d'autres noms.`,
      })
      .optional(),
    attachments: z.array(z.string().regex(/^[0-9a-f]{64}$/, "Pièce jointe inconnue.")).default([]),
  })
  .superRefine((value, context) => {
    if (!value.email && !value.name)
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["email"],
        message: "Indiquez l'adresse électronique de la personne, son nom complet, ou les deux.",
      });
  });
