// Account form schemas (pure). Messages are French and say how to fix the value.
import { z } from "zod";
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
