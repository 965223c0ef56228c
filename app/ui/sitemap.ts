// The sitemap protocol's XML (https://www.sitemaps.org/protocol.html), pure: absolute URLs on the
// site's public origin, with the date each page last changed when it is known.
import { escapeXml } from "./escape";

export interface SitemapEntry {
  /** The page's path, starting with "/". */
  path: string;
  lastModified?: Date | null;
}

/** A sitemap holds at most this many URLs (protocol limit). */
export const SITEMAP_MAX_URLS = 50_000;

/** W3C Datetime, to the second, in UTC. */
function w3cDatetime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** The most recent of these dates (a list page changes when one of its pages does), null if none. */
export function latestOf(dates: Iterable<Date | null | undefined>): Date | null {
  let latest: Date | null = null;
  for (const date of dates) if (date && (!latest || date > latest)) latest = date;
  return latest;
}

export function sitemapXml(origin: string, entries: readonly SitemapEntry[]): string {
  if (entries.length > SITEMAP_MAX_URLS) {
    // Far beyond Amont's size today; past it, the sitemap must become an index of several files.
    console.error(`[sitemap] ${entries.length} pages: only the first ${SITEMAP_MAX_URLS} are listed`);
  }
  const urls = entries.slice(0, SITEMAP_MAX_URLS).map(({ path, lastModified }) => {
    const loc = `<loc>${escapeXml(new URL(path, origin).href)}</loc>`;
    return lastModified ? `<url>${loc}<lastmod>${w3cDatetime(lastModified)}</lastmod></url>` : `<url>${loc}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}
