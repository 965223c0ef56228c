// Parsing of the Ministry of National Education's school calendar files (pure: no I/O).
// Formats (see app/calendar/data/PROVENANCE.md and the shared data README):
// - ICS, one file per zone: all-day VEVENTs, DTSTART = first day off, DTEND = day classes resume
//   (exclusive end), SUMMARY "Vacances de Noël - Zone B". UIDs change on every export: ignored.
//   A "Début des Vacances d'Été" with DTSTART = DTEND (next year not published) is skipped.
// - JSON or CSV export of the open-data set "fr-en-calendrier-scolaire": one row per académie
//   (deduplicated on zone, school year and period), `population` "Enseignants" rows ignored,
//   timestamps that are Paris midnight written in UTC converted through Europe/Paris.
// Every message is in French, for the administrator who uploaded the file.
import ICAL from "ical.js";
import { SCHOOL_ZONES, type SchoolZone } from "~/territory/departements";
import { addDays, daysBetween, instantToParisDate, isIsoDate } from "./dates";

export interface ParsedHoliday {
  schoolYear: string;
  zone: SchoolZone;
  period: string;
  firstDayOff: string;
  /** The day classes resume (exclusive end of the holiday). */
  classesResume: string;
}

export type SchoolFileFormat = "ics" | "json" | "csv";

export type ParseResult =
  { ok: true; format: SchoolFileFormat; rows: ParsedHoliday[]; warnings: string[] } | { ok: false; message: string };

/** Largest file accepted: the open-data export of one or two school years is far smaller, and the server refuses bodies over 1 MB. */
export const MAX_SCHOOL_FILE_BYTES = 900_000;
/** A school holiday lasts at most this many days (summer holidays are about 60). */
const MAX_HOLIDAY_DAYS = 100;

const NOT_A_SCHOOL_CALENDAR = "Ce fichier ne ressemble pas au calendrier scolaire du ministère";

function refuse(detail: string): { ok: false; message: string } {
  return { ok: false, message: `${NOT_A_SCHOOL_CALENDAR} : ${detail}` };
}

// ---- normalisation ------------------------------------------------------------------------------

/** Lower case, no accents, no apostrophes or punctuation: "Vacances d’Été" → "vacances d ete". */
function simplify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const CANONICAL_PERIODS: [RegExp, string][] = [
  [/\btoussaint\b/, "Vacances de la Toussaint"],
  [/\bnoel\b/, "Vacances de Noël"],
  [/\bhiver\b/, "Vacances d'Hiver"],
  [/\bprintemps\b/, "Vacances de Printemps"],
  [/\bascension\b/, "Pont de l'Ascension"],
  [/\bete\b/, "Vacances d'Été"],
  [/\bcarnaval\b/, "Vacances de Carnaval"],
];

/**
 * The period named by a description, with the reference data's spelling ("Début des Vacances
 * d'Été" → "Vacances d'Été"); null for what is not a holiday ("Rentrée scolaire des élèves").
 */
export function normalizePeriod(description: string): string | null {
  const simple = simplify(description);
  if (!simple || /\brentree\b/.test(simple)) return null;
  for (const [pattern, name] of CANONICAL_PERIODS) if (pattern.test(simple)) return name;
  if (/\b(vacances|pont|conges)\b/.test(simple)) return description.replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
  return null;
}

const ZONES_BY_SIMPLE = new Map<string, SchoolZone>([
  ...SCHOOL_ZONES.map((zone) => [simplify(zone.length === 1 ? `zone ${zone}` : zone), zone] as [string, SchoolZone]),
  ["la reunion", "Réunion"],
]);

/** "Zone A" → "A", "Corse" → "Corse", "La Réunion" → "Réunion"; null for a zone Amont does not cover. */
export function normalizeZone(text: string): SchoolZone | null {
  return ZONES_BY_SIMPLE.get(simplify(text)) ?? null;
}

/** School year of a holiday from its first day: August to December → "Y-(Y+1)", else "(Y-1)-Y". */
export function schoolYearOf(firstDayOff: string): string {
  const year = Number(firstDayOff.slice(0, 4));
  const month = Number(firstDayOff.slice(5, 7));
  return month >= 8 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/**
 * A date from the open-data export: an instant with an offset or Z ("2025-12-19T23:00:00+00:00"
 * is 20 December 2025 in Paris) is converted through Europe/Paris; a plain date or a local
 * date-time without offset is a Paris calendar day already; "20/12/2025" is accepted too.
 */
export function parisDateOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isIsoDate(text) ? text : null;
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (french) {
    const iso = `${french[3]}-${french[2]}-${french[1]}`;
    return isIsoDate(iso) ? iso : null;
  }
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!dateTime) return null;
  if (!dateTime[4]) return isIsoDate(dateTime[1]) ? dateTime[1] : null;
  const instant = new Date(text.replace(" ", "T"));
  return Number.isNaN(instant.getTime()) ? null : instantToParisDate(instant);
}

// ---- collecting rows ----------------------------------------------------------------------------

interface Candidate {
  zone: SchoolZone;
  period: string;
  schoolYear: string | null;
  firstDayOff: string;
  classesResume: string;
  /** Where the row came from, for warnings: "ligne 12", "événement 3". */
  origin: string;
}

class Collector {
  readonly warnings: string[] = [];
  readonly #groups = new Map<string, Candidate[]>();
  readonly #ignoredZones = new Set<string>();
  #ignoredTeachers = 0;
  #ignoredNotHoliday = new Set<string>();
  #placeholders = new Set<string>();

  ignoreZone(zone: string) {
    this.#ignoredZones.add(zone.trim() || "(vide)");
  }
  ignoreTeachers() {
    this.#ignoredTeachers++;
  }
  ignoreNotHoliday(description: string) {
    this.#ignoredNotHoliday.add(description.trim() || "(vide)");
  }
  warn(message: string) {
    this.warnings.push(message);
  }

  add(candidate: Candidate) {
    const { firstDayOff, classesResume, period, zone, origin } = candidate;
    if (firstDayOff < "2000-01-01" || firstDayOff > "2099-12-31") {
      this.warn(`${origin} : date ${firstDayOff} hors des années 2000 à 2099, ignorée.`);
      return;
    }
    if (classesResume <= firstDayOff) {
      // The ministry's placeholder for a summer whose end is not published yet.
      this.#placeholders.add(`${period} (${zoneName(zone)}, à partir du ${frenchDate(firstDayOff)})`);
      return;
    }
    if (daysBetween(firstDayOff, classesResume) > MAX_HOLIDAY_DAYS) {
      this.warn(`${origin} : ${period} (${zoneName(zone)}) durerait plus de ${MAX_HOLIDAY_DAYS} jours, ignorée.`);
      return;
    }
    const schoolYear = candidate.schoolYear ?? schoolYearOf(firstDayOff);
    const key = `${zone}|${schoolYear}|${period}`;
    const group = this.#groups.get(key);
    if (group) group.push({ ...candidate, schoolYear });
    else this.#groups.set(key, [{ ...candidate, schoolYear }]);
  }

  finish(): { rows: ParsedHoliday[]; warnings: string[] } {
    const rows: ParsedHoliday[] = [];
    for (const group of this.#groups.values()) {
      // One row per académie: they agree, except in rare cases where the most common dates win.
      const votes = new Map<string, { candidate: Candidate; count: number }>();
      for (const candidate of group) {
        const key = `${candidate.firstDayOff}|${candidate.classesResume}`;
        const vote = votes.get(key);
        if (vote) vote.count++;
        else votes.set(key, { candidate, count: 1 });
      }
      const ranked = [...votes.values()].sort((a, b) => b.count - a.count);
      const chosen = ranked[0]!.candidate;
      if (ranked.length > 1) {
        this.warn(
          `${chosen.period} ${chosen.schoolYear} (${zoneName(chosen.zone)}) : les académies ne donnent pas toutes les mêmes dates ; ` +
            `les dates les plus fréquentes sont retenues (du ${frenchDate(chosen.firstDayOff)} à la reprise du ${frenchDate(chosen.classesResume)}).`,
        );
      }
      rows.push({
        schoolYear: chosen.schoolYear!,
        zone: chosen.zone,
        period: chosen.period,
        firstDayOff: chosen.firstDayOff,
        classesResume: chosen.classesResume,
      });
    }
    rows.sort(
      (a, b) =>
        a.schoolYear.localeCompare(b.schoolYear) ||
        SCHOOL_ZONES.indexOf(a.zone) - SCHOOL_ZONES.indexOf(b.zone) ||
        a.firstDayOff.localeCompare(b.firstDayOff),
    );
    const notes: string[] = [];
    for (const placeholder of this.#placeholders) {
      notes.push(
        `${placeholder} : la date de reprise n'est pas encore publiée, cette période n'est pas importée. Importez à nouveau le fichier quand le ministère l'aura complétée.`,
      );
    }
    if (this.#ignoredTeachers > 0) {
      const many = this.#ignoredTeachers > 1;
      notes.push(
        `${this.#ignoredTeachers} ligne${many ? "s" : ""} concernant les enseignants ${many ? "ont été ignorées" : "a été ignorée"} : seules comptent les vacances des élèves.`,
      );
    }
    if (this.#ignoredNotHoliday.size > 0)
      notes.push(
        `Ignoré car ce ne sont pas des vacances : ${[...this.#ignoredNotHoliday].map((d) => `« ${d} »`).join(", ")}.`,
      );
    if (this.#ignoredZones.size > 0)
      notes.push(`Zones non couvertes par Amont, ignorées : ${[...this.#ignoredZones].join(", ")}.`);
    return { rows, warnings: [...notes, ...this.warnings] };
  }
}

function zoneName(zone: SchoolZone): string {
  return zone.length === 1 ? `zone ${zone}` : zone;
}

function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// ---- entry point ----------------------------------------------------------------------------------

/** Parses an uploaded school calendar (ICS, JSON or CSV, recognised by its content). */
export function parseSchoolCalendarFile(name: string, content: string): ParseResult {
  if (content.length > MAX_SCHOOL_FILE_BYTES)
    return {
      ok: false,
      message:
        "Le fichier est trop volumineux (900 Ko au plus). Sur data.education.gouv.fr, filtrez une ou deux années scolaires avant d'exporter.",
    };
  const text = content.replace(/^\uFEFF/, "");
  if (!text.trim()) return { ok: false, message: "Le fichier est vide." };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4_000)))
    return refuse(
      "c'est un fichier binaire (PDF, tableur, image…). Envoyez le fichier ICS, JSON ou CSV tel que téléchargé.",
    );
  const start = text.trimStart();
  let result: ParseResult;
  if (/^BEGIN:VCALENDAR/i.test(start)) result = parseIcs(name, text);
  else if (start.startsWith("[") || start.startsWith("{")) result = parseJson(text);
  else if (/\.ics$/i.test(name))
    return refuse("le fichier porte l'extension .ics mais ne commence pas par BEGIN:VCALENDAR.");
  else if (/\.json$/i.test(name)) return refuse("le fichier porte l'extension .json mais ne contient pas de JSON.");
  else result = parseCsv(text);
  if (result.ok && result.rows.length === 0) {
    const why = result.warnings.length > 0 ? ` (${result.warnings.join(" ")})` : "";
    return refuse(`aucune période de vacances scolaires n'y a été trouvée${why}.`);
  }
  return result;
}

// ---- ICS ----------------------------------------------------------------------------------------

function icsDate(value: unknown): string | null {
  if (!(value instanceof ICAL.Time)) return null;
  // An instant in UTC ("…T230000Z"): converted through Europe/Paris.
  if (!value.isDate && value.zone === ICAL.Timezone.utcTimezone) return instantToParisDate(value.toJSDate());
  // An all-day date, or a wall-clock time (floating or with a TZID): a Paris calendar day already.
  const iso = `${String(value.year).padStart(4, "0")}-${String(value.month).padStart(2, "0")}-${String(value.day).padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

function zoneFromText(text: string | null | undefined): SchoolZone | null {
  if (!text) return null;
  const simple = simplify(text);
  const zone = /\bzone ([abc])\b/.exec(simple);
  if (zone) return zone[1]!.toUpperCase() as SchoolZone;
  for (const candidate of SCHOOL_ZONES)
    if (candidate.length > 1 && new RegExp(`\\b${simplify(candidate)}\\b`).test(simple)) return candidate;
  return null;
}

function parseIcs(name: string, text: string): ParseResult {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch {
    return refuse("le fichier ICS est illisible (format iCalendar invalide).");
  }
  const events = calendar.getAllSubcomponents("vevent");
  if (events.length === 0) return refuse("le calendrier ICS ne contient aucun événement.");
  const calendarName = String(calendar.getFirstPropertyValue("x-wr-calname") ?? "");
  const fileZone = zoneFromText(calendarName) ?? zoneFromText(name.replace(/[-_.]/g, " "));
  const collector = new Collector();
  events.forEach((event, index) => {
    const origin = `Événement ${index + 1}`;
    const summary = String(event.getFirstPropertyValue("summary") ?? "").trim();
    const separator = summary.lastIndexOf(" - ");
    const description = separator > 0 ? summary.slice(0, separator) : summary;
    const suffix = separator > 0 ? summary.slice(separator + 3) : "";
    const period = normalizePeriod(description);
    if (!period) {
      collector.ignoreNotHoliday(summary);
      return;
    }
    const zone = (suffix ? (normalizeZone(suffix) ?? zoneFromText(suffix)) : null) ?? fileZone;
    if (!zone) {
      if (suffix) collector.ignoreZone(suffix);
      else
        collector.warn(
          `${origin} (« ${summary} ») : zone introuvable (ni dans le titre, ni dans le nom du calendrier ou du fichier), ignoré.`,
        );
      return;
    }
    const firstDayOff = icsDate(event.getFirstPropertyValue("dtstart"));
    const endValue = event.getFirstPropertyValue("dtend");
    const classesResume = endValue === null ? firstDayOff : icsDate(endValue);
    if (!firstDayOff || !classesResume) {
      collector.warn(`${origin} (« ${summary} ») : dates illisibles, ignoré.`);
      return;
    }
    collector.add({ zone, period, schoolYear: null, firstDayOff, classesResume, origin });
  });
  return { ok: true, format: "ics", ...collector.finish() };
}

// ---- JSON and CSV export of the open-data set ------------------------------------------------------

type Field = "description" | "population" | "start_date" | "end_date" | "zones" | "annee_scolaire" | "location";

const FIELD_ALIASES: Record<Field, string[]> = {
  description: ["description"],
  population: ["population"],
  start_date: ["start date", "date de debut", "debut"],
  end_date: ["end date", "date de fin", "fin"],
  zones: ["zones", "zone"],
  annee_scolaire: ["annee scolaire"],
  location: ["location", "academies", "academie"],
};
const REQUIRED_FIELDS: Field[] = ["description", "start_date", "end_date", "zones"];

function fieldOf(header: string): Field | null {
  const simple = simplify(header).replace(/_/g, " ");
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [Field, string[]][])
    if (aliases.includes(simple)) return field;
  return null;
}

function collectRecords(records: Record<string, unknown>[], originOf: (index: number) => string): ParseResult {
  if (records.length === 0) return refuse("il ne contient aucune ligne.");
  const fieldMaps = new Map<string, Field | null>();
  const present = new Set<Field>();
  for (const record of records.slice(0, 50)) {
    for (const key of Object.keys(record)) {
      if (!fieldMaps.has(key)) fieldMaps.set(key, fieldOf(key));
      const field = fieldMaps.get(key);
      if (field) present.add(field);
    }
  }
  const missing = REQUIRED_FIELDS.filter((field) => !present.has(field));
  if (missing.length > 0)
    return refuse(
      `il manque les colonnes ${missing.join(", ")} (attendues : description, population, start_date, end_date, location, zones, annee_scolaire).`,
    );
  const collector = new Collector();
  records.forEach((record, index) => {
    const values: Partial<Record<Field, string>> = {};
    for (const [key, value] of Object.entries(record)) {
      const field = fieldMaps.get(key) ?? fieldOf(key);
      if (field && value !== null && value !== undefined)
        values[field] = typeof value === "string" ? value : String(value);
    }
    const origin = originOf(index);
    if (values.population && simplify(values.population) === "enseignants") {
      collector.ignoreTeachers();
      return;
    }
    const period = normalizePeriod(values.description ?? "");
    if (!period) {
      collector.ignoreNotHoliday(values.description ?? "");
      return;
    }
    const zone = normalizeZone(values.zones ?? "");
    if (!zone) {
      collector.ignoreZone(values.zones ?? "");
      return;
    }
    const firstDayOff = parisDateOf(values.start_date);
    // A missing end: the summer placeholder (next year not published yet).
    const classesResume = values.end_date?.trim() ? parisDateOf(values.end_date) : firstDayOff;
    if (!firstDayOff || !classesResume) {
      collector.warn(
        `${origin} : dates illisibles (« ${values.start_date ?? ""} », « ${values.end_date ?? ""} »), ignorée.`,
      );
      return;
    }
    const declaredYear = values.annee_scolaire?.trim() ?? "";
    const schoolYear =
      /^\d{4}-\d{4}$/.test(declaredYear) && Number(declaredYear.slice(5)) === Number(declaredYear.slice(0, 4)) + 1
        ? declaredYear
        : null;
    collector.add({ zone, period, schoolYear, firstDayOff, classesResume, origin });
  });
  return { ok: true, format: "json", ...collector.finish() };
}

function parseJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse("le fichier JSON est illisible.");
  }
  // The export is an array of records; the API answers { results: [...] } (v2) or { records: [{ fields }] } (v1).
  let list: unknown = data;
  if (list && typeof list === "object" && !Array.isArray(list)) {
    const object = list as Record<string, unknown>;
    list = Array.isArray(object.results) ? object.results : Array.isArray(object.records) ? object.records : null;
  }
  if (!Array.isArray(list)) return refuse("le JSON n'est pas une liste de périodes.");
  const records = list.map((item) => {
    if (!item || typeof item !== "object") return {};
    const record = item as Record<string, unknown>;
    return record.fields && typeof record.fields === "object" ? (record.fields as Record<string, unknown>) : record;
  });
  return collectRecords(records, (index) => `Élément ${index + 1}`);
}

/** Splits CSV text into rows (quoted fields, doubled quotes, CRLF). */
export function parseCsvRows(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === separator) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ""));
}

function parseCsv(text: string): ParseResult {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = [";", "\t", ","]
    .map((candidate) => ({ candidate, count: firstLine.split(candidate).length }))
    .sort((a, b) => b.count - a.count)[0]!;
  if (separator.count < 3)
    return refuse("ce n'est ni un fichier ICS, ni un JSON, ni un CSV à colonnes (séparateur « ; »).");
  const [header, ...lines] = parseCsvRows(text, separator.candidate);
  if (!header) return refuse("il ne contient aucune ligne.");
  const records = lines.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""])));
  const result = collectRecords(records, (index) => `Ligne ${index + 2}`);
  return result.ok ? { ...result, format: "csv" } : result;
}

/** The last day of a holiday (the day before classes resume), for display. */
export function lastDayOff(row: Pick<ParsedHoliday, "classesResume">): string {
  return addDays(row.classesResume, -1);
}
