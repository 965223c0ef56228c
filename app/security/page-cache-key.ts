// Which anonymous requests server/index.js may answer from its page cache, and under which key.
//
// The key keeps only the query parameters the page reads, in a canonical order: `/plan?x=1`,
// `/plan?x=2` and `/plan` are the same page, so a flood of made-up parameters (or tracking ones)
// neither grows the cache nor forces a render per request. The page is rendered for the key's URL,
// so what is cached never depends on a parameter that is not in the key.
import { EVENT_FILTER_PARAMETERS } from "~/meetings/filters";
import { CALENDAR_MONTH_PARAMETER, FILTER_PARAMETERS } from "~/plan/filters";

interface CacheablePage {
  path: RegExp;
  /** The query parameters the page's loader reads; every other one is left out of the key. */
  parameters: readonly string[];
}

const CACHEABLE_PAGES: readonly CacheablePage[] = [
  { path: /^\/$/, parameters: [] },
  { path: /^\/plan$/, parameters: FILTER_PARAMETERS },
  { path: /^\/plan\/calendrier$/, parameters: [...FILTER_PARAMETERS, CALENDAR_MONTH_PARAMETER] },
  { path: /^\/plan\/[^/.]+$/, parameters: [] },
  { path: /^\/acheteurs\/[^/.]+$/, parameters: [] },
  { path: /^\/sourcing(\/[^/.]+)?$/, parameters: [] },
  { path: /^\/evenements$/, parameters: EVENT_FILTER_PARAMETERS },
  { path: /^\/evenements\/[^/.]+$/, parameters: [] },
  { path: /^\/relais$/, parameters: [] },
  { path: /^\/relais\/[^/.]+$/, parameters: FILTER_PARAMETERS },
  // The widget lists the next items: it reads the selection filters, not the sorting or the page.
  {
    path: /^\/relais\/[^/.]+\/widget$/,
    parameters: FILTER_PARAMETERS.filter((name) => !["tri", "ordre", "page"].includes(name)),
  },
];

/**
 * The cache key of a request target (`/plan?semestre=2027-S1&x=1` → `/plan?semestre=2027-S1`), or
 * null when the page is not cached. The target is read as it arrives (never resolved against a
 * host: `//plan` is not `/plan`). Known parameters keep their values and, for a repeated
 * parameter, their order (the loaders read the first or the last value); they are sorted by name.
 */
export function pageCacheKey(target: string): string | null {
  const queryStart = target.indexOf("?");
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const page = CACHEABLE_PAGES.find((candidate) => candidate.path.test(path));
  if (!page) return null;
  if (queryStart === -1) return path;
  const kept = [...new URLSearchParams(target.slice(queryStart + 1))]
    .filter(([name]) => page.parameters.includes(name))
    // Array.prototype.sort is stable: values of one parameter keep their order.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(kept).toString();
  return query ? `${path}?${query}` : path;
}
