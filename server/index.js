// Production (and development) HTTP server: Express in front of the Remix request handler.
// Cross-cutting protections live here, before any route runs: request logs, body size limit,
// same-origin check for every non-GET request, static assets, security headers.
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchRequestHandler, installGlobals } from "@remix-run/node";
import express from "express";
import { createPageCache } from "./page-cache.js";

installGlobals({ nativeFetch: true });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_PATH = path.join(root, "build", "index.js");
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);
/**
 * Forms that carry a file (the record page's attachment, 5 Mo at most; a relay's logo; an export to
 * verify on /registre/verifier, 10 Mo at most): their body may be larger, so that a file over the
 * limit is still read (and dropped) and refused with a French message next to its field, the other
 * fields kept, rather than with a bare 413 page.
 */
const MAX_UPLOAD_BODY_BYTES = Number(process.env.MAX_UPLOAD_BODY_BYTES ?? 25 * 1024 * 1024);
const UPLOAD_PATHS = [
  /^\/acheteur\/achats\/[^/]+\/dossier$/,
  /^\/organisations\/[^/]+\/relais$/,
  /^\/registre\/verifier$/,
];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const production = process.env.NODE_ENV === "production";

async function loadBuild() {
  try {
    return await import(pathToFileURL(BUILD_PATH).href + (production ? "" : `?t=${Date.now()}`));
  } catch (error) {
    if (
      error &&
      typeof error === "object" &&
      "code" in error &&
      error.code === "ERR_MODULE_NOT_FOUND" &&
      String(error).includes(BUILD_PATH)
    ) {
      console.error("No build found: run `npm run build` first.");
      process.exit(1);
    }
    throw error;
  }
}

const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Production is served over HTTPS only (Fly redirects HTTP); browsers ignore HSTS over plain HTTP.
  ...(production ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
};
/**
 * Pages meant for an iframe on another site (a relay's widget, see isFrameablePath in the
 * application): no X-Frame-Options, which can only deny or allow the same origin; their
 * Content-Security-Policy's frame-ancestors names the sites that may frame them.
 */
const { "X-Frame-Options": _denyFraming, ...FRAMEABLE_SECURITY_HEADERS } = SECURITY_HEADERS;

/**
 * Pages get their Content-Security-Policy, with the nonce of their inline scripts, from
 * app/entry.server.tsx. Any other response that has none when its headers are written (feeds,
 * data requests, files, errors) gets the application's policy for resources (nothing in it may
 * run, and it is never framed). Node writes the headers through writeHead, even implicitly.
 */
function addDefaultContentSecurityPolicy(res, policy) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.hasHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", policy);
    return writeHead.apply(this, args);
  };
}

// Request logs (method, path, status, duration) are written in batches: one write per request
// to a pipe costs more than serving a cached page. Secrets in the path or query (tokens of links
// sent by email, of the private agenda feed) are redacted by the application's redactUrl, which
// createApp() takes from the build before any request is served.
let redactUrl = null;
let pendingLog = "";
let logTimer = null;
function flushLog() {
  logTimer = null;
  if (pendingLog) process.stdout.write(pendingLog);
  pendingLog = "";
}
function logRequest(method, url, status, startedAt) {
  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  pendingLog += `[http] ${method} ${redactUrl(url)} ${status} ${ms.toFixed(1)}ms\n`;
  if (pendingLog.length > 16_384) flushLog();
  else logTimer ??= setTimeout(flushLog, 50);
}
process.on("exit", flushLog);

/**
 * Posts accepted from anywhere: the secret in their URL is their only credential (no cookie is read),
 * so another site cannot forge them. The one-click unsubscribe of alert emails and of relays' edition
 * notices (RFC 8058) is posted by mail providers, without an Origin.
 */
const CREDENTIAL_IN_URL_POSTS = [/^\/alertes\/desabonnement\/[^/]+$/, /^\/relais\/desabonnement\/[^/]+$/];

/** The site's own origins: the configured public URL, and the host this request was sent to. */
const CONFIGURED_ORIGIN = process.env.APP_URL ? new URL(process.env.APP_URL).origin : null;
function isSameOrigin(req, origin) {
  return origin === CONFIGURED_ORIGIN || origin === `${req.protocol}://${req.get("host")}`;
}

/** Public pages rendered for visitors without cookies are reused this long (see page-cache.js). */
const PAGE_CACHE_TTL_MS = Number(process.env.PAGE_CACHE_TTL_MS ?? 5_000);
const PAGE_CACHE_MAX_ENTRIES = 500;
const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024;

const plainFrench = (res, status, text) => res.status(status).type("text/plain; charset=utf-8").send(text);

export async function createApp() {
  const build = await loadBuild();
  const shared = build.entry.module;
  if (
    typeof shared.redactUrl !== "function" ||
    typeof shared.pageCacheKey !== "function" ||
    typeof shared.isFrameablePath !== "function" ||
    typeof shared.RESOURCE_CONTENT_SECURITY_POLICY !== "string"
  ) {
    throw new Error("The build is older than server/index.js: run `npm run build` again.");
  }
  redactUrl = shared.redactUrl;
  const securityHeadersOf = (target) =>
    shared.isFrameablePath(target.split("?", 1)[0]) ? FRAMEABLE_SECURITY_HEADERS : SECURITY_HEADERS;
  const app = express();
  app.disable("x-powered-by");
  // Behind Fly's proxy set TRUST_PROXY=1 so that req.ip is the client, not the proxy.
  app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) : false);

  app.use((req, res, next) => {
    const startedAt = process.hrtime.bigint();
    res.on("finish", () => logRequest(req.method, req.originalUrl, res.statusCode, startedAt));
    next();
  });

  app.use((req, res, next) => {
    res.set(securityHeadersOf(req.path));
    addDefaultContentSecurityPolicy(res, shared.RESOURCE_CONTENT_SECURITY_POLICY);
    if (SAFE_METHODS.has(req.method)) return next();
    const length = req.get("content-length");
    const upload = req.is("multipart/form-data") && UPLOAD_PATHS.some((pattern) => pattern.test(req.path));
    if (length !== undefined && Number(length) > (upload ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES)) {
      return plainFrench(
        res,
        413,
        upload
          ? "Le fichier joint est bien trop volumineux : 5 Mo au plus. Revenez à la page précédente et choisissez un fichier plus léger."
          : "Le contenu envoyé est trop volumineux.",
      );
    }
    if (length === undefined && req.get("transfer-encoding")) {
      return plainFrench(res, 411, "La taille du contenu envoyé doit être indiquée.");
    }
    const origin = req.get("origin");
    if ((!origin || !isSameOrigin(req, origin)) && !CREDENTIAL_IN_URL_POSTS.some((pattern) => pattern.test(req.path))) {
      console.warn(
        `[http] refused ${req.method} ${redactUrl(req.originalUrl)}: origin ${origin ?? "(none)"} is not this site's`,
      );
      return plainFrench(res, 403, "Requête refusée : elle ne provient pas du site Amont.");
    }
    next();
  });

  app.use(
    "/build",
    express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y", fallthrough: false }),
  );
  // Other public files: only for paths that look like files, so that pages skip the file lookup.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) =>
    /\.[a-z0-9]+$/i.test(req.path) && !req.path.endsWith(".data") ? publicFiles(req, res, next) : next(),
  );

  // Hot endpoints answered without Remix's router (see fastRoutes in app/entry.server.tsx).
  for (const [routePath, handle] of Object.entries(build.entry.module.fastRoutes ?? {})) {
    app.all(routePath, async (req, res, next) => {
      try {
        const response = await handle(
          new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, { method: req.method }),
        );
        res.status(response.status);
        for (const [name, value] of response.headers) res.set(name, value);
        res.end(req.method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        next(error);
      }
    });
  }

  const renderForCache = createFetchRequestHandler(build, build.mode);
  const pageCache = createPageCache({
    async render(url) {
      const response = await renderForCache(new Request(url, { headers: { Accept: "text/html" } }), {
        clientIp: "anonymous",
      });
      const body = Buffer.from(await response.arrayBuffer());
      const headers = [...response.headers].filter(([name]) => name !== "content-length");
      const cacheable = response.status === 200 && !response.headers.has("set-cookie");
      return { status: response.status, headers, body, cacheable };
    },
    keyOf: shared.pageCacheKey,
    ttlMs: PAGE_CACHE_TTL_MS,
    maxEntries: PAGE_CACHE_MAX_ENTRIES,
    maxBytes: PAGE_CACHE_MAX_BYTES,
    securityHeaders: securityHeadersOf,
    logRequest,
  });
  app.use(pageCache.servePage);

  app.all(
    "*",
    createRequestHandler({ build, mode: build.mode, getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown" }) }),
  );
  return { app, build, pageCache };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { app, build, pageCache } = await createApp();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  // Fresh cached pages are answered before Express; everything else goes through the app.
  const server = http.createServer((req, res) => {
    if (!pageCache.serveFreshHit(req, res)) app(req, res);
  });
  server.listen(port, host, () => {
    console.log(`Amont écoute sur http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
    if (!production && process.env.REMIX_DEV_ORIGIN) {
      import("@remix-run/node").then(({ broadcastDevReady }) => broadcastDevReady(build));
    }
  });
  const shutdown = (signal) => {
    console.log(`${signal} received, closing`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
