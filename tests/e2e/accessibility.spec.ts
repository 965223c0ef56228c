// Accessibility: axe-core (WCAG 2.0/2.1, levels A and AA) finds no serious or critical violation on
// the public pages (the legal pages included, as an unconfigured demonstration shows them, and the
// ledger's state and verification pages), the 404 page and the first pages of a logged-in user; the skip link is the
// first thing the keyboard reaches and moves focus to the content.

import { randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import {
  createPendingBuyer,
  createVerifiedUser,
  e2eDatabaseFile,
  expect,
  expectNoSeriousViolations,
  logInAs,
  makePlatformAdmin,
  test,
} from "./fixtures";

const PUBLIC_PAGES = [
  { name: "home", path: "/", heading: /Préparer les marchés publics/ },
  { name: "login", path: "/connexion", heading: "Se connecter" },
  { name: "sign-up", path: "/inscription", heading: "Créer un compte" },
  { name: "404", path: "/cette-page-n-existe-pas", heading: "Page introuvable", status: 404 },
  { name: "accessibility statement", path: "/accessibilite", heading: "Déclaration d'accessibilité" },
  { name: "legal notices", path: "/mentions-legales", heading: "Mentions légales" },
  { name: "privacy notice", path: "/confidentialite", heading: "Données personnelles" },
  { name: "contact", path: "/contact", heading: "Contact" },
  { name: "ledger state", path: "/registre/etat", heading: "État du registre des échanges" },
  { name: "export verification", path: "/registre/verifier", heading: "Vérifier un export du registre" },
];

for (const { name, path, heading, status = 200 } of PUBLIC_PAGES) {
  test(`axe: ${name} page (${path})`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
}

test("axe: sign-up form showing its errors", async ({ page }) => {
  await page.goto("/inscription");
  await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("axe: the export verification page showing an error next to its file field", async ({ page }) => {
  await page.goto("/registre/verifier");
  await page.getByLabel("Fichier JSON de l'export").setInputFiles({
    name: "dossier.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"dossier": "incomplet"'),
  });
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.locator("#fichier-error")).toContainText("s'arrête avant la fin");
  await expectNoSeriousViolations(page);
});

test("axe: account and new-organisation pages of a logged-in user", async ({ page, loggedInUser }) => {
  await page.goto("/compte");
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(loggedInUser.name);
  await expectNoSeriousViolations(page);

  await page.goto("/organisations/nouvelle/fournisseur");
  await expect(page.getByLabel("SIRET")).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("axe: the platform admin's organisations page, with a pending request and a refusal missing its reason", async ({
  page,
  context,
  baseURL,
}) => {
  const admin = await createVerifiedUser({ name: "Camille Roux" });
  makePlatformAdmin(admin);
  const founder = await createVerifiedUser({ name: "Sandrine Lefebvre" });
  const name = `Commune de Rivebois-sur-Authie ${founder.id.slice(-4)}`;
  createPendingBuyer(founder, name);
  await logInAs(context, baseURL!, admin);

  await page.goto("/admin/organisations");
  await expect(page.getByRole("heading", { level: 1, name: "Organisations à vérifier" })).toBeVisible();
  const request = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name }) });
  await expect(request).toBeVisible();
  await expectNoSeriousViolations(page);

  await request.locator("summary").click();
  await request.getByRole("button", { name: `Refuser ${name}` }).click();
  await expect(request.locator(".field-error")).toContainText("Écrivez le motif du refus");
  await expectNoSeriousViolations(page);
});

test("axe: closing one's account (with a wrong password) and the platform admin's erasure page with its previews", async ({
  page,
  context,
  baseURL,
  loggedInUser,
}) => {
  await page.goto("/compte/fermer");
  await expect(page.getByRole("heading", { level: 1, name: "Fermer mon compte" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Votre mot de passe").fill("pas le bon mot de passe");
  await page.getByRole("button", { name: "Fermer définitivement mon compte" }).click();
  await expect(page.locator(".field-error")).toContainText("Mot de passe incorrect");
  await expectNoSeriousViolations(page);

  const admin = await createVerifiedUser({ name: "Camille Roux" });
  makePlatformAdmin(admin);
  await logInAs(context, baseURL!, admin);
  await page.goto("/admin/effacement");
  await expect(page.getByRole("heading", { level: 1, name: "Effacement de données personnelles" })).toBeVisible();
  await page.getByLabel("Adresse électronique du compte de la personne").fill(loggedInUser.email);
  await page.getByRole("button", { name: "Voir ce qui sera effacé" }).click();
  await expect(
    page.getByRole("heading", { level: 3, name: `Ce qui sera effacé pour ${loggedInUser.email}` }),
  ).toBeVisible();
  await expectNoSeriousViolations(page);

  // A person without an account: nothing found is said next to the field; a message kept for
  // someone else that names her gives a preview.
  const name = `Sylvie Moreau ${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Nom complet de la personne").fill(name);
  await page.getByRole("button", { name: "Chercher ses données" }).click();
  await expect(page.locator("#effacement-sans-compte-name-error")).toContainText("Rien dans Amont ne concerne");
  await expectNoSeriousViolations(page);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database
      .prepare(
        `INSERT INTO OutboxMessage (id, template, "to", subject, html, text, status, createdAt, nextAttemptAt)
         VALUES (?, 'test', 'acheteur@exemple.fr', 'Appel reçu', ?, ?, 'sent', ?, ?)`,
      )
      .run(randomUUID(), `<p>${name} a appelé.</p>`, `${name} a appelé.`, now, now);
  } finally {
    database.close();
  }
  await page.getByRole("button", { name: "Chercher ses données" }).click();
  await expect(page.getByRole("heading", { level: 3, name: `Ce qui sera effacé pour ${name}` })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("keyboard: the first Tab reaches the skip link, which moves focus to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Aller au contenu" });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  await expect(page).toHaveURL(/#contenu$/);
});

/** A buyer with one planned procurement, written straight to the e2e database; `userId` is its administrator. */
function buyerWithProcurement(userId: string): { procurementId: string } {
  const id = () => `e2e${randomUUID().replaceAll("-", "")}`;
  const organizationId = id();
  const procurementId = id();
  const suffix = randomBytes(3).toString("hex");
  const now = new Date().toISOString().replace("Z", "+00:00");
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database.transaction(() => {
      database
        .prepare(
          `INSERT INTO Organization (id, kind, name, slug, departement, siren, buyerKind, createdAt, updatedAt)
           VALUES (?, 'buyer', ?, ?, '69', '216902563', 'commune', ?, ?)`,
        )
        .run(organizationId, `Commune de Brindas ${suffix}`, `brindas-${suffix}`, now, now);
      database
        .prepare(`INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`)
        .run(id(), userId, organizationId, now);
      database
        .prepare(
          `INSERT INTO PlannedProcurement (id, organizationId, title, need, category, cpvCode, valueBand, procedure,
             expectedPublicationDate, contactName, contactEmail, status, createdById, createdAt, updatedAt)
           VALUES (?, ?, 'Réfection de la toiture du gymnase', 'Refaire la toiture du gymnase municipal.', 'travaux',
             '45261210-9', '215k_1m', 'mapa', '2027-03-08', 'Claire Martin', 'claire.martin@exemple.fr', 'planned', ?, ?, ?)`,
        )
        .run(procurementId, organizationId, userId, now, now);
    })();
  } finally {
    database.close();
  }
  return { procurementId };
}

test("axe: a procurement's record, with an entry and with the form's errors", async ({ page, loggedInUser }) => {
  const { procurementId } = buyerWithProcurement(loggedInUser.id);
  await page.goto(`/acheteur/achats/${procurementId}/dossier`);
  await expect(page.getByRole("heading", { level: 1, name: /^Dossier des échanges/ })).toBeVisible();
  await expectNoSeriousViolations(page);

  // A phone call written down: the page then shows it in the timeline.
  await page.getByLabel("Date de l'échange").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Comment").selectOption("phone");
  await page.getByLabel("Ou son nom, si elle n'est pas dans la liste").fill("Atelier Dupré");
  await page.getByLabel("Résumé de l'échange").fill("Appel de l'entreprise sur le calendrier des travaux.");
  await page.getByRole("button", { name: "Inscrire l'échange au dossier" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Échange hors plateforme : téléphone" })).toBeVisible();
  await expectNoSeriousViolations(page);

  // The form with its errors next to the fields.
  await page.getByRole("button", { name: "Inscrire l'échange au dossier" }).click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectNoSeriousViolations(page);
});
