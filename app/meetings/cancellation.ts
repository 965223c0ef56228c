// Cancelling an event: the form's rule and the messages (no I/O).
import { z } from "zod";

export const CANCELLATION_REASON_MIN_LENGTH = 20;

export const cancellationSchema = z.object({
  reason: z
    .string({
      required_error:
        "Expliquez pourquoi l'événement est annulé : ce texte est envoyé aux personnes concernées et publié sur sa page.",
    })
    .trim()
    .min(
      CANCELLATION_REASON_MIN_LENGTH,
      `Expliquez pourquoi l'événement est annulé (au moins ${CANCELLATION_REASON_MIN_LENGTH} caractères) : ce texte est envoyé aux personnes concernées et publié sur sa page.`,
    )
    .max(2_000, "2 000 caractères au plus."),
});

export const EVENT_CANCELLED_MESSAGE =
  "L'organisateur a annulé cet événement : plus rien ne peut y être réservé ni annulé.";
