// Accessibility: axe-core (WCAG 2.0/2.1, levels A and AA) finds no serious or critical violation on
// the public pages (the legal pages included, as an unconfigured demonstration shows them), the 404
// page and the first pages of a logged-in user; the skip link is the
// first thing the keyboard reaches and moves focus to the content.

import {
  createPendingBuyer,
  createVerifiedUser,
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
