// The account pages through the real built server: where login redirects to (never another site),
// pages that answer the same whether or not an address has an account, and abuse limits answered
// with 429, Retry-After and a French message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { db, write } from "~/db/db.server";
import { visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const PASSWORD = "une phrase de passe solide";

beforeAll(async () => {
  server = await startServer();
  const passwordHash = await hashPassword(PASSWORD);
  await write((tx) =>
    tx.user.createMany({
      data: ["redirige@exemple.fr", "existante@exemple.fr", "oubli@exemple.fr"].map((email) => ({
        email,
        name: "Camille Existante",
        passwordHash,
        emailVerifiedAt: new Date(),
      })),
    }),
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function post(path: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Origin: server.origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** The cookies a response sets, as a Cookie header for the next request. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}

async function page(path: string, cookie: string) {
  const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
  return { status: response.status, html: visibleHtml(await response.text()) };
}

describe("the redirect after login", () => {
  const login = (redirectTo: string) =>
    post("/connexion", { email: "redirige@exemple.fr", password: PASSWORD, redirectTo });

  it("never sends to another site: a tab between two slashes is refused (the reported open redirect)", async () => {
    const response = await login("/\t/evil.example");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/compte");
  });

  it.each(["//evil.example", "/\\evil.example", "/%2F/evil.example", "https://evil.example", "javascript:alert(1)"])(
    "refuses %j",
    async (redirectTo) => {
      const response = await login(redirectTo);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/compte");
    },
  );

  it("goes back to the page of this site that asked for the login", async () => {
    const response = await login("/plan?departement=69");
    expect(response.headers.get("location")).toBe("/plan?departement=69");
  });
});

describe("pages that do not tell whether an address has an account", () => {
  it("answers a sign-up the same way for a taken and a new address", async () => {
    const answer = async (email: string) => {
      const response = await post("/inscription", {
        name: "Camille Curieuse",
        email,
        password: PASSWORD,
        confirmPassword: PASSWORD,
      });
      const location = response.headers.get("location") ?? "";
      const next = await page(location, cookiesOf(response));
      const anonymise = (text: string) =>
        text.replaceAll(email, "ADRESSE").replaceAll(encodeURIComponent(email), "ADRESSE");
      return {
        status: response.status,
        location: anonymise(location),
        body: anonymise(await response.text()),
        nextStatus: next.status,
        nextPage: anonymise(next.html),
      };
    };
    const taken = await answer("existante@exemple.fr");
    const fresh = await answer("toute-nouvelle@exemple.fr");
    expect(taken).toEqual(fresh);
    expect(taken.status).toBe(302);
    expect(taken.location).toBe("/verification?email=ADRESSE");
    expect(taken.nextPage).toContain("Consultez votre messagerie : un courriel vient d'être envoyé à ADRESSE.");
    expect(taken.nextPage).not.toMatch(/existe déjà|compte est créé/);
    // The owner of the taken address is told by email; the new one gets its code.
    expect((await db.outboxMessage.findFirstOrThrow({ where: { to: "existante@exemple.fr" } })).template).toBe(
      "account-exists",
    );
    expect((await db.outboxMessage.findFirstOrThrow({ where: { to: "toute-nouvelle@exemple.fr" } })).template).toBe(
      "verify-email",
    );
  });

  it("answers a password reset the same way for a known and an unknown address", async () => {
    const answer = async (email: string) => {
      const response = await post("/mot-de-passe-oublie", { email });
      return {
        status: response.status,
        body: visibleHtml(await response.text()).replaceAll(email, "ADRESSE"),
      };
    };
    const known = await answer("oubli@exemple.fr");
    const unknown = await answer("inconnue@exemple.fr");
    expect(known).toEqual(unknown);
    expect(known.status).toBe(200);
    expect(known.body).toContain("Un courriel vient d'être envoyé à ADRESSE.");
  });
});

describe("abuse limits", () => {
  it("answers 429 with Retry-After and a French message saying when to retry", async () => {
    const ask = () => post("/mot-de-passe-oublie", { email: "harcelee@exemple.fr" });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(59 * 60);
    const html = visibleHtml(await refused.text());
    expect(html).toContain("Trop de demandes de nouveau mot de passe pour cette adresse. Réessayez dans 1 heure.");
    // The address is kept in the field; only three messages went out.
    expect(html).toContain('value="harcelee@exemple.fr"');
    expect(await db.outboxMessage.count({ where: { to: "harcelee@exemple.fr" } })).toBe(3);
  });
});
