// A supplier registers to a webinar in a real browser and sees the confirmation (and the email with
// its .ics in the outbox); axe finds no serious or critical violation on the registration page and
// on the organiser's follow-up page.
import { randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import {
  createVerifiedUser,
  e2eDatabaseFile,
  expect,
  logInAs,
  test,
  waitForMessageTo,
  expectNoSeriousViolations,
} from "./fixtures";

const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** A buyer, a supplier organisation with `supplierUserId` as its admin, and a published webinar. */
function createWebinarFor(supplierUserId: string, buyerUserId: string): { eventId: string; supplierName: string } {
  const suffix = randomBytes(3).toString("hex");
  const id = () => `e2e${randomUUID().replaceAll("-", "")}`;
  const buyerId = id();
  const supplierId = id();
  const eventId = id();
  const supplierName = `Traiteur des Monts ${suffix}`;
  const now = new Date();
  const startsAt = new Date(now.getTime() + 10 * 24 * 3600 * 1000);
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database.transaction(() => {
      const organization = database.prepare(
        `INSERT INTO Organization (id, kind, name, slug, departement, siren, siret, buyerKind, verificationStatus, createdAt, updatedAt) VALUES (?, ?, ?, ?, '69', ?, ?, ?, 'approved', ?, ?)`,
      );
      organization.run(
        buyerId,
        "buyer",
        `Métropole e2e ${suffix}`,
        `metropole-e2e-${suffix}`,
        "200046977",
        null,
        "intercommunalite",
        sqliteDate(now),
        sqliteDate(now),
      );
      organization.run(
        supplierId,
        "supplier",
        supplierName,
        `traiteur-e2e-${suffix}`,
        null,
        `${Date.now()}`.slice(0, 14),
        null,
        sqliteDate(now),
        sqliteDate(now),
      );
      const membership = database.prepare(
        `INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`,
      );
      membership.run(id(), buyerUserId, buyerId, sqliteDate(now));
      membership.run(id(), supplierUserId, supplierId, sqliteDate(now));
      database
        .prepare(
          `INSERT INTO Event (id, kind, organizationId, title, description, departement, onlineUrl, startsAt, endsAt, eventDate, registrationDeadline, capacity, status, publishedAt, createdById, createdAt, updatedAt)
           VALUES (?, 'webinar', ?, ?, ?, '69', 'https://visio.exemple.fr/e2e', ?, ?, ?, ?, 20, 'published', ?, ?, ?, ?)`,
        )
        .run(
          eventId,
          buyerId,
          `Webinaire restauration ${suffix}`,
          "Nos besoins de restauration collective pour 2027.",
          sqliteDate(startsAt),
          sqliteDate(new Date(startsAt.getTime() + 3600 * 1000)),
          new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(startsAt),
          sqliteDate(new Date(startsAt.getTime() - 2 * 3600 * 1000)),
          sqliteDate(now),
          buyerUserId,
          sqliteDate(now),
          sqliteDate(now),
        );
    })();
  } finally {
    database.close();
  }
  return { eventId, supplierName };
}

test("a supplier registers to a webinar and sees the confirmation; the page has no serious accessibility violation", async ({
  page,
  context,
  baseURL,
}) => {
  const supplier = await createVerifiedUser({ name: "Sami Traiteur" });
  const buyer = await createVerifiedUser({ name: "Claire Acheteuse" });
  const { eventId, supplierName } = createWebinarFor(supplier.id, buyer.id);
  await logInAs(context, baseURL!, supplier);

  await page.goto(`/evenements/${eventId}/inscription`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Inscription : Webinaire restauration");
  await expect(page.getByText("20 places restantes sur 20")).toBeVisible();
  await expectNoSeriousViolations(page);

  await expect(page.getByLabel("Je m’inscris au nom de")).toHaveValue(/.+/);
  await page.getByLabel("Je m’inscris au nom de").selectOption({ label: supplierName });
  await page.getByRole("button", { name: "M’inscrire" }).click();
  await expect(page.getByText("Vous êtes inscrit.")).toBeVisible();
  await expect(page.getByText("Votre inscription est confirmée.")).toBeVisible();
  await expect(page.getByText("19 places restantes sur 20")).toBeVisible();

  const message = await waitForMessageTo(supplier.email, "registration-confirmed");
  expect(message.subject).toContain("Inscription confirmée");

  // The organiser's follow-up page lists the registrant and says materials are public to all.
  await context.clearCookies();
  await logInAs(context, baseURL!, buyer);
  await page.goto(`/acheteur/evenements/${eventId}/suivi`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Suivi : Webinaire restauration");
  await expect(page.getByText("pas seulement pour celles qui étaient présentes", { exact: false })).toBeVisible();
  await expectNoSeriousViolations(page);
});
