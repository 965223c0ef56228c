// What a French public service must show, over real HTTP on the built server: the footer with the
// accessibility status on every page, the accessibility statement, legal notices, privacy notice and
// contact page with the configured publisher; security.txt; and the personal data download.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { saveAnswers } from "~/sourcing/responses.server";
import { must } from "../support/must";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { createSupplier, publishedQuestionnaire, VALID_ANSWERS } from "../sourcing/fixtures";

const PUBLISHER = {
  LEGAL_PUBLISHER_NAME: "Syndicat mixte Achats Publics du Rhône",
  LEGAL_PUBLISHER_ADDRESS: "12 rue de la République, 69002 Lyon",
  LEGAL_PUBLISHER_SIREN: "253514491",
  LEGAL_PUBLICATION_DIRECTOR: "Claire Fontaine, présidente",
  LEGAL_CONTACT_EMAIL: "contact@achats-rhone.example.fr",
  SECURITY_CONTACT: "mailto:securite@achats-rhone.example.fr",
};

let server: RunningServer;

beforeAll(async () => {
  server = await startServer(PUBLISHER);
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

async function page(path: string, cookie?: string) {
  const response = await get(path, cookie);
  return { status: response.status, html: visibleHtml(await response.text()) };
}

describe("footer", () => {
  it("shows the accessibility status and the legal links on every page, the error pages included", async () => {
    const cookie = await sessionCookie((await createSupplier("Pied de Page SARL")).user.id);
    for (const [path, status, who] of [
      ["/", 200, undefined],
      ["/plan", 200, undefined],
      ["/connexion", 200, undefined],
      ["/compte", 200, cookie],
      ["/page-inexistante", 404, undefined],
    ] as const) {
      const result = await page(path, who);
      expect(result.status, path).toBe(status);
      expect(result.html, path).toMatch(/<a href="\/accessibilite">Accessibilité : non conforme<\/a>/);
      for (const link of ["/mentions-legales", "/confidentialite", "/contact"]) {
        expect(result.html, `${path} links to ${link}`).toContain(`href="${link}"`);
      }
    }
  });
});

describe("legal pages", () => {
  it("the accessibility statement says non conforme, why, what is known, whom to contact and the recourse", async () => {
    const { status, html } = await page("/accessibilite");
    expect(status).toBe(200);
    expect(html).toContain("Déclaration d'accessibilité");
    expect(html).toMatch(/<strong>non conforme<\/strong> avec le référentiel/);
    expect(html).toContain("aucun audit de conformité au RGAA n'a encore été réalisé");
    expect(html).toContain("FullCalendar");
    expect(html).toContain(PUBLISHER.LEGAL_PUBLISHER_NAME);
    expect(html).toContain('href="/contact"');
    expect(html).toContain("09 69 39 00 00");
    expect(html).toContain("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07");
    expect(html).not.toContain("Instance de démonstration");
  });

  it("the legal notices name the configured publisher, director and the host", async () => {
    const { status, html } = await page("/mentions-legales");
    expect(status).toBe(200);
    for (const value of Object.values(PUBLISHER).filter((value) => !value.startsWith("mailto:"))) {
      expect(html).toContain(value);
    }
    expect(html).toContain("Fly.io, Inc., 321 N Clark St Suite 2550, Chicago, IL 60654");
    expect(html).toContain('href="mailto:securite@achats-rhone.example.fr"');
  });

  it("the privacy notice gives legal bases, retention from the code, rights and the CNIL", async () => {
    const { status, html } = await page("/confidentialite");
    expect(status).toBe(200);
    expect(html).toContain("article 6.1.b du RGPD");
    expect(html).toContain("article 6.1.e du RGPD");
    expect(html).toContain("30 jours après votre dernière visite");
    expect(html).toContain("Télécharger mes données");
    expect(html).toContain("Resend");
    expect(html).toContain('href="https://www.cnil.fr"');
    expect(html).toContain(`href="mailto:${PUBLISHER.LEGAL_CONTACT_EMAIL}"`);
  });

  it("the contact page gives the configured address", async () => {
    const { status, html } = await page("/contact");
    expect(status).toBe(200);
    expect(html).toContain(`<a href="mailto:${PUBLISHER.LEGAL_CONTACT_EMAIL}">${PUBLISHER.LEGAL_CONTACT_EMAIL}</a>`);
    expect(html).toContain(PUBLISHER.LEGAL_PUBLISHER_ADDRESS);
  });
});

describe("/.well-known/security.txt", () => {
  it("gives the configured contact and expires one year after the request", async () => {
    const before = Date.now();
    const response = await get("/.well-known/security.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain(`Contact: ${PUBLISHER.SECURITY_CONTACT}\n`);
    expect(text).toContain(`Canonical: ${server.origin}/.well-known/security.txt\n`);
    const expires = Date.parse(text.match(/^Expires: (\S+)$/m)![1]!);
    const DAY_MS = 24 * 60 * 60 * 1000;
    expect(expires).toBeGreaterThan(before + 364 * DAY_MS);
    expect(expires).toBeLessThan(Date.now() + 367 * DAY_MS);
  });
});

describe("personal data download", () => {
  it("gives a signed-in user their own data as a JSON file, without secrets or anyone else's data", async () => {
    const setup = await publishedQuestionnaire();
    const me = await createSupplier("Menuiserie des Données");
    const other = await createSupplier("Concurrent Discret");
    const argon2Hash = "$argon2id$v=19$m=19456,t=2,p=1$c2VsLWRlLXRlc3Q$aGFzaC1kZS10ZXN0LXF1aS1uZS1kb2l0LXBhcy1zb3J0aXI";
    await write((tx) => tx.user.update({ where: { id: me.user.id }, data: { passwordHash: argon2Hash } }));
    must(await saveAnswers(me.supplier, setup.questionnaireId, 1, VALID_ANSWERS, "submit"));
    must(
      await saveAnswers(
        other.supplier,
        setup.questionnaireId,
        1,
        { ...VALID_ANSWERS, q1: "Réponse de l'autre" },
        "submit",
      ),
    );
    const secretCode = "407215";
    const secretLink = `${server.origin}/verification?token=jetonsecretdetest0123456789`;
    await write(async (tx) => {
      await tx.outboxMessage.create({
        data: {
          template: "verify-email",
          // As queueEmail marks it (the template declares its secret props).
          carriesSecret: true,
          to: me.user.email,
          subject: `${secretCode} est votre code Amont`,
          html: `<a href="${secretLink}">Confirmer</a>`,
          text: `Votre code : ${secretCode}. Lien : ${secretLink}`,
        },
      });
      await tx.outboxMessage.create({
        data: {
          template: "sourcing-new-version",
          to: me.user.email,
          subject: "Nouvelle version du questionnaire",
          html: "<p>Une nouvelle version est publiée.</p>",
          text: "Une nouvelle version est publiée.",
        },
      });
      await tx.outboxMessage.create({
        data: { template: "sourcing-new-version", to: other.user.email, subject: "Pour l'autre", html: "", text: "" },
      });
    });
    const cookie = await sessionCookie(me.user.id, me.organization.id);
    await sessionCookie(other.user.id, other.organization.id);

    const response = await fetch(`${server.url}/compte/donnees`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: cookie },
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="amont-mes-donnees-.+\.json"$/);
    const text = await response.text();
    const data = JSON.parse(text) as {
      generatedAt: string;
      user: { email: string; name: string };
      memberships: { role: string; organization: { name: string } }[];
      sessions: { expiresAt: string }[];
      questionnaireResponses: { status: string; answers: Record<string, string> }[];
      ledgerRecords: { kind: string; youActed: boolean }[];
      emails: { template: string; subject?: string; text?: string; note?: string }[];
    };

    expect(data.user.email).toBe(me.user.email);
    expect(Date.parse(data.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(data.memberships).toEqual([
      expect.objectContaining({
        role: "admin",
        organization: expect.objectContaining({ name: "Menuiserie des Données" }),
      }),
    ]);
    expect(data.sessions).toHaveLength(1);
    expect(data.questionnaireResponses).toEqual([
      expect.objectContaining({ status: "submitted", answers: expect.objectContaining({ q1: VALID_ANSWERS.q1 }) }),
    ]);
    expect(data.ledgerRecords.some((record) => record.youActed && record.kind.startsWith("sourcing."))).toBe(true);
    expect(data.emails.map((email) => email.template).sort()).toEqual(["sourcing-new-version", "verify-email"]);
    expect(data.emails.find((email) => email.template === "sourcing-new-version")?.text).toBe(
      "Une nouvelle version est publiée.",
    );
    expect(data.emails.find((email) => email.template === "verify-email")?.note).toMatch(/code ou un lien/);

    // Nothing of anyone else, and no secret or hash of one.
    expect(text).not.toContain(other.user.email);
    expect(text).not.toContain("Réponse de l'autre");
    expect(text).not.toContain("Concurrent Discret");
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("argon2");
    expect(text).not.toContain(secretCode);
    expect(text).not.toContain("jetonsecretdetest");
    for (const session of await db.session.findMany({ select: { id: true } })) {
      expect(text).not.toContain(session.id);
    }
  });

  it("sends a visitor to the login page, and a GET back to the account page", async () => {
    const visitor = await fetch(`${server.url}/compte/donnees`, {
      method: "POST",
      headers: { Origin: server.origin },
      redirect: "manual",
    });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/connexion\?redirectTo=/);
    const visitorGet = await get("/compte/donnees");
    expect(visitorGet.status).toBe(302);
    expect(visitorGet.headers.get("location")).toBe("/compte");
  });

  it("offers the download as a button on the account page", async () => {
    const cookie = await sessionCookie((await createSupplier("Bouton SARL")).user.id);
    const { html } = await page("/compte", cookie);
    expect(html).toMatch(/<form method="post" action="\/compte\/donnees"[^>]*>/);
    expect(html).toContain("Télécharger mes données");
  });
});
