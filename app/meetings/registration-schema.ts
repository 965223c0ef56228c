// The registration form (/evenements/:id/inscription): register on behalf of an organisation, or
// cancel one's own registration.
import { z } from "zod";

export const registerSchema = z.object({
  intent: z.literal("register"),
  organizationId: z
    .string({ required_error: "Choisissez l’organisation au nom de laquelle vous vous inscrivez." })
    .min(1, "Choisissez l’organisation au nom de laquelle vous vous inscrivez."),
  // A checkbox: "on" when ticked, absent otherwise.
  waitingList: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
});

export const cancelSchema = z.object({
  intent: z.literal("cancel"),
  registrationId: z.string({ required_error: "Inscription introuvable." }).min(1, "Inscription introuvable."),
});

export const registrationActionSchema = z.discriminatedUnion("intent", [registerSchema, cancelSchema], {
  errorMap: () => ({ message: "Action inconnue." }),
});

export type RegistrationAction = z.infer<typeof registrationActionSchema>;
