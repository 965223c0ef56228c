// The sites on which a relay embeds its widget (pure). Each is an https origin; together they are
// the only pages allowed to frame /relais/:slug/widget, through the Content-Security-Policy
// directive frame-ancestors (docs/decisions/0025-relays.md).
import { isFrameAncestorSource } from "~/security/content-security-policy";

/** A relay rarely has more than a few sites (main site, members' portal, a regional site). */
export const MAX_SITES = 10;

export type SiteParse = { ok: true; origin: string } | { ok: false; message: string };

/**
 * Reads a site as typed: "https://www.cci-exemple.fr", "www.cci-exemple.fr" (https is assumed) or
 * a page of the site ("https://www.cci-exemple.fr/marches-publics", only its origin is kept).
 * Refused: another scheme than https, user names, wildcards, a host without a dot (localhost).
 */
export function parseSiteOrigin(input: string): SiteParse {
  const text = input.trim();
  if (!text) return { ok: false, message: "Indiquez l'adresse du site." };
  if (text.includes("*"))
    return { ok: false, message: `« ${text} » : indiquez chaque site en entier, sans astérisque.` };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `« ${text} » n'est pas une adresse de site (exemple : https://www.cci-exemple.fr).` };
  }
  if (url.protocol !== "https:")
    return {
      ok: false,
      message: `« ${text} » : l'adresse doit commencer par https:// (le widget ne s'affiche que sur un site sécurisé).`,
    };
  if (url.username || url.password)
    return { ok: false, message: `« ${text} » : l'adresse ne doit pas contenir d'identifiant ni de mot de passe.` };
  if (!url.hostname.includes(".") || !isFrameAncestorSource(url.origin))
    return { ok: false, message: `« ${text} » n'est pas une adresse de site (exemple : https://www.cci-exemple.fr).` };
  return { ok: true, origin: url.origin };
}

/** One site per line (or separated by spaces or commas): the origins, without duplicates, or the first error. */
export function parseSiteList(text: string): { ok: true; origins: string[] } | { ok: false; message: string } {
  const origins: string[] = [];
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    const parsed = parseSiteOrigin(entry);
    if (!parsed.ok) return parsed;
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  if (origins.length > MAX_SITES)
    return { ok: false, message: `${MAX_SITES} sites au plus : retirez-en ${origins.length - MAX_SITES}.` };
  return { ok: true, origins };
}

/** The frame-ancestors sources of a widget: Amont itself (the settings page's preview) and the relay's sites. */
export function widgetFrameAncestors(origins: readonly string[]): string[] {
  return ["'self'", ...origins.filter(isFrameAncestorSource)];
}
