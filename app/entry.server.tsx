import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isBusyError } from "~/db/db.server";
import { env } from "~/env.server";
import { startBackgroundJobs } from "~/jobs.server";

// Validate the environment when the server starts, not on the first request.
env();
if (process.env.NODE_ENV !== "test") startBackgroundJobs();

const ABORT_DELAY = 5_000;

/** Requests that failed because the database was locked answer 503 "retry" instead of 500. */
const busyRequests = new WeakSet<Request>();

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isBusyError(error)) {
    busyRequests.add(request);
    console.warn(`[db] ${request.method} ${new URL(request.url).pathname}: database busy, answered 503`);
    return;
  }
  console.error(`[error] ${request.method} ${request.url}`, error);
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

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  let status = responseStatusCode;
  if (busyRequests.has(request)) {
    status = 503;
    responseHeaders.set("Retry-After", "5");
  }
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
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
          if (shellRendered) console.error("[render]", error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
