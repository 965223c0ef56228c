// The account journey of a new supplier, in a real browser against the built production server:
// sign up, verify the address through the outbox, log in, register a company (a SIRET with a bad
// check digit first, then a valid one), log out. Plus: login errors that reveal nothing, and the
// forms working without JavaScript (server-side validation, errors next to the fields).
import { randomInt } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { makeSiret } from "../support/siret";
import { expect, test, uniqueEmail, verificationDetails, waitForMessageTo } from "./fixtures";

const PASSWORD = "une phrase de passe assez longue";

/** The error list a field points to with aria-describedby: the message shown next to it. */
async function errorOf(page: Page, field: Locator): Promise<Locator> {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(/\s+/).find((id) => id.endsWith("-error"));
  expect(errorId, `aria-describedby of the field: "${describedBy}"`).toBeTruthy();
  return page.locator(`[id="${errorId}"]`);
}

/** A SIRET of the same length whose last digit is changed: the Luhn check digit no longer matches. */
function withWrongCheckDigit(siret: string): string {
  const last = Number(siret.at(-1));
  return siret.slice(0, -1) + String((last + 1) % 10);
}

test("sign up, verify by the emailed link, log in, register a supplier, log out", async ({ page, baseURL }) => {
  const email = uniqueEmail("fournisseur");
  const name = "Dominique Menuisier";

  await test.step("sign up", async () => {
    await page.goto("/inscription");
    await page.getByLabel("Nom et prénom").fill(name);
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Créer mon compte" }).click();

    await expect(page).toHaveURL((url) => url.pathname === "/verification" && url.searchParams.get("email") === email);
    await expect(page.getByRole("heading", { level: 1, name: "Vérifiez votre adresse électronique" })).toBeVisible();
    await expect(page.getByLabel("Adresse électronique")).toHaveValue(email);
  });

  await test.step("verify through the link in the email", async () => {
    const message = await waitForMessageTo(email, "verify-email");
    const { link, code } = verificationDetails(message);
    expect(message.subject).toMatch(new RegExp(`^${code}\\b`));
    expect(message.text).toContain(code);
    expect(new URL(link).origin).toBe(new URL(baseURL!).origin);
    await page.goto(link);
    // Opening the link changes nothing by itself: its page asks for one click.
    await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
    await expect(page).toHaveURL(/\/connexion/);
    await expect(page.getByRole("status")).toContainText("Votre adresse est vérifiée. Vous pouvez vous connecter.");
  });

  await test.step("log in", async () => {
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page).toHaveURL(/\/compte$/);
    await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(name);
  });

  const companyName = `Menuiserie du Rhône ${randomInt(1000, 9999)}`;
  const siret = makeSiret(randomInt(0, 89_999_999), randomInt(1, 9_999));
  const badSiret = withWrongCheckDigit(siret);

  await test.step("a SIRET with a bad check digit is refused next to the field, input kept", async () => {
    await page.goto("/organisations/nouvelle");
    await expect(page.getByRole("link")).toContainText([
      "Une entreprise ou une structure de l'ESS",
      "Un acheteur public",
      "Un réseau d'accompagnement",
    ]);
    await page.getByRole("link", { name: "Une entreprise ou une structure de l'ESS" }).click();
    await expect(page).toHaveURL(/\/organisations\/nouvelle\/fournisseur$/);

    await page.getByLabel("Raison sociale").fill(companyName);
    await page.getByLabel("SIRET").fill(badSiret);
    await page.getByLabel("Code NAF (facultatif)").fill("43.32A");
    await page.getByLabel("Taille de l'entreprise").selectOption("PME");
    await page.getByLabel("Statut ESS").selectOption("siae");
    await page.getByLabel("Département").selectOption("69");
    await page.getByRole("button", { name: "Créer l'organisation" }).click();

    const siretField = page.getByLabel("SIRET");
    await expect(await errorOf(page, siretField)).toContainText("clé de contrôle");
    await expect(page).toHaveURL(/\/organisations\/nouvelle\/fournisseur$/);
    await expect(siretField).toHaveValue(badSiret);
    await expect(page.getByLabel("Raison sociale")).toHaveValue(companyName);
    await expect(page.getByLabel("Code NAF (facultatif)")).toHaveValue("43.32A");
    await expect(page.getByLabel("Taille de l'entreprise")).toHaveValue("PME");
    await expect(page.getByLabel("Statut ESS")).toHaveValue("siae");
    await expect(page.getByLabel("Département")).toHaveValue("69");
  });

  await test.step("a valid SIRET creates the organisation", async () => {
    await page.getByLabel("SIRET").fill(siret);
    await page.getByRole("button", { name: "Créer l'organisation" }).click();
    await expect(page).toHaveURL(/\/organisations\/(?!nouvelle)[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(companyName);
    await expect(page.getByRole("status")).toContainText("Organisation créée.");
    // The new organisation becomes the active one, shown in the header.
    await expect(page.getByRole("banner")).toContainText(companyName);
  });

  await test.step("log out", async () => {
    await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("status")).toContainText("Vous êtes déconnecté.");
    await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
    // The session is gone on the server too, not only the cookie.
    await page.goto("/compte");
    await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Fcompte/);
  });
});

test("a wrong password gets the same French error as an unknown address", async ({ page, verifiedUser }) => {
  const attempt = async (email: string, password: string) => {
    await page.goto("/connexion");
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe").fill(password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toBeVisible();
    await expect(page).toHaveURL(/\/connexion/);
    return (await alert.innerText()).trim();
  };

  const wrongPassword = await attempt(verifiedUser.email, "ce n'est pas le bon mot de passe");
  const unknownAccount = await attempt(uniqueEmail("inconnu"), "ce n'est pas le bon mot de passe");

  expect(wrongPassword).toBe("Adresse électronique ou mot de passe incorrect.");
  expect(unknownAccount).toBe(wrongPassword);
  expect(wrongPassword).not.toMatch(/n'existe|aucun compte|inconnu/i);

  // The right password still works afterwards.
  await page.getByLabel("Adresse électronique").fill(verifiedUser.email);
  await page.getByLabel("Mot de passe").fill(verifiedUser.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
});

test("a session created by the fixture opens the account page", async ({ page, loggedInUser }) => {
  await page.goto("/compte");
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(loggedInUser.name);
  await expect(page.getByRole("button", { name: "Se déconnecter", exact: true })).toBeVisible();
});

test("the account page downloads the user's personal data as a JSON file", async ({ page, loggedInUser }) => {
  await page.goto("/compte");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger mes données" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^amont-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const data = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { user: { email: string; name: string } };
  expect(data.user).toEqual(expect.objectContaining({ email: loggedInUser.email, name: loggedInUser.name }));
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-up is validated by the server, errors next to the fields; the code verifies the address", async ({
    page,
  }) => {
    const email = uniqueEmail("sans-js");

    await page.goto("/inscription");
    await page.getByLabel("Nom et prénom").fill("Alex Sans Script");
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill("court");
    await page.getByLabel("Confirmez le mot de passe").fill("différent");
    await page.getByRole("button", { name: "Créer mon compte" }).click();

    // A full page rendered by the server (no client validation ran: scripts are off).
    await expect(page).toHaveURL(/\/inscription$/);
    await expect(await errorOf(page, page.getByLabel("Mot de passe", { exact: true }))).toHaveText(
      "Le mot de passe doit compter au moins 12 caractères.",
    );
    await expect(await errorOf(page, page.getByLabel("Confirmez le mot de passe"))).toHaveText(
      "Les deux mots de passe ne sont pas identiques.",
    );
    // The input is kept, except the secrets.
    await expect(page.getByLabel("Nom et prénom")).toHaveValue("Alex Sans Script");
    await expect(page.getByLabel("Adresse électronique")).toHaveValue(email);
    await expect(page.getByLabel("Mot de passe", { exact: true })).toHaveValue("");

    await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Vérifiez votre adresse électronique" })).toBeVisible();
    await expect(page.getByLabel("Adresse électronique")).toHaveValue(email);

    // A wrong code first: refused next to the field.
    const { code } = verificationDetails(await waitForMessageTo(email, "verify-email"));
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await page.getByLabel("Code à 6 chiffres").fill(wrongCode);
    await page.getByRole("button", { name: "Vérifier" }).click();
    await expect(await errorOf(page, page.getByLabel("Code à 6 chiffres"))).toContainText("Ce code n'est pas le bon");

    await page.getByLabel("Code à 6 chiffres").fill(code);
    await page.getByRole("button", { name: "Vérifier" }).click();
    await expect(page).toHaveURL(/\/connexion/);
    await expect(page.getByRole("status")).toContainText("Votre adresse est vérifiée. Vous pouvez vous connecter.");
  });

  test("a SIRET with a bad check digit is refused by the server, next to the field, input kept", async ({
    page,
    loggedInUser,
  }) => {
    const siret = makeSiret(randomInt(0, 89_999_999), randomInt(1, 9_999));
    const badSiret = withWrongCheckDigit(siret);
    await page.goto("/organisations/nouvelle/fournisseur");
    await expect(page.getByRole("banner")).toContainText(loggedInUser.name);
    await page.getByLabel("Raison sociale").fill("Atelier Sans Script");
    await page.getByLabel("SIRET").fill(badSiret);
    await page.getByLabel("Taille de l'entreprise").selectOption("TPE");
    await page.getByLabel("Statut ESS").selectOption("ea_esat");
    await page.getByLabel("Département").selectOption("2A");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Créer l'organisation" }).click();
    expect((await response).status()).toBe(400);

    await expect(await errorOf(page, page.getByLabel("SIRET"))).toContainText("clé de contrôle");
    await expect(page.getByLabel("SIRET")).toHaveValue(badSiret);
    await expect(page.getByLabel("Raison sociale")).toHaveValue("Atelier Sans Script");
    await expect(page.getByLabel("Taille de l'entreprise")).toHaveValue("TPE");
    await expect(page.getByLabel("Statut ESS")).toHaveValue("ea_esat");
    await expect(page.getByLabel("Département")).toHaveValue("2A");
  });
});
