// The real built server over real HTTP: cross-cutting protections and operations endpoints.
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ DB_WRITE_RETRY_BUDGET_MS: "600" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function signUpForm(email: string) {
  return new URLSearchParams({
    name: "Nadia Benali",
    email,
    password: "une phrase de passe solide",
    confirmPassword: "une phrase de passe solide",
  });
}

describe("HTTP server", () => {
  it("answers the health check after reading the database", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  it("logs each request with method, path, status and duration", async () => {
    await fetch(`${server.url}/connexion`);
    // The line is written when the response finishes, a moment after the client has it: wait for it
    // (a fixed pause failed on a busy machine).
    await expect.poll(() => server.logs(), { timeout: 10_000 }).toMatch(/\[http\] GET \/connexion 200 \d+\.\dms/);
  });

  it("answers unknown pages with a French 404 page", async () => {
    const response = await fetch(`${server.url}/nulle-part`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain("Page introuvable");
  });

  it("refuses a form posted from another site, or without an Origin", async () => {
    const foreign = await fetch(`${server.url}/inscription`, {
      method: "POST",
      headers: { Origin: "https://evil.example" },
      body: signUpForm("csrf@exemple.fr"),
    });
    expect(foreign.status).toBe(403);
    const none = await fetch(`${server.url}/inscription`, { method: "POST", body: signUpForm("csrf@exemple.fr") });
    expect(none.status).toBe(403);
    expect(await db.user.count({ where: { email: "csrf@exemple.fr" } })).toBe(0);
  });

  it("accepts the same form from the site itself", async () => {
    const response = await fetch(`${server.url}/inscription`, {
      method: "POST",
      headers: { Origin: server.origin },
      body: signUpForm("nadia@exemple.fr"),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/verification?email=nadia%40exemple.fr");
    expect(await db.user.count({ where: { email: "nadia@exemple.fr" } })).toBe(1);
  });

  it("shows validation errors in French next to the fields, keeping what was typed", async () => {
    const body = new URLSearchParams({
      name: "Nadia Benali",
      email: "pas-une-adresse",
      password: "court",
      confirmPassword: "court",
    });
    const response = await fetch(`${server.url}/inscription`, {
      method: "POST",
      headers: { Origin: server.origin },
      body,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Cette adresse électronique n&#x27;est pas valide");
    expect(html).toContain("au moins 12 caractères");
    expect(html).toMatch(/value="Nadia Benali"/);
    expect(html).not.toContain('value="court"');
  });

  it("answers 413 to an oversized body without reading it", async () => {
    const response = await fetch(`${server.url}/inscription`, {
      method: "POST",
      headers: { Origin: server.origin },
      body: "x".repeat(1_100_000),
    });
    expect(response.status).toBe(413);
  });

  it("answers a French 503 and saves nothing while another process holds the database lock", async () => {
    const other = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    other.exec("BEGIN IMMEDIATE");
    try {
      const response = await fetch(`${server.url}/inscription`, {
        method: "POST",
        headers: { Origin: server.origin },
        body: signUpForm("verrou@exemple.fr"),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.text()).toContain("réessayez dans quelques secondes");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(await db.user.count({ where: { email: "verrou@exemple.fr" } })).toBe(0);
    const retry = await fetch(`${server.url}/inscription`, {
      method: "POST",
      headers: { Origin: server.origin },
      body: signUpForm("verrou@exemple.fr"),
      redirect: "manual",
    });
    expect(retry.status).toBe(302);
  });
});
