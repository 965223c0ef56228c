// Forms of the follow-up page (/acheteur/evenements/:id/suivi): attendance, notes (and their
// corrections), materials.
import { z } from "zod";
import { GUARD_JUSTIFICATION_MIN_LENGTH } from "~/price-guard/price-guard";

export const ATTENDANCE_VALUES = ["present", "absent"] as const;
export type AttendanceValue = (typeof ATTENDANCE_VALUES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceValue, string> = { present: "Présent", absent: "Absent" };

export const MATERIAL_KINDS = ["slides", "recording", "document"] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  slides: "Présentation (diaporama)",
  recording: "Enregistrement vidéo",
  document: "Document",
};

export const NOTE_MAX_LENGTH = 10_000;

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

export const noteSchema = z.object({
  intent: z.literal("note"),
  /** The slot the note is about (reverse fair); empty for a note of the whole meeting. */
  slotId: optionalId,
  /** The note this one corrects (the original keeps its place; the correction is a new record). */
  correctsNoteId: optionalId,
  body: z
    .string({ required_error: "Écrivez le compte rendu." })
    .trim()
    .min(10, "Le compte rendu est trop court : 10 caractères au moins.")
    .max(NOTE_MAX_LENGTH, `Le compte rendu est trop long : ${NOTE_MAX_LENGTH} caractères au plus.`),
  guardJustification: z
    .string()
    .trim()
    .max(2_000, "La justification est trop longue : 2 000 caractères au plus.")
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type NoteInput = z.infer<typeof noteSchema>;

export const materialSchema = z.object({
  intent: z.literal("material"),
  kind: z.enum(MATERIAL_KINDS, { errorMap: () => ({ message: "Choisissez le type de support." }) }),
  title: z
    .string({ required_error: "Donnez un titre au support." })
    .trim()
    .min(3, "Le titre est trop court : 3 caractères au moins.")
    .max(200, "Le titre est trop long : 200 caractères au plus."),
  url: z
    .string({ required_error: "Indiquez l’adresse du support." })
    .trim()
    .url("Indiquez une adresse complète, qui commence par https://")
    .refine((value) => /^https?:\/\//i.test(value), "Indiquez une adresse web, qui commence par https://")
    .refine((value) => value.length <= 2_000, "L’adresse est trop longue."),
});
export type MaterialInput = z.infer<typeof materialSchema>;

/** Attendance fields are named `presence:<booking|registration>:<id>`, one per person. */
export const attendanceEntrySchema = z.object({
  target: z.enum(["booking", "registration"]),
  id: z.string().min(1),
  attendance: z.enum(ATTENDANCE_VALUES, { errorMap: () => ({ message: "Indiquez « Présent » ou « Absent »." }) }),
});
export type AttendanceEntry = z.infer<typeof attendanceEntrySchema>;

export const ATTENDANCE_FIELD_PREFIX = "presence:";

export function attendanceFieldName(target: "booking" | "registration", id: string): string {
  return `${ATTENDANCE_FIELD_PREFIX}${target}:${id}`;
}

/** Reads the attendance fields of a form; an unset radio ("") is skipped. Invalid entries make it fail. */
export function parseAttendanceForm(
  formData: FormData,
): { ok: true; entries: AttendanceEntry[] } | { ok: false; message: string } {
  const entries: AttendanceEntry[] = [];
  for (const [name, value] of formData.entries()) {
    if (!name.startsWith(ATTENDANCE_FIELD_PREFIX) || value === "") continue;
    const [target, id] = name.slice(ATTENDANCE_FIELD_PREFIX.length).split(":");
    const parsed = attendanceEntrySchema.safeParse({ target, id, attendance: value });
    if (!parsed.success)
      return {
        ok: false,
        message: "Une des présences indiquées n’est pas valable : rechargez la page et recommencez.",
      };
    entries.push(parsed.data);
  }
  if (entries.length === 0) return { ok: false, message: "Indiquez au moins une présence ou une absence." };
  return { ok: true, entries };
}

export { GUARD_JUSTIFICATION_MIN_LENGTH };
