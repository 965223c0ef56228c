// An Atom 1.0 feed (RFC 4287), pure: a relay's news for feed readers. Every text is escaped; dates
// are RFC 3339 in UTC; entry ids are the permanent URLs of the pages they announce.
import { escapeXml } from "~/ui/escape";

export interface AtomEntry {
  /** A permanent IRI: the announced page's URL. */
  id: string;
  title: string;
  updated: Date;
  /** The page on Amont. */
  link: string;
  /** Plain text (the feed reader shows it as is). */
  summary: string;
  /** Who published it (the buyer). */
  author: string;
  category?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: Date;
  /** The feed's own URL. */
  self: string;
  /** The page the feed follows. */
  alternate: string;
  author: string;
  entries: readonly AtomEntry[];
}

function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function entryXml(entry: AtomEntry): string {
  return [
    "  <entry>",
    `    <id>${escapeXml(entry.id)}</id>`,
    `    <title>${escapeXml(entry.title)}</title>`,
    `    <updated>${rfc3339(entry.updated)}</updated>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
    `    <author><name>${escapeXml(entry.author)}</name></author>`,
    entry.category ? `    <category term="${escapeXml(entry.category)}"/>` : null,
    `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
    "  </entry>",
  ]
    .filter((line) => line !== null)
    .join("\n");
}

export function atomXml(feed: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle>${escapeXml(feed.subtitle)}</subtitle>` : null,
    `  <updated>${rfc3339(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    "  <generator>Amont</generator>",
    ...feed.entries.map(entryXml),
    "</feed>",
    "",
  ]
    .filter((line) => line !== null)
    .join("\n");
}
