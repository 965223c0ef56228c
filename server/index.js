// Production (and development) HTTP server: Express in front of the Remix request handler.
// Cross-cutting protections live here, before any route runs: request logs, body size limit,
// same-origin check for every non-GET request, static assets, security headers.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import express from "express";

installGlobals({ nativeFetch: true });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_PATH = path.join(root, "build", "index.js");
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const production = process.env.NODE_ENV === "production";

async function loadBuild() {
  try {
    return await import(pathToFileURL(BUILD_PATH).href + (production ? "" : `?t=${Date.now()}`));
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && error.code === "ERR_MODULE_NOT_FOUND" && String(error).includes(BUILD_PATH)) {
      console.error("No build found: run `npm run build` first.");
      process.exit(1);
    }
    throw error;
  }
}

/** The site's own origins: the configured public URL, and the host this request was sent to. */
function isSameOrigin(req, origin) {
  const configured = process.env.APP_URL ? new URL(process.env.APP_URL).origin : null;
  return origin === configured || origin === `${req.protocol}://${req.get("host")}`;
}

const plainFrench = (res, status, text) => res.status(status).type("text/plain; charset=utf-8").send(text);

export async function createApp() {
  const build = await loadBuild();
  const app = express();
  app.disable("x-powered-by");
  // Behind Fly's proxy set TRUST_PROXY=1 so that req.ip is the client, not the proxy.
  app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) : false);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(`[http] ${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  });

  app.use((req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    if (SAFE_METHODS.has(req.method)) return next();
    const length = req.get("content-length");
    if (length !== undefined && Number(length) > MAX_BODY_BYTES) {
      return plainFrench(res, 413, "Le contenu envoyé est trop volumineux.");
    }
    if (length === undefined && req.get("transfer-encoding")) {
      return plainFrench(res, 411, "La taille du contenu envoyé doit être indiquée.");
    }
    const origin = req.get("origin");
    if (!origin || !isSameOrigin(req, origin)) {
      console.warn(`[http] refused ${req.method} ${req.originalUrl}: origin ${origin ?? "(none)"} is not this site's`);
      return plainFrench(res, 403, "Requête refusée : elle ne provient pas du site Amont.");
    }
    next();
  });

  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  app.all(
    "*",
    createRequestHandler({ build, mode: build.mode, getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown" }) }),
  );
  return { app, build };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { app, build } = await createApp();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, () => {
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
