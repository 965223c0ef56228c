// The public forward plan's filters (pure): one Zod schema per query-string parameter of /plan,
// /plan/calendrier and the feeds (/plan.ics, /plan.csv, /plan.ocds.json).
//
// A bad value never fails the request: it is dropped and explained in a French notice, so that a
// mistyped or outdated link still shows the plan (with fewer filters) instead of an error page.
import { z } from "zod";
import { departementLabel, departementSchema, type DepartementCode } from "~/territory/departements";
import { findRegion, isRegionCode, type RegionCode } from "~/territory/regions";
import { cpvDivisionLabel, isCpvDivision } from "./cpv";
import { CATEGORIES, parseSemesterKey, semesterKey, semesterLabel, type Category, type Semester } from "./vocabulary";

export const PAGE_SIZE = 25;
/** Far beyond any real plan; keeps OFFSET bounded. */
export const MAX_PAGE = 10_000;

export { cpvDivisionLabel };

export const CONSIDERATIONS = {
  environnementale: "Avec une considération environnementale",
  sociale: "Avec une considération sociale",
} as const;
export type Consideration = keyof typeof CONSIDERATIONS;

export const SORTS = {
  date: "Date de publication prévue",
  titre: "Intitulé",
  acheteur: "Acheteur",
} as const;
export type Sort = keyof typeof SORTS;
export type Order = "asc" | "desc";

export interface PlanFilters {
  semestre?: Semester;
  departement?: DepartementCode;
  region?: RegionCode;
  /** A buyer's slug. Whether it exists is checked against the database (public.server.ts). */
  acheteur?: string;
  categorie?: Category;
  /** CPV division, two digits. */
  cpv?: string;
  /** Only reserved contracts (ESS, SIAE, disability). */
  reserve: boolean;
  consideration?: Consideration;
  tri: Sort;
  ordre: Order;
  page: number;
}

export const DEFAULT_FILTERS: PlanFilters = { reserve: false, tri: "date", ordre: "asc", page: 1 };

// ---- one schema per parameter --------------------------------------------------------------

const semestreSchema = z
  .string()
  .trim()
  .toUpperCase()
  .transform((value, context) => {
    const semester = parseSemesterKey(value);
    if (!semester || semester.year < 2000 || semester.year > 2100) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: "le semestre s'écrit comme 2027-S1 (janvier à juin) ou 2027-S2 (juillet à décembre)",
      });
      return z.NEVER;
    }
    return semester;
  });

const regionSchema = z
  .string()
  .trim()
  .refine(isRegionCode, {
    message: "cette région n'existe pas (code INSEE attendu, par exemple 84 pour Auvergne-Rhône-Alpes)",
  })
  .transform((value) => value);

const acheteurSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "l'identifiant d'un acheteur ne contient que des lettres sans accent, des chiffres et des tirets",
  })
  .max(100, { message: "l'identifiant d'un acheteur fait au plus 100 caractères" });

const categorieSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value): value is Category => value in CATEGORIES, {
    message: "catégorie attendue : travaux, fournitures ou services",
  })
  .transform((value) => value);

const cpvSchema = z
  .string()
  .trim()
  .regex(/^\d{2}$/, {
    message:
      "une division CPV s'écrit avec les deux premiers chiffres du code, par exemple 45 pour les travaux de construction",
  })
  .refine(isCpvDivision, { message: "cette division CPV n'existe pas" });

const reserveSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ["1", "0", "oui", "non", "true", "false", "on"].includes(value), {
    message: "valeur attendue : oui ou non",
  })
  .transform((value) => ["1", "oui", "true", "on"].includes(value));

const considerationSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value): value is Consideration => value in CONSIDERATIONS, {
    message: "valeur attendue : environnementale ou sociale",
  })
  .transform((value) => value);

const triSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value): value is Sort => value in SORTS, { message: "tri attendu : date, titre ou acheteur" })
  .transform((value) => value);

const ordreSchema = z.enum(["asc", "desc"], {
  errorMap: () => ({ message: "ordre attendu : asc (croissant) ou desc (décroissant)" }),
});

const pageSchema = z.coerce
  .number({ invalid_type_error: "le numéro de page doit être un nombre entier" })
  .int({ message: "le numéro de page doit être un nombre entier" })
  .min(1, { message: "le numéro de page commence à 1" })
  .max(MAX_PAGE, { message: `le numéro de page ne dépasse pas ${MAX_PAGE}` });

/** The parameters, their French names (for notices) and their schemas. */
const PARAMETERS = {
  semestre: { label: "Semestre", schema: semestreSchema },
  departement: { label: "Département", schema: departementSchema("ce département n'existe pas") },
  region: { label: "Région", schema: regionSchema },
  acheteur: { label: "Acheteur", schema: acheteurSchema },
  categorie: { label: "Catégorie", schema: categorieSchema },
  cpv: { label: "Division CPV", schema: cpvSchema },
  reserve: { label: "Marchés réservés", schema: reserveSchema },
  consideration: { label: "Considération", schema: considerationSchema },
  tri: { label: "Tri", schema: triSchema },
  ordre: { label: "Ordre", schema: ordreSchema },
  page: { label: "Page", schema: pageSchema },
} as const;

export type FilterParameter = keyof typeof PARAMETERS;
export const FILTER_PARAMETERS = Object.keys(PARAMETERS) as FilterParameter[];

/** /plan/calendrier's month ("2027-03"), on top of the filters. */
export const CALENDAR_MONTH_PARAMETER = "mois";

/** Whole query-string schema: each parameter optional, as a string. */
export const planQuerySchema = z.object(
  Object.fromEntries(FILTER_PARAMETERS.map((name) => [name, PARAMETERS[name].schema.optional()])) as {
    [K in FilterParameter]: z.ZodOptional<(typeof PARAMETERS)[K]["schema"]>;
  },
);

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

export interface ParsedFilters {
  filters: PlanFilters;
  /** French explanations of the values that were ignored. */
  notices: string[];
}

/**
 * Reads the filters from a query string. Unknown parameters are ignored silently (tracking
 * parameters and the like); empty values mean "no filter" (an empty select of the GET form);
 * invalid values are ignored with a notice.
 */
export function parsePlanFilters(input: URLSearchParams | string): ParsedFilters {
  const params = typeof input === "string" ? new URLSearchParams(input) : input;
  const filters: PlanFilters = { ...DEFAULT_FILTERS };
  const notices: string[] = [];
  const target = filters as unknown as Record<string, unknown>;
  for (const name of FILTER_PARAMETERS) {
    const values = params.getAll(name).filter((value) => value.trim() !== "");
    if (values.length === 0) continue;
    // A checkbox plus a hidden field may send the parameter twice: the last value wins.
    const raw = values[values.length - 1]!;
    const { label, schema } = PARAMETERS[name];
    const result = (schema as z.ZodTypeAny).safeParse(raw);
    if (result.success) {
      target[name] = result.data;
    } else {
      const message = result.error.issues[0]?.message ?? "valeur non reconnue";
      notices.push(`${label} « ${truncate(raw)} » ignoré : ${message}.`);
    }
  }
  if (
    filters.departement &&
    filters.region &&
    !findRegion(filters.region)?.departements.some((code) => code === filters.departement)
  ) {
    notices.push(
      `Le département ${departementLabel(filters.departement)} n'appartient pas à la région ${findRegion(filters.region)?.name ?? filters.region} : aucun achat ne peut correspondre aux deux.`,
    );
  }
  return { filters, notices };
}

/** Filters that select items (everything except sorting and pagination). */
export type SelectionFilters = Omit<PlanFilters, "tri" | "ordre" | "page">;

/**
 * The query string of these filters, canonical (fixed order, defaults left out), with optional
 * changes. `only: "selection"` drops sorting and pagination (feed links, ETags).
 */
export function filtersToSearchParams(
  filters: PlanFilters | SelectionFilters,
  changes: Partial<PlanFilters> = {},
  options: { only?: "selection" } = {},
): URLSearchParams {
  const merged = { ...DEFAULT_FILTERS, ...filters, ...changes };
  const params = new URLSearchParams();
  if (merged.semestre) params.set("semestre", semesterKey(merged.semestre));
  if (merged.region) params.set("region", merged.region);
  if (merged.departement) params.set("departement", merged.departement);
  if (merged.acheteur) params.set("acheteur", merged.acheteur);
  if (merged.categorie) params.set("categorie", merged.categorie);
  if (merged.cpv) params.set("cpv", merged.cpv);
  if (merged.reserve) params.set("reserve", "1");
  if (merged.consideration) params.set("consideration", merged.consideration);
  if (options.only !== "selection") {
    if (merged.tri !== "date") params.set("tri", merged.tri);
    if (merged.ordre !== "asc") params.set("ordre", merged.ordre);
    if (merged.page > 1) params.set("page", String(merged.page));
  }
  return params;
}

/** "?semestre=2027-S1&cpv=45" or "" when there is nothing to add. */
export function planSearch(
  filters: PlanFilters | SelectionFilters,
  changes: Partial<PlanFilters> = {},
  options: { only?: "selection" } = {},
): string {
  const query = filtersToSearchParams(filters, changes, options).toString();
  return query ? `?${query}` : "";
}

/** Whether any selection filter is set. */
export function hasSelection(filters: PlanFilters | SelectionFilters): boolean {
  return filtersToSearchParams(filters, {}, { only: "selection" }).size > 0;
}

/** Short French descriptions of the active selection filters ("1er semestre 2027", "Travaux"...). */
export function describeSelection(filters: PlanFilters | SelectionFilters, buyerName?: string | null): string[] {
  const parts: string[] = [];
  if (filters.semestre) parts.push(semesterLabel(filters.semestre));
  if (filters.region) parts.push(`Région ${findRegion(filters.region)?.name ?? filters.region}`);
  if (filters.departement) parts.push(`Département ${departementLabel(filters.departement)}`);
  if (filters.acheteur) parts.push(`Acheteur : ${buyerName ?? filters.acheteur}`);
  if (filters.categorie) parts.push(CATEGORIES[filters.categorie]);
  if (filters.cpv) parts.push(`CPV ${cpvDivisionLabel(filters.cpv)}`);
  if (filters.reserve) parts.push("Marchés réservés uniquement");
  if (filters.consideration) parts.push(CONSIDERATIONS[filters.consideration]);
  return parts;
}
