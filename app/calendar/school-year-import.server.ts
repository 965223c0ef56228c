// School-year import, the database side: preview what an imported file would add or change, then
// save it in one transaction. The rows come back from the preview page in a hidden field, so they
// are validated again here (importedRowsSchema) and never trusted as they are.
import { z } from "zod";
import { db, write } from "~/db/db.server";
import { SCHOOL_ZONES } from "~/territory/departements";
import { invalidateCalendarCache } from "./calendar.server";
import { daysBetween, isIsoDate } from "./dates";
import type { ParsedHoliday, SchoolFileFormat } from "./school-year-import";

/** Confidence given to rows imported from the ministry's own files. */
export const IMPORTED_CONFIDENCE = "confirmed";

const isoDate = z.string().refine(isIsoDate, "Date invalide.");

export const importedRowSchema = z
  .object({
    schoolYear: z
      .string()
      .regex(/^\d{4}-\d{4}$/, "Année scolaire invalide.")
      .refine((year) => Number(year.slice(5)) === Number(year.slice(0, 4)) + 1, "Année scolaire invalide."),
    zone: z.enum(SCHOOL_ZONES),
    period: z.string().trim().min(3).max(80),
    firstDayOff: isoDate,
    classesResume: isoDate,
  })
  .strict()
  .refine(
    (row) => row.classesResume > row.firstDayOff && daysBetween(row.firstDayOff, row.classesResume) <= 100,
    "Dates de vacances incohérentes.",
  );

export const importedRowsSchema = z
  .array(importedRowSchema)
  .min(1, "Aucune période à enregistrer.")
  .max(2_000, "Trop de périodes dans un seul import.")
  .refine(
    (rows) => new Set(rows.map((row) => `${row.zone}|${row.schoolYear}|${row.period}`)).size === rows.length,
    "Une période figure deux fois.",
  );

/** Parses the hidden field of the preview form; null when it was tampered with or is unreadable. */
export function parseImportedRowsField(value: unknown): ParsedHoliday[] | null {
  if (typeof value !== "string" || value.length > 500_000) return null;
  try {
    const parsed = importedRowsSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type PreviewStatus = "new" | "changed" | "confirmed" | "unchanged";

export interface PreviewRow extends ParsedHoliday {
  status: PreviewStatus;
  previous: { firstDayOff: string; classesResume: string; confidence: string; source: string } | null;
}

export interface ImportPreview {
  rows: PreviewRow[];
  counts: Record<PreviewStatus, number>;
}

function keyOf(row: { zone: string; schoolYear: string; period: string }) {
  return `${row.zone}|${row.schoolYear}|${row.period}`;
}

async function existingRows(rows: readonly ParsedHoliday[]) {
  const years = [...new Set(rows.map((row) => row.schoolYear))];
  const zones = [...new Set(rows.map((row) => row.zone))];
  const found = await db.schoolHoliday.findMany({ where: { schoolYear: { in: years }, zone: { in: zones } } });
  return new Map(found.map((row) => [keyOf(row), row]));
}

function statusOf(
  row: ParsedHoliday,
  previous: { firstDayOff: string; classesResume: string; confidence: string } | undefined,
): PreviewStatus {
  if (!previous) return "new";
  if (previous.firstDayOff !== row.firstDayOff || previous.classesResume !== row.classesResume) return "changed";
  return previous.confidence === IMPORTED_CONFIDENCE ? "unchanged" : "confirmed";
}

/** What saving these rows would do, row by row, compared with the database. */
export async function previewSchoolYearImport(rows: readonly ParsedHoliday[]): Promise<ImportPreview> {
  const existing = await existingRows(rows);
  const counts: Record<PreviewStatus, number> = { new: 0, changed: 0, confirmed: 0, unchanged: 0 };
  const previewRows = rows.map((row): PreviewRow => {
    const previous = existing.get(keyOf(row));
    const status = statusOf(row, previous);
    counts[status]++;
    return {
      ...row,
      status,
      previous: previous
        ? {
            firstDayOff: previous.firstDayOff,
            classesResume: previous.classesResume,
            confidence: previous.confidence,
            source: previous.source,
          }
        : null,
    };
  });
  return { rows: previewRows, counts };
}

export function importSource(format: SchoolFileFormat, fileName: string): string {
  const safeName = fileName.replace(/[^\p{L}\p{N}._ -]/gu, "").slice(0, 120) || "fichier";
  return `import-${format}:${safeName}`;
}

/**
 * Saves imported rows in one transaction: a new (zone, school year, period) is created, an
 * existing one gets the imported dates and "confirmed"; rows already identical are left alone,
 * so importing the same file twice changes nothing the second time.
 */
export async function saveSchoolYearImport(
  rows: readonly ParsedHoliday[],
  source: string,
): Promise<Record<"created" | "updated" | "unchanged", number>> {
  const valid = importedRowsSchema.parse(rows);
  const result = await write(async (tx) => {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const row of valid) {
      const where = { zone_schoolYear_period: { zone: row.zone, schoolYear: row.schoolYear, period: row.period } };
      const previous = await tx.schoolHoliday.findUnique({ where });
      const status = statusOf(row, previous ?? undefined);
      if (status === "unchanged") {
        counts.unchanged++;
        continue;
      }
      const data = {
        firstDayOff: row.firstDayOff,
        classesResume: row.classesResume,
        confidence: IMPORTED_CONFIDENCE,
        source,
        importedAt: new Date(),
      };
      await tx.schoolHoliday.upsert({ where, create: { ...row, ...data }, update: data });
      if (previous) counts.updated++;
      else counts.created++;
    }
    return counts;
  });
  invalidateCalendarCache();
  return result;
}
