// Conditional GET for the plan's feeds: ETag and Last-Modified on every answer, 304 when the
// client's copy is still current (RFC 9110 §13: If-None-Match wins over If-Modified-Since).
import type { FeedFreshness } from "../public.server";

/** Feeds are revalidated on every use (cheap: a 304 costs one small query), and cacheable by proxies. */
export const FEED_CACHE_CONTROL = "public, no-cache";

function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  // Weak comparison (a proxy may have weakened the tag).
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return header.split(",").some((candidate) => opaque(candidate) === wanted);
}

/** Whether the client's cached copy is still the current content. */
export function isNotModified(request: Request, freshness: FeedFreshness): boolean {
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch !== null) return matchesEtag(ifNoneMatch, freshness.etag);
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  if (ifModifiedSince !== null && freshness.lastModified) {
    const since = Date.parse(ifModifiedSince);
    // HTTP dates have a one-second resolution.
    if (!Number.isNaN(since)) return Math.floor(freshness.lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

export function freshnessHeaders(freshness: FeedFreshness): Record<string, string> {
  const headers: Record<string, string> = { ETag: freshness.etag, "Cache-Control": FEED_CACHE_CONTROL };
  if (freshness.lastModified) headers["Last-Modified"] = freshness.lastModified.toUTCString();
  return headers;
}

/**
 * The feed's answer: 304 without a body when the client is up to date, otherwise 200 with the body
 * that `build` returns (only built when needed).
 */
export async function feedResponse(
  request: Request,
  freshness: FeedFreshness,
  contentType: string,
  build: () => Promise<string | Buffer>,
  options: { filename?: string; disposition?: "inline" | "attachment" } = {},
): Promise<Response> {
  const headers = freshnessHeaders(freshness);
  if (isNotModified(request, freshness)) return new Response(null, { status: 304, headers });
  const body = await build();
  headers["Content-Type"] = contentType;
  if (options.filename)
    headers["Content-Disposition"] = `${options.disposition ?? "attachment"}; filename="${options.filename}"`;
  headers["Content-Length"] = String(typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength);
  return new Response(request.method === "HEAD" ? null : (body as BodyInit), { status: 200, headers });
}

/** The site's public origin for links in feeds (APP_URL), or the request's own origin. */
export function publicOrigin(request: Request): string {
  const configured = process.env.APP_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // fall through
    }
  }
  return new URL(request.url).origin;
}
