// The alert form (pure): one Zod schema, with French messages that say how to fix the value, and the
// vocabulary of alerts. The same schema runs in the browser (Conform) and on the server.
//
// CPV divisions, départements and keywords are typed as lists ("45, 71"); régions, categories and
// conditions are checkboxes. Every value is checked against the reference lists: a division that
// does not exist, an unknown département or a keyword without a letter is refused with a message
// that names it, and nothing is saved.
import { z } from "zod";
import { cpvDivisionLabel, isCpvDivision, parseCpvCode } from "~/plan/cpv";
import { CATEGORIES, type Category } from "~/plan/vocabulary";
import { departementLabel, isDepartementCode } from "~/territory/departements";
import { findRegion, isRegionCode, REGIONS } from "~/territory/regions";
import { hasAnyCriterion, normalizeText, type AlertCriteria } from "./matching";

export const FREQUENCIES = {
  immediate: "Dès la publication",
  weekly: "Une fois par semaine (le lundi matin)",
} as const;
export type Frequency = keyof typeof FREQUENCIES;

export const FREQUENCY_HINTS: Record<Frequency, string> = {
  immediate: "un courriel à chaque programmation, questionnaire ou événement publié qui correspond",
  weekly: "un récapitulatif des nouveautés de la semaine écoulée",
};

export const EMPTY_WEEK_CHOICES = {
  "short-message": "M'envoyer un court message « rien de nouveau »",
  nothing: "Ne rien m'envoyer",
} as const;
export type EmptyWeekChoice = keyof typeof EMPTY_WEEK_CHOICES;

/** The three checkboxes of "only what…". */
export const CONDITIONS = {
  reserve: "Uniquement les marchés réservés (ESS, insertion, entreprises adaptées)",
  environnementale: "Uniquement avec une considération environnementale",
  sociale: "Uniquement avec une considération sociale",
} as const;
export type Condition = keyof typeof CONDITIONS;

export const MAX_ALERTS_PER_USER = 20;
export const MAX_CPV_DIVISIONS = 20;
export const MAX_DEPARTEMENTS = 30;
export const MAX_KEYWORDS = 10;
export const KEYWORD_MIN_LENGTH = 2;
export const KEYWORD_MAX_LENGTH = 40;
export const NAME_MAX_LENGTH = 80;

export const NO_CRITERION_MESSAGE =
  "Choisissez au moins un critère (division CPV, territoire, catégorie, condition ou mot-clé) : sans critère, l'alerte vous enverrait tout.";

/** "45, 71 ; 2A" → ["45", "71", "2A"]: commas, semicolons, line breaks or spaces separate values. */
function splitList(text: string): string[] {
  return text
    .split(/[,;\n\r\t ]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Keywords are separated by commas, semicolons or line breaks (a keyword may hold spaces). */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[,;\n\r]+/)
    .map((part) => part.trim().replace(/\s+/g, " "))
    .filter((part) => part !== "");
}

const listText = z.string().trim().max(2_000, "Pas plus de 2 000 caractères.").optional();

const cpvDivisionsField = listText.transform((text, context) => {
  const divisions: string[] = [];
  for (const value of splitList(text ?? "")) {
    if (/^\d{2}$/.test(value)) {
      if (!isCpvDivision(value)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `« ${value} » n'est pas une division CPV : vérifiez les deux chiffres (par exemple 45 pour les travaux de construction, 77 pour les espaces verts).`,
        });
        continue;
      }
      divisions.push(value);
      continue;
    }
    const parsed = parseCpvCode(value);
    if (!parsed.ok) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `« ${value.slice(0, 20)} » n'est pas une division CPV : écrivez les deux premiers chiffres du code (45) ou un code complet (45210000-2). ${parsed.message}`,
      });
      continue;
    }
    divisions.push(parsed.division);
  }
  const distinct = unique(divisions);
  if (distinct.length > MAX_CPV_DIVISIONS)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `Au plus ${MAX_CPV_DIVISIONS} divisions CPV par alerte : vous en avez indiqué ${distinct.length}.`,
    });
  return distinct.sort();
});

const departementsField = listText.transform((text, context) => {
  const codes: string[] = [];
  for (const value of splitList(text ?? "")) {
    const code = value.toUpperCase().padStart(value.length === 1 ? 2 : value.length, "0");
    if (!isDepartementCode(code)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `« ${value.slice(0, 20)} » n'est pas un département : écrivez son numéro, par exemple 69, 2A ou 974.`,
      });
      continue;
    }
    codes.push(code);
  }
  const distinct = unique(codes);
  if (distinct.length > MAX_DEPARTEMENTS)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `Au plus ${MAX_DEPARTEMENTS} départements par alerte : choisissez plutôt une région.`,
    });
  return distinct;
});

const keywordsField = listText.transform((text, context) => {
  const keywords: string[] = [];
  const seen = new Set<string>();
  for (const keyword of splitKeywords(text ?? "")) {
    const normalized = normalizeText(keyword);
    if (keyword.length > KEYWORD_MAX_LENGTH) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `Le mot-clé « ${keyword.slice(0, KEYWORD_MAX_LENGTH)}… » est trop long : ${KEYWORD_MAX_LENGTH} caractères au plus.`,
      });
      continue;
    }
    if (normalized.length < KEYWORD_MIN_LENGTH) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `Le mot-clé « ${keyword} » est trop court : au moins ${KEYWORD_MIN_LENGTH} lettres ou chiffres.`,
      });
      continue;
    }
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    keywords.push(keyword);
  }
  if (keywords.length > MAX_KEYWORDS)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `Au plus ${MAX_KEYWORDS} mots-clés par alerte : vous en avez indiqué ${keywords.length}.`,
    });
  return keywords;
});

const regionsField = z
  .array(z.string().trim().refine(isRegionCode, "Cette région n'existe pas : choisissez-la dans la liste."))
  .default([])
  .transform((codes) => unique(codes));

const categoriesField = z
  .array(
    z
      .string()
      .trim()
      .refine(
        (value): value is Category => Object.hasOwn(CATEGORIES, value),
        "Choisissez travaux, fournitures ou services.",
      ),
  )
  .default([])
  .transform((values) => unique(values));

const conditionsField = z
  .array(
    z
      .string()
      .trim()
      .refine(
        (value): value is Condition => Object.hasOwn(CONDITIONS, value),
        "Cette condition n'existe pas : cochez-la dans la liste.",
      ),
  )
  .default([]);

export const alertSchema = z
  .object({
    name: z
      .string({ required_error: "Donnez un nom à l'alerte, par exemple « Menuiserie dans le Rhône »." })
      .trim()
      .min(3, "Le nom de l'alerte doit compter au moins 3 caractères.")
      .max(NAME_MAX_LENGTH, `Pas plus de ${NAME_MAX_LENGTH} caractères.`)
      // One space between words, as emails show it.
      .transform((name) => name.replace(/\s+/g, " ")),
    frequency: z.enum(["immediate", "weekly"], {
      errorMap: () => ({ message: "Choisissez quand être prévenu : dès la publication ou une fois par semaine." }),
    }),
    emptyWeek: z
      .enum(["short-message", "nothing"], {
        errorMap: () => ({ message: "Choisissez ce que vous recevez une semaine sans nouveauté." }),
      })
      .default("nothing"),
    cpvDivisions: cpvDivisionsField,
    departements: departementsField,
    regions: regionsField,
    categories: categoriesField,
    conditions: conditionsField,
    keywords: keywordsField,
  })
  .superRefine((value, context) => {
    if (!hasAnyCriterion(criteriaOf(value)))
      context.addIssue({ code: z.ZodIssueCode.custom, path: [], message: NO_CRITERION_MESSAGE });
  });

export type AlertFormValue = z.infer<typeof alertSchema>;

/** The criteria of a valid form. */
export function criteriaOf(value: Omit<AlertFormValue, "name" | "frequency" | "emptyWeek">): AlertCriteria {
  const conditions = new Set(value.conditions);
  return {
    cpvDivisions: value.cpvDivisions,
    departements: value.departements,
    regions: value.regions,
    categories: value.categories,
    reservedOnly: conditions.has("reserve"),
    environmental: conditions.has("environnementale"),
    social: conditions.has("sociale"),
    keywords: value.keywords,
  };
}

/** The form's default values for an existing alert (lists written back as the user types them). */
export function formValuesOf(alert: {
  name: string;
  frequency: string;
  emptyWeek: string;
  criteria: AlertCriteria;
}): Record<string, string | string[]> {
  const { criteria } = alert;
  return {
    name: alert.name,
    frequency: alert.frequency,
    emptyWeek: alert.emptyWeek,
    cpvDivisions: criteria.cpvDivisions.join(", "),
    departements: criteria.departements.join(", "),
    regions: [...criteria.regions],
    categories: [...criteria.categories],
    conditions: [
      ...(criteria.reservedOnly ? ["reserve"] : []),
      ...(criteria.environmental ? ["environnementale"] : []),
      ...(criteria.social ? ["sociale"] : []),
    ],
    keywords: criteria.keywords.join(", "),
  };
}

/** Short French descriptions of the criteria, for the list of alerts and the emails. */
export function describeCriteria(criteria: AlertCriteria): string[] {
  const parts: string[] = [];
  if (criteria.cpvDivisions.length)
    parts.push(`CPV : ${criteria.cpvDivisions.map((division) => cpvDivisionLabel(division)).join(" ; ")}`);
  const places = [
    ...criteria.regions.map((code) => `région ${findRegion(code)?.name ?? code}`),
    ...criteria.departements.map((code) => departementLabel(code)),
  ];
  if (places.length) parts.push(`Territoire : ${places.join(", ")}`);
  if (criteria.categories.length)
    parts.push(
      `Catégorie : ${criteria.categories.map((category) => CATEGORIES[category as Category] ?? category).join(", ")}`,
    );
  if (criteria.reservedOnly) parts.push("Marchés réservés uniquement");
  if (criteria.environmental) parts.push("Avec une considération environnementale");
  if (criteria.social) parts.push("Avec une considération sociale");
  if (criteria.keywords.length) parts.push(`Mots-clés : ${criteria.keywords.join(", ")}`);
  return parts;
}

/** Options of the checkbox lists. */
export const REGION_OPTIONS = [...REGIONS]
  .sort((a, b) => a.name.localeCompare(b.name, "fr"))
  .map((region) => ({ value: region.code, label: region.name }));
export const CATEGORY_OPTIONS = Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }));
export const CONDITION_OPTIONS = Object.entries(CONDITIONS).map(([value, label]) => ({ value, label }));
export const FREQUENCY_OPTIONS = (Object.keys(FREQUENCIES) as Frequency[]).map((value) => ({
  value,
  label: FREQUENCIES[value],
  hint: FREQUENCY_HINTS[value],
}));
export const EMPTY_WEEK_OPTIONS = Object.entries(EMPTY_WEEK_CHOICES).map(([value, label]) => ({ value, label }));

// ---- stored form ↔ criteria ---------------------------------------------------------------------

function parseStoredList(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
  } catch {
    return [];
  }
}

/** The criteria of a stored alert row (lists are JSON text in the database). */
export function criteriaOfRow(row: {
  cpvDivisions: string;
  departements: string;
  regions: string;
  categories: string;
  reservedOnly: boolean;
  environmental: boolean;
  social: boolean;
  keywords: string;
}): AlertCriteria {
  return {
    cpvDivisions: parseStoredList(row.cpvDivisions),
    departements: parseStoredList(row.departements),
    regions: parseStoredList(row.regions),
    categories: parseStoredList(row.categories),
    reservedOnly: row.reservedOnly,
    environmental: row.environmental,
    social: row.social,
    keywords: parseStoredList(row.keywords),
  };
}

/** The columns that store the criteria. */
export function rowOfCriteria(criteria: AlertCriteria) {
  return {
    cpvDivisions: JSON.stringify(criteria.cpvDivisions),
    departements: JSON.stringify(criteria.departements),
    regions: JSON.stringify(criteria.regions),
    categories: JSON.stringify(criteria.categories),
    reservedOnly: criteria.reservedOnly,
    environmental: criteria.environmental,
    social: criteria.social,
    keywords: JSON.stringify(criteria.keywords),
  };
}
