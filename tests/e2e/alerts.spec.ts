// Supplier alerts in a real browser: the alerts page and the form (a wrong CPV division named next
// to its field, the input kept, then saved), and the unsubscribe link of an alert email, which asks
// before stopping the alert; axe on each page.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { e2eDatabaseFile, expect, expectNoSeriousViolations, test, type TestUser } from "./fixtures";

const now = () => new Date().toISOString().replace("Z", "+00:00");
const id = () => `e2e${randomUUID().replaceAll("-", "")}`;

/** A supplier organisation of which `user` is the admin, written straight to the e2e database. */
function makeSupplierAdmin(user: Pick<TestUser, "id">): { organizationId: string } {
  const organizationId = id();
  const suffix = randomBytes(3).toString("hex");
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database.transaction(() => {
      database
        .prepare(
          `INSERT INTO Organization (id, kind, name, slug, departement, siret, verificationStatus, createdAt, updatedAt)
           VALUES (?, 'supplier', ?, ?, '69', ?, 'approved', ?, ?)`,
        )
        .run(
          organizationId,
          `Menuiserie e2e ${suffix}`,
          `menuiserie-e2e-${suffix}`,
          `${Date.now()}`.slice(-14).padStart(14, "9"),
          now(),
          now(),
        );
      database
        .prepare(`INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`)
        .run(id(), user.id, organizationId, now());
    })();
  } finally {
    database.close();
  }
  return { organizationId };
}

/** An alert of `user` that an email was sent for: its unsubscribe link (only the hash is stored). */
function alertWithMessage(user: Pick<TestUser, "id">, organizationId: string, name: string): string {
  const token = Array.from(randomBytes(32), (byte) => "abcdefghijklmnopqrstuvwxyz234567"[byte % 32]).join("");
  const alertId = id();
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database.transaction(() => {
      database
        .prepare(
          `INSERT INTO SupplierAlert (id, userId, organizationId, name, frequency, cpvDivisions, createdAt, updatedAt)
           VALUES (?, ?, ?, ?, 'weekly', '["45"]', ?, ?)`,
        )
        .run(alertId, user.id, organizationId, name, now(), now());
      database
        .prepare(
          `INSERT INTO AlertDelivery (id, alertId, deliveryKey, itemCount, unsubscribeTokenHash, createdAt)
           VALUES (?, ?, 'week:2026-W50', 2, ?, ?)`,
        )
        .run(id(), alertId, createHash("sha256").update(token).digest("hex"), now());
    })();
  } finally {
    database.close();
  }
  return `/alertes/desabonnement/${token}`;
}

test("a supplier saves an alert; a wrong CPV division is named next to its field", async ({ page, loggedInUser }) => {
  makeSupplierAdmin(loggedInUser);
  await page.goto("/fournisseur/alertes");
  await expect(page.getByRole("heading", { level: 1, name: "Mes alertes" })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.getByRole("link", { name: "Créer une alerte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle alerte" })).toBeVisible();
  await page.getByLabel("Nom de l'alerte").fill("Charpente autour de Lyon");
  await page.getByLabel("Divisions CPV (facultatif)").fill("45, 46");
  await page.getByLabel("Mots-clés (facultatif)").fill("charpente, ossature bois");
  await page.getByRole("button", { name: "Créer l'alerte" }).click();
  const cpv = page.getByLabel("Divisions CPV (facultatif)");
  await expect(page.getByText("« 46 » n'est pas une division CPV")).toBeVisible();
  await expect(cpv).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Mots-clés (facultatif)")).toHaveValue("charpente, ossature bois");
  await expectNoSeriousViolations(page);

  await cpv.fill("45");
  await page.getByRole("button", { name: "Créer l'alerte" }).click();
  await expect(page).toHaveURL(/\/fournisseur\/alertes$/);
  await expect(page.getByRole("link", { name: "Charpente autour de Lyon" })).toBeVisible();
  await expect(page.getByText("Mots-clés : charpente, ossature bois")).toBeVisible();
});

test("the unsubscribe link of an alert email asks, then stops the alert", async ({ page, verifiedUser }) => {
  const { organizationId } = makeSupplierAdmin(verifiedUser);
  const link = alertWithMessage(verifiedUser, organizationId, "Menuiserie dans le Rhône");
  // No session needed: the link is the credential.
  await page.goto(link);
  await expect(
    page.getByRole("heading", { level: 1, name: "Ne plus recevoir l'alerte « Menuiserie dans le Rhône »" }),
  ).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Me désabonner de cette alerte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "C'est fait" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Vous êtes déjà désabonné" })).toBeVisible();
  await expectNoSeriousViolations(page);
});
