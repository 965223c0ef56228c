// Escaping text for markup written by hand (pages of resource routes, feeds, sitemaps, email
// templates filled in after rendering): one definition of each, so that no copy forgets a character.

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/**
 * Text or an attribute value in HTML, escaped exactly as React escapes it (react-dom's
 * escapeTextForBrowser): a value filled into React's output must read as React would have written it.
 */
export function escapeHtml(text: string): string {
  return text.replace(/["&'<>]/g, (character) => HTML_ENTITIES[character]!);
}

/** Text or an attribute value in XML 1.0 (Atom feeds, sitemaps). */
export function escapeXml(text: string): string {
  return (
    text
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll('"', "&quot;")
      .replaceAll("'", "&apos;")
      // Characters XML 1.0 forbids (control characters other than tab, line feed, carriage return).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
  );
}
