// The Content-Security-Policy of Amont's responses (pure).
//
// Pages: only the site's own scripts and styles, plus the inline scripts that Remix writes into
// each page (hydration data, scroll restoration, streamed data), which carry a nonce drawn for
// that response. FullCalendar injects one <style> element at run time: it copies the nonce of the
// page's scripts onto it, so the nonce is allowed for styles too. Inline style *attributes*
// (style="...", written by a few components for widths and shades) are allowed with
// style-src-attr: they cannot run code, and a nonce cannot apply to them. FullCalendar's icon font
// (the month arrows) is a data: URL inside that style element.

export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Everything that is not a page (feeds, data requests, files): nothing to run, never framed. */
export const RESOURCE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
