// Form schemas of events and stands (pure). Messages are French and say how to fix the value.
// Times are Paris wall-clock times; the calendar checks of the day (holidays, the organiser's
// policies) need the database and run on the server after this (events.server.ts).
import { z } from "zod";
import { isoDateField } from "~/plan/schema";
import { departementSchema } from "~/territory/departements";
import { EVENT_KINDS, hasRegistrations } from "./kinds";
import { checkOpeningHours, isLocalTime, minutesOf, parseBreaks, parisLocalToUtc, SLOT_LENGTHS } from "./slots";

function requiredText(required: string, { min, max, minMessage }: { min: number; max: number; minMessage: string }) {
  return z.string({ required_error: required }).trim().min(min, minMessage).max(max, `Pas plus de ${max} caractères.`);
}

function optionalText(max: number) {
  return z.string().trim().max(max, `Pas plus de ${max} caractères.`).optional();
}

function timeField(required: string) {
  return z
    .string({ required_error: required })
    .trim()
    .transform((value, context) => {
      const match = /^(\d{1,2})[:h](\d{2})$/.exec(value);
      const time = match ? `${match[1]!.padStart(2, "0")}:${match[2]}` : value;
      if (!isLocalTime(time)) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: "Écrivez l'heure comme 09:30." });
        return z.NEVER;
      }
      return time;
    });
}

/** A Paris date and time as a datetime-local field sends it: "2027-01-13T18:00". */
function localDateTimeField(required: string) {
  return z
    .string({ required_error: required })
    .trim()
    .transform((value, context) => {
      const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(value);
      if (!match || !isLocalTime(match[2]) || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: "Indiquez une date et une heure, par exemple 13/01/2027 à 18:00.",
        });
        return z.NEVER;
      }
      return `${match[1]}T${match[2]}`;
    });
}

export function localDateTimeToUtc(value: string): Date {
  return parisLocalToUtc(value.slice(0, 10), value.slice(11, 16));
}

const kindKeys = Object.keys(EVENT_KINDS) as [keyof typeof EVENT_KINDS, ...(keyof typeof EVENT_KINDS)[]];

export const eventSchema = z
  .object({
    kind: z.enum(kindKeys, {
      errorMap: () => ({
        message: "Choisissez le type d'événement : salon inversé, webinaire ou réunion d'information.",
      }),
    }),
    title: requiredText("Donnez un titre à l'événement.", {
      min: 5,
      max: 150,
      minMessage: "Le titre doit compter au moins 5 caractères.",
    }),
    description: requiredText("Décrivez l'événement en quelques phrases.", {
      min: 20,
      max: 5_000,
      minMessage:
        "Décrivez l'événement en quelques phrases (au moins 20 caractères) : pour qui, pour quoi, comment il se déroule.",
    }),
    departement: departementSchema(
      "Choisissez le département où l'événement a lieu (celui de votre organisation pour un événement en ligne).",
    ),
    location: optionalText(300),
    onlineUrl: z
      .string()
      .trim()
      .max(500, "Pas plus de 500 caractères.")
      .url("Indiquez une adresse complète, qui commence par https://")
      .refine((value) => /^https?:\/\//i.test(value), "Indiquez une adresse complète, qui commence par https://")
      .optional(),
    coHostOrganizationId: z.string().trim().max(40).optional(),
    date: isoDateField("Indiquez le jour de l'événement."),
    dateJustification: optionalText(2_000),
    startTime: timeField("Indiquez l'heure de début."),
    endTime: timeField("Indiquez l'heure de fin."),
    registrationDeadline: localDateTimeField("Indiquez jusqu'à quand les entreprises peuvent s'inscrire ou réserver."),
    cancellationCutoff: localDateTimeField("Indiquez jusqu'à quand une entreprise peut annuler.").optional(),
    capacity: z
      .number({ invalid_type_error: "Indiquez un nombre de places, par exemple 100." })
      .int("Indiquez un nombre entier de places.")
      .min(1, "Au moins 1 place.")
      .max(10_000, "Au plus 10 000 places.")
      .optional(),
    plannedProcurementIds: z.array(z.string().trim().max(40)).max(50, "Liez au plus 50 achats.").default([]),
  })
  .superRefine((value, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (minutesOf(value.endTime) <= minutesOf(value.startTime))
      issue("endTime", "L'heure de fin doit venir après l'heure de début.");
    if (value.kind === "reverse_fair" && !value.location)
      issue("location", "Un salon inversé a lieu dans une salle : indiquez son adresse.");
    if (value.kind === "webinar" && !value.onlineUrl)
      issue(
        "onlineUrl",
        "Un webinaire a lieu en ligne : indiquez le lien de connexion (il ne sera envoyé qu'aux inscrits).",
      );
    if (value.kind === "info_meeting" && !value.location && !value.onlineUrl)
      issue("location", "Indiquez l'adresse de la réunion, ou un lien de connexion si elle a lieu en ligne.");
    if (hasRegistrations(value.kind) && !value.capacity)
      issue("capacity", "Indiquez le nombre de places : les inscriptions au-delà vont en liste d'attente.");
    const startsAt = parisLocalToUtc(value.date, value.startTime);
    if (localDateTimeToUtc(value.registrationDeadline) > startsAt)
      issue("registrationDeadline", "Les inscriptions doivent se clore avant le début de l'événement.");
    if (value.cancellationCutoff && localDateTimeToUtc(value.cancellationCutoff) > startsAt) {
      issue("cancellationCutoff", "La limite d'annulation doit venir avant le début de l'événement.");
    }
  });

export type EventInput = z.infer<typeof eventSchema>;

export const standSchema = z
  .object({
    organizationId: z
      .string({ required_error: "Choisissez l'acheteur qui tient ce stand." })
      .trim()
      .min(1, "Choisissez l'acheteur qui tient ce stand.")
      .max(40),
    name: requiredText("Donnez un nom au stand.", {
      min: 3,
      max: 120,
      minMessage: "Le nom du stand doit compter au moins 3 caractères.",
    }),
    needs: requiredText("Présentez les besoins de ce stand en quelques phrases.", {
      min: 20,
      max: 3_000,
      minMessage:
        "Présentez les besoins en quelques phrases (au moins 20 caractères) : ce que l'acheteur veut découvrir ou acheter.",
    }),
    opensAt: timeField("Indiquez l'heure d'ouverture du stand."),
    closesAt: timeField("Indiquez l'heure de fermeture du stand."),
    slotMinutes: z.coerce
      .number({ invalid_type_error: "Un créneau dure 15, 20 ou 30 minutes." })
      .refine((value) => (SLOT_LENGTHS as readonly number[]).includes(value), "Un créneau dure 15, 20 ou 30 minutes."),
    breaks: z
      .string()
      .trim()
      .max(300, "Pas plus de 300 caractères.")
      .optional()
      .transform((value, context) => {
        const parsed = parseBreaks(value);
        if (!parsed) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: "Écrivez les pauses comme 10:30-10:45, séparées par des virgules.",
          });
          return z.NEVER;
        }
        return parsed;
      }),
    plannedProcurementIds: z.array(z.string().trim().max(40)).max(30, "Liez au plus 30 achats.").default([]),
  })
  .superRefine((value, context) => {
    for (const problem of checkOpeningHours({
      opensAt: value.opensAt,
      closesAt: value.closesAt,
      slotMinutes: value.slotMinutes,
      breaks: value.breaks,
    })) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: [problem.field], message: problem.message });
    }
  });

export type StandInput = z.infer<typeof standSchema>;
