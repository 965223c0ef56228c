// The ledger's public JSON documents over HTTP: open to every origin (verifiers run anywhere),
// cached (briefly, or for a day when it can never change), and answered 304 when the client already holds the same content.
import { createHash } from "node:crypto";

export function publicJson<T extends object>(
  request: Request,
  document: T,
  options: { maxAgeSeconds: number; etagIgnores?: readonly (keyof T)[]; immutable?: boolean },
): Response {
  const body = `${JSON.stringify(document, null, 2)}\n`;
  const stable = options.etagIgnores?.length
    ? JSON.stringify(
        Object.fromEntries(Object.entries(document).filter(([key]) => !options.etagIgnores!.includes(key as keyof T))),
      )
    : body;
  const etag = `"${createHash("sha256").update(stable).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": `public, max-age=${options.maxAgeSeconds}${options.immutable ? ", immutable" : ""}`,
    "Access-Control-Allow-Origin": "*",
    ETag: etag,
  };
  const known = request.headers.get("If-None-Match");
  if (known && known.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}

/** A French error as JSON, open to every origin like the documents, never cached. */
export function publicJsonError(status: number, error: string, options: { retryAfterSeconds?: number } = {}): Response {
  return new Response(`${JSON.stringify({ error }, null, 2)}\n`, {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "Access-Control-Allow-Origin": "*",
      ...(options.retryAfterSeconds === undefined ? {} : { "Retry-After": String(options.retryAfterSeconds) }),
    },
  });
}
