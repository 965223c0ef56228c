// A reverse fair end to end, in a real browser: a buyer creates a fair, adds a stand with a single
// slot and publishes it; supplier A books the slot and its confirmation with an .ics invitation
// (METHOD:REQUEST) lands in the outbox; supplier B finds the stand full and joins its waiting
// list; A cancels; B gets the slot and is told by email; the buyer moves the fair a week later and
// B gets the agenda update; the buyer then cancels the fair and B sees why. axe finds no serious or critical violation on /evenements, the event page and the
// buyer's pages.
import { randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { addDays, openDayFrom } from "./days";
import {
  createVerifiedUser,
  e2eDatabaseFile,
  expect,
  expectNoSeriousViolations,
  expectStyledCalendar,
  logInAs,
  test,
} from "./fixtures";

function openDatabase(readonly = false) {
  const database = new Database(e2eDatabaseFile(), { readonly, fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  return database;
}

/** An organisation with `userId` as its administrator, written straight to the e2e database. */
function createOrganization(userId: string, kind: "buyer" | "supplier", name: string): { id: string; name: string } {
  const suffix = randomBytes(3).toString("hex");
  const organization = { id: `e2e${randomUUID().replaceAll("-", "")}`, name: `${name} ${suffix}` };
  const now = new Date().toISOString().replace("Z", "+00:00");
  const database = openDatabase();
  try {
    database.transaction(() => {
      database
        .prepare(
          `INSERT INTO Organization (id, kind, name, slug, departement, siren, buyerKind, siret, verificationStatus, createdAt, updatedAt)
           VALUES (?, ?, ?, ?, '69', ?, ?, ?, 'approved', ?, ?)`,
        )
        .run(
          organization.id,
          kind,
          organization.name,
          `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}`,
          kind === "buyer" ? "216902563" : null,
          kind === "buyer" ? "commune" : null,
          kind === "supplier" ? `${Date.now()}${suffix}`.slice(0, 14) : null,
          now,
          now,
        );
      database
        .prepare(`INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`)
        .run(`e2e${randomUUID().replaceAll("-", "")}`, userId, organization.id, now);
    })();
  } finally {
    database.close();
  }
  return organization;
}

interface StoredMessage {
  template: string;
  subject: string;
  attachments: string;
}

async function waitForMessage(to: string, template: string): Promise<StoredMessage> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const database = openDatabase(true);
    try {
      const row = database
        .prepare(
          `SELECT template, subject, attachments FROM OutboxMessage WHERE "to" = ? AND template = ? ORDER BY createdAt DESC LIMIT 1`,
        )
        .get(to, template) as StoredMessage | undefined;
      if (row) return row;
    } finally {
      database.close();
    }
    if (Date.now() > deadline) throw new Error(`No ${template} message to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("a buyer runs a fair; A books, B waits, A cancels, B gets the slot; the buyer moves the fair, then calls it off", async ({
  page,
  context,
  baseURL,
  browser,
}) => {
  test.setTimeout(120_000);
  const buyerUser = await createVerifiedUser({ name: "Nadia Buyer" });
  createOrganization(buyerUser.id, "buyer", "Commune de Tassin-les-Pins");
  await logInAs(context, baseURL!, buyerUser);
  const title = `Salon inversé des travaux ${randomBytes(2).toString("hex")}`;

  // --- The buyer creates the fair.
  await page.goto("/acheteur/evenements");
  await page.getByRole("link", { name: "Organiser un salon inversé" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvel événement" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Titre", { exact: true }).fill(title);
  await page
    .getByLabel("Présentation", { exact: true })
    .fill("Rencontrez nos services techniques en vingt minutes pour présenter votre savoir-faire.");
  await page
    .getByLabel("Adresse (pour un événement en salle)")
    .fill("Salle polyvalente, 1 place de la Mairie, 69160 Tassin");
  const fairDay = openDayFrom(40);
  await page.getByLabel("Jour de l'événement").fill(fairDay);
  await page.getByLabel("Inscriptions et réservations jusqu'au").fill(`${addDays(fairDay, -1)}T18:00`);
  await page.getByLabel("Annulation en ligne possible jusqu'au (facultatif)").fill(`${addDays(fairDay, -1)}T12:00`);
  await page.getByRole("button", { name: "Créer l'événement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // --- One stand with a single 20-minute slot, then publish.
  await page.getByLabel("Nom du stand").fill("Travaux d'entretien");
  await page
    .getByLabel("Besoins présentés")
    .fill("Peinture, menuiserie et petits travaux dans les écoles de la commune.");
  await page.getByLabel("Ouverture du stand").fill("09:00");
  await page.getByLabel("Fermeture du stand").fill("09:20");
  await page.getByLabel("Durée d'un rendez-vous").selectOption("20");
  await page.getByRole("button", { name: "Ajouter le stand" }).click();
  await expect(page.getByText("Stand « Travaux d'entretien » ajouté, avec 1 créneaux.")).toBeVisible();
  await page.getByRole("button", { name: "Publier l'événement" }).click();
  await expect(page.getByText("L'événement est publié")).toBeVisible();
  await expectNoSeriousViolations(page);
  const eventPath = new URL(page.url()).pathname.replace("/acheteur", "");

  // --- Supplier A books the slot.
  const userA = await createVerifiedUser({ name: "Alain Artisan" });
  createOrganization(userA.id, "supplier", "Menuiserie Alain");
  const contextA = await browser.newContext({ baseURL });
  await logInAs(contextA, baseURL!, userA);
  const pageA = await contextA.newPage();
  await pageA.goto(eventPath);
  await pageA.getByLabel("Créneau au stand « Travaux d'entretien »").selectOption({ label: "09:00–09:20" });
  await pageA.getByRole("button", { name: "Réserver ce créneau" }).click();
  await expect(pageA.getByText("Rendez-vous réservé au stand « Travaux d'entretien »")).toBeVisible();
  const confirmation = await waitForMessage(userA.email, "booking-confirmed");
  const [invitation] = JSON.parse(confirmation.attachments) as { content: string; contentType: string }[];
  expect(invitation!.contentType).toContain("method=REQUEST");
  expect(invitation!.content).toContain("METHOD:REQUEST");
  // 9:00 in Paris: 8:00 UTC in winter, 7:00 in summer.
  expect(invitation!.content).toMatch(new RegExp(`DTSTART:${fairDay.replace(/-/g, "")}T0[78]0000Z`));

  // --- Supplier B finds the stand full and joins the waiting list.
  const userB = await createVerifiedUser({ name: "Béatrice Bâtisseuse" });
  createOrganization(userB.id, "supplier", "Peintures Béatrice");
  const contextB = await browser.newContext({ baseURL });
  await logInAs(contextB, baseURL!, userB);
  const pageB = await contextB.newPage();
  await pageB.goto(eventPath);
  await expect(pageB.getByText("Complet")).toBeVisible();
  await expect(pageB.getByRole("button", { name: "Réserver ce créneau" })).toHaveCount(0);
  await expectNoSeriousViolations(pageB);
  await pageB
    .getByRole("button", { name: "M'inscrire sur la liste d'attente du stand « Travaux d'entretien »" })
    .click();
  await expect(
    pageB.getByText("Votre organisation est sur la liste d'attente du stand « Travaux d'entretien » (rang 1)"),
  ).toBeVisible();

  // --- A cancels; B is promoted and told.
  await pageA.reload();
  await pageA.getByRole("button", { name: "Annuler le rendez-vous de 09:00–09:20" }).click();
  await expect(pageA.getByText("Le créneau est attribué à l'entreprise suivante sur la liste d'attente")).toBeVisible();
  const cancelled = await waitForMessage(userA.email, "booking-cancelled");
  expect(cancelled.attachments).toContain("METHOD:CANCEL");
  const promoted = await waitForMessage(userB.email, "waitlist-promoted");
  expect(promoted.subject).toContain("Un créneau s’est libéré");
  expect(promoted.attachments).toContain("METHOD:REQUEST");
  await pageB.reload();
  await expect(pageB.getByRole("button", { name: "Annuler le rendez-vous de 09:00–09:20" })).toBeVisible();

  // --- The public pages, as a visitor.
  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto("/evenements");
  await expect(visitor.locator(".event-list").getByRole("link", { name: title })).toBeVisible();
  await expectStyledCalendar(visitor);
  await expectNoSeriousViolations(visitor);
  await visitor.goto(eventPath);
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectNoSeriousViolations(visitor);

  // --- The buyer opens the stand's edit page: booked, so only its words can change.
  await page.goto(`/acheteur${eventPath}`);
  await page.getByRole("link", { name: "Modifier le stand « Travaux d'entretien »" }).click();
  await expect(
    page.getByText("vous pouvez changer son nom, ses besoins et les achats liés, mais plus ses horaires"),
  ).toBeVisible();
  await expectNoSeriousViolations(page);

  // --- The buyer moves the fair a week later: told beforehand, B gets the same news and an agenda update.
  const newDay = openDayFrom(7, fairDay);
  await page.goto(`/acheteur${eventPath}`);
  await page.getByRole("link", { name: "Modifier l'événement" }).click();
  await expect(
    page.getByText("Une réservation, inscription ou place en liste d'attente : si vous changez la date"),
  ).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Jour de l'événement").fill(newDay);
  await page.getByLabel("Inscriptions et réservations jusqu'au").fill(`${addDays(newDay, -1)}T18:00`);
  await page.getByLabel("Annulation en ligne possible jusqu'au (facultatif)").fill(`${addDays(newDay, -1)}T12:00`);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("1 personne concernée est prévenue du changement par courriel.")).toBeVisible();
  const moved = await waitForMessage(userB.email, "event-moved");
  expect(moved.subject).toContain("Nouvelle date");
  expect(moved.attachments).toContain("METHOD:REQUEST");
  expect(moved.attachments).toContain("SEQUENCE:1");

  // --- The buyer calls the fair off; B, who now holds the slot, is told and sees why.
  await page.goto(`/acheteur${eventPath}`);
  await page.getByRole("link", { name: "Annuler l'événement…" }).click();
  await expect(page.getByText("Sont concernés : 1 rendez-vous réservé.")).toBeVisible();
  await expectNoSeriousViolations(page);
  const reason = "La salle n'est plus disponible ce jour-là ; une nouvelle date sera publiée sur Amont.";
  await page.getByLabel("Pourquoi annulez-vous l'événement ?").fill(reason);
  await page.getByRole("button", { name: "Annuler l'événement maintenant" }).click();
  await expect(page.getByText("Événement annulé.")).toBeVisible();
  const eventCancelled = await waitForMessage(userB.email, "event-cancelled");
  expect(eventCancelled.attachments).toContain("METHOD:CANCEL");
  expect(eventCancelled.attachments).toContain("SEQUENCE:2");
  await pageB.reload();
  await expect(pageB.getByText(reason)).toBeVisible();
  await expect(pageB.getByRole("button", { name: /Annuler le rendez-vous/ })).toHaveCount(0);
  await expectNoSeriousViolations(pageB);
  await pageB.goto("/fournisseur/agenda");
  await expect(pageB.getByText("Annulé par l'organisateur")).toBeVisible();
  await Promise.all([contextA.close(), contextB.close(), visitorContext.close()]);
});
