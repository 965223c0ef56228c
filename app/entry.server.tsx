import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { inspect } from "node:util";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { CALENDAR_API_PATH, calendarApiResponse } from "~/calendar/api.server";
import { isBusyError } from "~/db/db.server";
import { env } from "~/env.server";
import { startBackgroundJobs } from "~/jobs/start.server";
import {
  isFrameablePath,
  pageContentSecurityPolicy,
  RESOURCE_CONTENT_SECURITY_POLICY,
} from "~/security/content-security-policy";
import { pageCacheKey } from "~/security/page-cache-key";
import { redactSecrets, redactUrl } from "~/security/redact";
import { NonceContext } from "~/ui/nonce";
import { pageHandleOf } from "~/ui/page-handle";

// Validate the environment when the server starts, not on the first request.
env();
if (process.env.NODE_ENV !== "test") startBackgroundJobs();

const ABORT_DELAY = 5_000;

/**
 * Hot public endpoints that server/index.js answers without Remix's router (which costs more than
 * the work itself for them). Each takes a Fetch Request and returns a Response.
 */
export const fastRoutes: Record<string, (request: Request) => Promise<Response>> = {
  [CALENDAR_API_PATH]: calendarApiResponse,
};

// Shared with server/index.js (plain JavaScript, which reaches the application only through the
// build): its request log redacts secrets, its page cache keys pages on the parameters they read,
// responses other than pages get the resources' Content-Security-Policy, and the pages meant for an
// iframe get no X-Frame-Options.
export { isFrameablePath, pageCacheKey, redactUrl, RESOURCE_CONTENT_SECURITY_POLICY };

/** Who may frame this page: what the deepest route that says so declares from its loader data (none otherwise). */
function frameAncestorsOf(context: EntryContext): readonly string[] {
  const { matches, loaderData } = context.staticHandlerContext;
  for (const match of [...matches].reverse()) {
    const { frameAncestors } = pageHandleOf(context.routeModules[match.route.id]?.handle);
    if (!frameAncestors) continue;
    const data: unknown = loaderData?.[match.route.id];
    return data === undefined || context.staticHandlerContext.errors ? [] : frameAncestors(data);
  }
  return [];
}

/** Requests that failed because the database was locked answer 503 "retry" instead of 500. */
const busyRequests = new WeakSet<Request>();

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isBusyError(error)) {
    busyRequests.add(request);
    console.warn(`[db] ${request.method} ${new URL(request.url).pathname}: database busy, answered 503`);
    return;
  }
  // The URL and the error (message, stack, causes) may contain a token: both are redacted.
  console.error(`[error] ${request.method} ${redactUrl(request.url)} ${redactSecrets(inspect(error))}`);
};

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (busyRequests.has(request)) {
    return new Response(response.body, { status: 503, headers: withRetryAfter(response.headers) });
  }
  return response;
}

function withRetryAfter(headers: Headers) {
  const copy = new Headers(headers);
  copy.set("Retry-After", "5");
  return copy;
}

/** A plain page: the request failed before anything was saved, so the honest answer is "retry". */
function busyPage(headers: Headers) {
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Retry-After", "5");
  const html = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Service momentanément indisponible — Amont</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1f24">
<main><h1>Service momentanément indisponible</h1>
<p>La base de données est occupée par une opération de maintenance. Rien n'a été enregistré à moitié : réessayez dans quelques secondes en renvoyant le formulaire.</p>
<p><a href="/" style="color: #1a4d8f">Revenir à l'accueil</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // A fresh nonce per page: only the inline scripts Remix writes into this page may run.
  const nonce = randomBytes(16).toString("base64");
  responseHeaders.set("Content-Security-Policy", pageContentSecurityPolicy(nonce, frameAncestorsOf(remixContext)));
  if (busyRequests.has(request)) return busyPage(responseHeaders);
  let status = responseStatusCode;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          if (shellRendered) console.error(`[render] ${redactSecrets(inspect(error))}`);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
