// The Content-Security-Policy of Amont's responses (pure).
//
// Pages: only the site's own scripts and styles, plus the inline scripts that Remix writes into
// each page (hydration data, scroll restoration, streamed data), which carry a nonce drawn for
// that response. FullCalendar injects one <style> element at run time: it copies the nonce of the
// page's scripts onto it, so the nonce is allowed for styles too. Inline style *attributes*
// (style="...", written by a few components for widths and shades) are allowed with
// style-src-attr: they cannot run code, and a nonce cannot apply to them. FullCalendar's icon font
// (the month arrows) is a data: URL inside that style element.
//
// Framing: no page may be framed ('none', and X-Frame-Options: DENY from server/index.js), except
// the pages meant for an iframe on another site (a relay's widget): their route declares who may
// frame them (PageHandle.frameAncestors in app/ui/page-handle.ts), and X-Frame-Options is left out
// for their paths (isFrameablePath), since it cannot name a site.

/** Whether a source may be written into frame-ancestors: 'self', or a scheme, a host and an optional port, nothing else. */
export function isFrameAncestorSource(source: string): boolean {
  return (
    source === "'self'" ||
    /^https?:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/.test(source)
  );
}

/**
 * The policy of a page. `frameAncestors`: who may frame it ('none' when empty or absent); a source
 * that is not a plain origin is dropped, so that no stored value can add a directive.
 */
export function pageContentSecurityPolicy(nonce: string, frameAncestors: readonly string[] = []): string {
  const ancestors = frameAncestors.filter(isFrameAncestorSource);
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
    `frame-ancestors ${ancestors.length ? ancestors.join(" ") : "'none'"}`,
  ].join("; ");
}

/** Everything that is not a page (feeds, data requests, files): nothing to run, never framed. */
export const RESOURCE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Paths of the pages meant for an iframe on another site: server/index.js sends them no X-Frame-Options. */
const FRAMEABLE_PATHS: readonly RegExp[] = [/^\/relais\/[^/.]+\/widget$/];

export function isFrameablePath(path: string): boolean {
  return FRAMEABLE_PATHS.some((pattern) => pattern.test(path));
}
