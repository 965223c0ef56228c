// The forward plan's vocabulary (pure): stored values and the French labels people read.
export const CATEGORIES = {
  travaux: "Travaux",
  fournitures: "Fournitures",
  services: "Services",
} as const;
export type Category = keyof typeof CATEGORIES;

export const STATUSES = {
  draft: "Brouillon",
  planned: "Prévu",
  sourcing: "En sourcing",
  published: "Consultation publiée",
  awarded: "Attribué",
  abandoned: "Abandonné",
} as const;
export type Status = keyof typeof STATUSES;

/** Reserved contracts (Code de la commande publique, art. L2113-12 to L2113-16). */
export const RESERVED = {
  none: "Ouvert à toutes les entreprises",
  disability: "Réservé aux entreprises adaptées et aux ESAT (art. L2113-12)",
  siae: "Réservé aux structures d'insertion par l'activité économique (art. L2113-13)",
  ess: "Réservé aux entreprises de l'économie sociale et solidaire (art. L2113-15)",
} as const;
export type Reserved = keyof typeof RESERVED;

/** Who may answer a reserved contract, in plain words, with the article of the Code de la commande publique. */
export const RESERVED_EXPLANATIONS: Record<Reserved, string> = {
  none: "Toutes les entreprises peuvent répondre, seules ou à plusieurs (en groupement ou en sous-traitance).",
  disability:
    "Seules les entreprises adaptées (EA), les établissements et services d'aide par le travail (ESAT) et les structures équivalentes, dont au moins la moitié des salariés sont en situation de handicap, peuvent répondre (article L2113-12 du Code de la commande publique).",
  siae: "Seules les structures d'insertion par l'activité économique (entreprises d'insertion, ateliers et chantiers d'insertion, associations intermédiaires, entreprises de travail temporaire d'insertion) et les structures équivalentes peuvent répondre (article L2113-13 du Code de la commande publique).",
  ess: "Seules les entreprises de l'économie sociale et solidaire (associations, coopératives, mutuelles, sociétés commerciales agréées ESUS…) peuvent répondre, pour certains services de santé, sociaux ou culturels (article L2113-15 du Code de la commande publique).",
};

/** The explanation of a stored reserved value ("" for a value this vocabulary does not know). */
export function reservedExplanation(reserved: string): string {
  return (RESERVED_EXPLANATIONS as Record<string, string>)[reserved] ?? "";
}

/** Estimated value bands, excluding VAT. Bounds in euro cents (max exclusive, null = open). */
export const VALUE_BANDS = {
  lt_40k: { label: "Moins de 40 000 € HT", minCents: 0, maxCents: 4_000_000 },
  "40k_100k": { label: "De 40 000 à 100 000 € HT", minCents: 4_000_000, maxCents: 10_000_000 },
  "100k_215k": { label: "De 100 000 à 215 000 € HT", minCents: 10_000_000, maxCents: 21_500_000 },
  "215k_1m": { label: "De 215 000 € à 1 million d'euros HT", minCents: 21_500_000, maxCents: 100_000_000 },
  "1m_5m": { label: "De 1 à 5 millions d'euros HT", minCents: 100_000_000, maxCents: 500_000_000 },
  gt_5m: { label: "Plus de 5 millions d'euros HT", minCents: 500_000_000, maxCents: null },
} as const;
export type ValueBand = keyof typeof VALUE_BANDS;

/**
 * Expected procedures and their default minimum response windows: the calendar owns the list (the
 * window is counted in its open days); the plan shows their labels.
 */
export { PROCEDURES, type Procedure } from "~/calendar/procedures";

export { labelOf, optionsOf } from "~/ui/labels";

/** A contract's duration as people say it: "1 an", "3 ans", "18 mois". */
export function contractDurationText(months: number): string {
  if (months % 12 === 0) {
    const years = months / 12;
    return years === 1 ? "1 an" : `${years} ans`;
  }
  return `${months} mois`;
}

/** Semesters: S1 = January-June, S2 = July-December. */
export interface Semester {
  year: number;
  half: 1 | 2;
}

export function semesterOf(isoDate: string): Semester {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return { year, half: month <= 6 ? 1 : 2 };
}

export function semesterLabel({ year, half }: Semester): string {
  return `${half === 1 ? "1er" : "2e"} semestre ${year}`;
}

export function semesterKey({ year, half }: Semester): string {
  return `${year}-S${half}`;
}

export function parseSemesterKey(key: string): Semester | null {
  const match = /^(\d{4})-S([12])$/.exec(key);
  return match ? { year: Number(match[1]), half: Number(match[2]) as 1 | 2 } : null;
}

export function semesterBounds({ year, half }: Semester): { from: string; to: string } {
  return half === 1 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** The semester after this one: S1 → S2 of the same year, S2 → S1 of the next. */
export function nextSemester({ year, half }: Semester): Semester {
  return half === 1 ? { year, half: 2 } : { year: year + 1, half: 1 };
}
