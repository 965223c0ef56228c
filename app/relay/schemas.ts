// The relay settings' forms (pure): what a relay follows, what it highlights, where it embeds its
// widget, the period of its newsletter block, and a member's own choice of the edition notices. Messages are French and say how to fix the value.
import { z } from "zod";
import { addDays, isIsoDate, daysBetween } from "~/calendar/dates";
import { isCpvDivision, parseCpvCode } from "~/plan/cpv";
import { CATEGORIES } from "~/plan/vocabulary";
import { SIREN_MESSAGES, validateSiren } from "~/organizations/identifiers";
import { isDepartementCode } from "~/territory/departements";
import { isRegionCode } from "~/territory/regions";
import { parseSiteList } from "./sites";

/** Far more than any relay follows by name; keeps one form post bounded. */
export const MAX_FOLLOWED_BUYERS = 200;

/** A buyer as a relay names it: its SIREN, or its page on Amont (the address or the identifier in it). */
export type BuyerReference = { siren: string } | { slug: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One line of the followed buyers' list, or a French message saying why it is not a buyer reference. */
export function parseBuyerReference(
  line: string,
): { ok: true; reference: BuyerReference } | { ok: false; message: string } {
  const text = line.trim();
  if (/^[\d\s.\-\u00a0\u202f]+$/.test(text)) {
    // Digits only: a SIREN, checked as the organisation forms check it (9 digits, Luhn key).
    const siren = validateSiren(text);
    return siren.ok
      ? { ok: true, reference: { siren: siren.value } }
      : { ok: false, message: `« ${text.slice(0, 20)} » : ${SIREN_MESSAGES[siren.reason]}` };
  }
  const fromUrl = /\/acheteurs\/([^/?#\s]+)/.exec(text)?.[1];
  const slug = (fromUrl ? decodeURIComponent(fromUrl) : text).toLowerCase();
  if (SLUG.test(slug) && slug.length <= 100) return { ok: true, reference: { slug } };
  return {
    ok: false,
    message: `« ${text.slice(0, 60)} » : indiquez le SIREN de l'acheteur (9 chiffres) ou l'adresse de sa page sur Amont (…/acheteurs/son-nom).`,
  };
}

const list = (check: (value: string) => boolean, message: string) =>
  z
    .array(z.string().trim().toUpperCase())
    .optional()
    .transform((values) => [...new Set(values ?? [])])
    .refine((values) => values.every(check), message);

/** "45, 71" or full codes ("45210000-2"): the CPV divisions, or the first value that is not one. */
export function parseCpvDivisions(text: string): { ok: true; divisions: string[] } | { ok: false; message: string } {
  const divisions: string[] = [];
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    let division: string | null = null;
    if (/^\d{2}$/.test(entry)) division = isCpvDivision(entry) ? entry : null;
    else if (/^\d{8}/.test(entry.replace(/[\s.]/g, ""))) {
      const parsed = parseCpvCode(entry);
      division = parsed.ok ? parsed.division : null;
    }
    if (!division)
      return {
        ok: false,
        message: `« ${entry.slice(0, 20)} » n'est pas une division CPV : indiquez les deux premiers chiffres d'un code CPV, par exemple 45 pour les travaux de construction.`,
      };
    if (!divisions.includes(division)) divisions.push(division);
  }
  return { ok: true, divisions: divisions.sort() };
}

export const FOLLOW_NOTHING_MESSAGE =
  "Suivez au moins un département, une région ou un acheteur : sinon votre page publique reste vide.";

export const followingSchema = z
  .object({
    departements: list(isDepartementCode, "Un des départements choisis n'existe pas : choisissez-les dans la liste."),
    regions: list(isRegionCode, "Une des régions choisies n'existe pas : choisissez-les dans la liste."),
    buyers: z
      .string()
      .optional()
      .transform((text, context) => {
        const references: BuyerReference[] = [];
        const lines = (text ?? "").split(/\r?\n/).filter((line) => line.trim());
        if (lines.length > MAX_FOLLOWED_BUYERS) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: `${MAX_FOLLOWED_BUYERS} acheteurs au plus : suivez plutôt leur département ou leur région.`,
          });
          return z.NEVER;
        }
        for (const line of lines) {
          const parsed = parseBuyerReference(line);
          if (!parsed.ok) {
            context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
            return z.NEVER;
          }
          references.push(parsed.reference);
        }
        return references;
      }),
    categories: z
      .array(z.string().trim().toLowerCase())
      .optional()
      .transform((values) => [...new Set(values ?? [])])
      .refine((values) => values.every((value) => value in CATEGORIES), "Choisissez les catégories dans la liste."),
    cpv: z
      .string()
      .optional()
      .transform((text, context) => {
        const parsed = parseCpvDivisions(text ?? "");
        if (!parsed.ok) {
          context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
          return z.NEVER;
        }
        return parsed.divisions;
      }),
  })
  .superRefine((value, context) => {
    if (value.departements.length + value.regions.length + value.buyers.length === 0)
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["departements"], message: FOLLOW_NOTHING_MESSAGE });
  });
export type FollowingInput = z.infer<typeof followingSchema>;

export const sitesSchema = z.object({
  sites: z
    .string()
    .optional()
    .transform((text, context) => {
      const parsed = parseSiteList(text ?? "");
      if (!parsed.ok) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
        return z.NEVER;
      }
      return parsed.origins;
    }),
});

// ---- the newsletter block's period ---------------------------------------------------------------------

/** By default the block covers the last 30 days, today included. */
/** A member's own choice: the box « Recevoir un e-mail à chaque nouvelle édition d'un plan suivi » (absent: unchecked). */
export const editionNoticesSchema = z.object({ editionNotices: z.boolean().default(false) });

export const DEFAULT_NEWSLETTER_DAYS = 30;
export const MAX_NEWSLETTER_DAYS = 366;

export interface NewsletterPeriod {
  /** First day (Paris), inclusive. */
  from: string;
  /** Last day (Paris), inclusive. */
  to: string;
}

export interface ParsedNewsletterPeriod {
  period: NewsletterPeriod;
  /** French messages for the fields that were ignored (shown next to them). */
  errors: { du?: string; au?: string };
}

/** The period of the ?du=…&au=… query string; a bad value falls back to the default with a message. */
export function parseNewsletterPeriod(params: URLSearchParams, today: string): ParsedNewsletterPeriod {
  const errors: ParsedNewsletterPeriod["errors"] = {};
  const read = (name: "du" | "au"): string | null => {
    const raw = params.get(name)?.trim();
    if (!raw) return null;
    if (!isIsoDate(raw)) {
      errors[name] = "Date attendue au format jj/mm/aaaa.";
      return null;
    }
    return raw;
  };
  let to = read("au") ?? today;
  let from = read("du") ?? addDays(to, -(DEFAULT_NEWSLETTER_DAYS - 1));
  if (from > to) {
    errors.du = "Le premier jour doit précéder le dernier.";
    from = addDays(to, -(DEFAULT_NEWSLETTER_DAYS - 1));
  }
  if (daysBetween(from, to) >= MAX_NEWSLETTER_DAYS) {
    errors.du = `Une période d'un an au plus (${MAX_NEWSLETTER_DAYS} jours).`;
    from = addDays(to, -(MAX_NEWSLETTER_DAYS - 1));
  }
  if (to > addDays(today, 366)) {
    errors.au = "Le dernier jour ne peut pas dépasser d'un an la date du jour.";
    to = today;
    from = addDays(to, -(DEFAULT_NEWSLETTER_DAYS - 1));
  }
  return { period: { from, to }, errors };
}
