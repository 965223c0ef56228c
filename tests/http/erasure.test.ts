// Erasure over real HTTP on the built server, on the demo data: a platform admin's erasure page
// (refused to others, unknown address answered next to the field, preview, confirmation), a
// supplier's contact closing his account (wrong password, sole admin refused, success), the buyer's
// record then showing his entries redacted, and no trace of him left in the database file's bytes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNKNOWN_PERSON_MESSAGE, WRONG_PASSWORD_MESSAGE } from "~/auth/erasure.server";
import { connectDatabase, db, truncateWriteAheadLog } from "~/db/db.server";
import { seedDemoData } from "../../prisma/seed";
import { DEMO_PASSWORD } from "../../prisma/seed-data";
import { databaseBytes } from "../support/database-bytes";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const run = promisify(execFile);
let server: RunningServer;

/** Damien Garnier runs Électricité Garnier alone; the Métropole's record names him in a phone call. */
const DAMIEN = { email: "contact@electricite-garnier.test", name: "Damien Garnier" };
/** Sandrine Blanc, of Saveurs du Plateau, asks a platform admin to erase her data. */
const SANDRINE = { email: "contact@saveurs-du-plateau.test", name: "Sandrine Blanc" };

beforeAll(async () => {
  await connectDatabase();
  await seedDemoData();
  server = await startServer();
}, 180_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form),
  });
}

/** The cookies a response sets, as a Cookie header (the toast, or the session of a log-in). */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
}

async function cookieOf(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  return sessionCookie(user.id, user.memberships[0]?.organizationId);
}

async function logIn(email: string, password: string) {
  return post("/connexion", { email, password });
}

describe("the platform admins' erasure page", () => {
  it("is refused to everyone else, answers an unknown address next to the field, previews, then erases", async () => {
    expect((await get("/admin/effacement")).headers.get("location")).toMatch(/^\/connexion/);
    const supplier = await cookieOf("fournisseur@amont.test");
    expect((await get("/admin/effacement", supplier)).status).toBe(403);
    expect((await post("/admin/effacement", { intent: "erase", email: SANDRINE.email }, supplier)).status).toBe(403);
    expect(await db.user.findUnique({ where: { email: SANDRINE.email } })).not.toBeNull();

    const admin = await cookieOf("admin@amont.test");
    const page = await get("/admin/effacement", admin);
    expect(page.status).toBe(200);
    expect(visibleHtml(await page.text())).toContain("Adresse électronique du compte de la personne");

    const ledgerBefore = await db.ledgerRecord.count();
    const unknown = await post("/admin/effacement", { intent: "preview", email: "personne@exemple.fr" }, admin);
    expect(unknown.status).toBe(400);
    const unknownHtml = visibleHtml(await unknown.text());
    expect(unknownHtml).toMatch(
      /<ul class="field-error" id="[^"]*email-error"><li>Aucun compte n'utilise cette adresse/,
    );
    expect(unknownHtml).toContain(UNKNOWN_PERSON_MESSAGE);
    expect(unknownHtml).toContain('value="personne@exemple.fr"');
    const malformed = await post("/admin/effacement", { intent: "erase", email: "pas-une-adresse" }, admin);
    expect(malformed.status).toBe(400);
    expect(visibleHtml(await malformed.text())).toContain("Cette adresse électronique n'est pas valide");
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);

    const preview = await post("/admin/effacement", { intent: "preview", email: SANDRINE.email }, admin);
    expect(preview.status).toBe(200);
    const previewHtml = visibleHtml(await preview.text());
    expect(previewHtml).toContain(`Ce qui sera effacé pour ${SANDRINE.email}`);
    expect(previewHtml).toMatch(/Au registre des échanges : \d+ champs? dans \d+ enregistrements?/);
    expect(previewHtml).toContain("Saveurs du Plateau, restauration collective");
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);

    const erased = await post("/admin/effacement", { intent: "erase", email: SANDRINE.email }, admin);
    expect(erased.status).toBe(302);
    expect(erased.headers.get("location")).toBe("/admin/effacement");
    const after = await get("/admin/effacement", `${admin}; ${cookiesOf(erased)}`);
    expect(visibleHtml(await after.text())).toContain("Les données de cette personne sont effacées.");
    expect(await db.user.findUnique({ where: { email: SANDRINE.email } })).toBeNull();
    const refusedLogin = await logIn(SANDRINE.email, DEMO_PASSWORD);
    expect(refusedLogin.status).toBe(400);
    expect(visibleHtml(await refusedLogin.text())).toContain("Adresse électronique ou mot de passe incorrect.");
  });
});

describe("closing one's account", () => {
  it("refuses the only admin of an organisation with other members", async () => {
    // Julien Perrin administers Menuiserie Perrin & Fils, where Léa Perrin is a member.
    const julien = cookiesOf(await logIn("fournisseur@amont.test", DEMO_PASSWORD));
    const page = await get("/compte/fermer", julien);
    expect(page.status).toBe(200);
    expect(visibleHtml(await page.text())).toContain(
      "Vous êtes le seul administrateur de « Menuiserie Perrin & Fils »",
    );
    const refused = await post("/compte/fermer", { password: DEMO_PASSWORD }, julien);
    expect(refused.status).toBe(409);
    expect(visibleHtml(await refused.text())).toContain(
      "Vous êtes le seul administrateur de « Menuiserie Perrin & Fils », qui compte d'autres membres",
    );
    expect((await get("/compte", julien)).status).toBe(200);
  });

  it("asks for the password, then erases the account: no log-in, no data, the record shows the entries redacted", async () => {
    // Before: his name and address are in the file (his account, the ledger, the messages he received).
    const before = databaseBytes()
      .map(({ bytes }) => bytes)
      .join("");
    expect(before).toContain(DAMIEN.name);
    expect(before).toContain(DAMIEN.email);
    const damien = cookiesOf(await logIn(DAMIEN.email, DEMO_PASSWORD));
    const account = visibleHtml(await (await get("/compte", damien)).text());
    expect(account).toContain('href="/compte/fermer"');
    const page = visibleHtml(await (await get("/compte/fermer", damien)).text());
    for (const text of ["Ce qui est effacé", "Ce qui reste", "« [effacé] »", "Fermer définitivement mon compte"])
      expect(page).toContain(text);

    const wrong = await post("/compte/fermer", { password: "pas le bon mot de passe" }, damien);
    expect(wrong.status).toBe(400);
    const wrongHtml = visibleHtml(await wrong.text());
    expect(wrongHtml).toMatch(/id="[^"]*password-error"><li>Mot de passe incorrect/);
    expect(wrongHtml).toContain(WRONG_PASSWORD_MESSAGE);
    expect(await db.user.findUnique({ where: { email: DAMIEN.email } })).not.toBeNull();

    const closed = await post("/compte/fermer", { password: DEMO_PASSWORD }, damien);
    expect(closed.status).toBe(302);
    expect(closed.headers.get("location")).toBe("/");
    const home = visibleHtml(await (await get("/", cookiesOf(closed))).text());
    expect(home).toContain("Votre compte est fermé.");

    // The old session is gone, the password opens nothing, the data download needs a session.
    expect((await get("/compte", damien)).headers.get("location")).toMatch(/^\/connexion/);
    expect((await post("/compte/donnees", {}, damien)).headers.get("location")).toMatch(/^\/connexion/);
    expect((await logIn(DAMIEN.email, DEMO_PASSWORD)).status).toBe(400);

    // The Métropole's record: the phone call that named him is there, marked, without his name.
    const buyer = await cookieOf("acheteur@amont.test");
    const metropole = await db.organization.findUniqueOrThrow({ where: { slug: "metropole-rhone-confluence" } });
    const procurement = await db.plannedProcurement.findFirstOrThrow({
      where: { organizationId: metropole.id, questionnaires: { some: { status: "published" } }, events: { some: {} } },
    });
    const record = await get(`/acheteur/achats/${procurement.id}/dossier?type=manual.exchange`, buyer);
    expect(record.status).toBe(200);
    const recordHtml = visibleHtml(await record.text());
    expect(recordHtml).toContain("Effacé à la demande de la personne concernée (RGPD)");
    expect(recordHtml).toContain("[effacé]");
    expect(recordHtml).not.toContain(DAMIEN.name);

    // The chain still verifies, and says how many records were redacted.
    const verify = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/ledger-verify.ts"], {
      env: { ...process.env },
      encoding: "utf8",
    });
    expect(verify.stdout).toMatch(
      /Registre des échanges intègre : \d+ enregistrement\(s\), dont \d+ où des données personnelles ont été effacées à la demande des personnes concernées, dernière empreinte [0-9a-f]{64}/,
    );
  });

  it("leaves neither his name nor his address anywhere in the database file or its write-ahead log", async () => {
    // The server emptied the write-ahead log after the erasure; anything written since (this file's
    // own reads write nothing) is checkpointed the same way before looking at the bytes.
    expect(await truncateWriteAheadLog()).toBe(true);
    const contents = databaseBytes();
    // The search does find a name that is still there (a demo account's).
    expect(contents.some(({ bytes }) => bytes.includes("Julien Perrin"))).toBe(true);
    for (const { path, bytes } of contents)
      for (const trace of [DAMIEN.name, DAMIEN.email, SANDRINE.name, SANDRINE.email])
        expect(bytes.includes(trace), `${trace} in ${path}`).toBe(false);
  });
});
