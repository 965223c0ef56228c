// The forward plan end to end, in a real browser: a buyer (zone A, Rhône) types a publication date
// in the Christmas holidays, is refused with the reason and a proposed date, takes the proposal,
// saves and publishes the S1 edition; a visitor then finds the item in /plan with a filter, opens
// its page and downloads its ICS. axe finds no serious or critical violation on /plan and on the
// form.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import ICAL from "ical.js";
import { dayFr, nextYearly, openDayFrom } from "./days";
import {
  createVerifiedUser,
  e2eDatabaseFile,
  expect,
  expectNoSeriousViolations,
  expectStyledCalendar,
  logInAs,
  test,
} from "./fixtures";

/** A buyer organisation in the Rhône (school zone A) with `userId` as its administrator, written straight to the e2e database. */
function createBuyerOrganization(userId: string): { id: string; name: string; slug: string } {
  const suffix = randomBytes(3).toString("hex");
  const organization = {
    id: `e2e${randomUUID().replaceAll("-", "")}`,
    name: `Commune de Vaugneray-les-Monts ${suffix}`,
    slug: `vaugneray-les-monts-${suffix}`,
  };
  const now = new Date().toISOString().replace("Z", "+00:00");
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database.transaction(() => {
      database
        .prepare(
          `INSERT INTO Organization (id, kind, name, slug, departement, siren, buyerKind, verificationStatus, createdAt, updatedAt)
           VALUES (?, 'buyer', ?, ?, '69', '216902563', 'commune', 'approved', ?, ?)`,
        )
        .run(organization.id, organization.name, organization.slug, now, now);
      database
        .prepare(`INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`)
        .run(`e2e${randomUUID().replaceAll("-", "")}`, userId, organization.id, now);
    })();
  } finally {
    database.close();
  }
  return organization;
}

test("a buyer plans around Christmas and publishes; a visitor finds the item, its page and its ICS", async ({
  page,
  context,
  baseURL,
  browser,
}) => {
  test.setTimeout(90_000);
  const user = await createVerifiedUser({ name: "Lucie Perret" });
  const organization = createBuyerOrganization(user.id);
  await logInAs(context, baseURL!, user);
  const title = `Réfection de la toiture du gymnase ${randomBytes(2).toString("hex")}`;
  // The next 28 December far enough ahead, always in the Christmas holidays, and the first
  // allowed day after it, in January: the first semester of the following year.
  const holiday = nextYearly("12-28", 10);
  const semester = `${Number(holiday.date.slice(0, 4)) + 1}-S1`;
  const semesterWords = `1er semestre ${Number(holiday.date.slice(0, 4)) + 1}`;
  const plannedDay = dayFr(holiday.nextAllowed);

  // --- The buyer fills in the form with a publication date in the Christmas holidays.
  await page.goto("/acheteur/achats/nouveau");
  await expect(page.getByRole("heading", { level: 1, name: "Nouvel achat prévu" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Intitulé", { exact: true }).fill(title);
  await page
    .getByLabel("Le besoin, en mots simples")
    .fill(
      "Refaire l'étanchéité et l'isolation de la toiture du gymnase municipal (1 200 m²), sans fermer la salle aux associations.",
    );
  await page.getByLabel("Catégorie").selectOption("travaux");
  await page.getByLabel("Code CPV principal").fill("45261000-4");
  await page.getByLabel("Montant estimé").selectOption("215k_1m");
  await page.getByLabel("Procédure envisagée").selectOption("mapa");
  await page.getByLabel("Considération environnementale").fill("Isolant biosourcé et tri des déchets de chantier.");
  const publication = page.getByLabel("Date de publication prévue de la consultation");
  await publication.fill(holiday.date);
  await page.getByLabel("Date limite de réponse prévue").fill(openDayFrom(30, holiday.nextAllowed));
  await page.getByRole("button", { name: "Enregistrer l'achat" }).click();

  // --- Refused, with the reason and the next allowed date.
  const refusal = page.locator(".field-error", { hasText: "Date refusée" });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(dayFr(holiday.date));
  await expect(refusal).toContainText("Vacances de Noël (zone A)");
  await expect(refusal).toContainText(`Prochaine date possible : ${plannedDay}`);
  await expectNoSeriousViolations(page);

  // --- The buyer takes the proposal in one click, then saves.
  await page.getByRole("button", { name: `Utiliser le ${plannedDay}` }).click();
  await expect(publication).toHaveValue(holiday.nextAllowed);
  await expect(refusal).toHaveCount(0);
  await page.getByRole("button", { name: "Enregistrer l'achat" }).click();
  await expect(page).toHaveURL(/\/acheteur\/achats$/);
  await expect(page.getByText(`« ${title} » est ajouté à votre programmation.`)).toBeVisible();

  // --- The buyer publishes the first edition of that semester.
  await page.goto(`/acheteur/programmation?semestre=${semester}`);
  await expect(page.getByRole("heading", { name: `Première édition du ${semesterWords}` })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("button", { name: "Publier l'édition n° 1" }).click();
  await expect(page.getByText(`Édition n° 1 du ${semesterWords} publiée.`)).toBeVisible();

  // --- A visitor (no session) finds it in /plan with a filter.
  const visitorContext = await browser.newContext({
    baseURL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    acceptDownloads: true,
  });
  const visitor = await visitorContext.newPage();
  try {
    await visitor.goto("/plan");
    await expect(visitor.getByRole("heading", { level: 1, name: "Achats publics prévus" })).toBeVisible();
    await expectNoSeriousViolations(visitor);
    await visitor.getByLabel("Département").selectOption("69");
    await visitor.getByLabel("Semestre").selectOption(semester);
    await visitor.getByRole("button", { name: "Afficher les achats" }).click();
    await expect(visitor).toHaveURL(/[?&]departement=69/);
    await expect(visitor).toHaveURL(new RegExp(`[?&]semestre=${semester}`));
    await expect(
      visitor.getByRole("heading", {
        level: 2,
        name: new RegExp(`achats? prévus? — ${semesterWords} · Département 69 — Rhône`),
      }),
    ).toBeVisible();
    const row = visitor.getByRole("row", { name: new RegExp(title) });
    await expect(row).toContainText(plannedDay.replace(/^\S+ /, ""));
    await expect(row).toContainText(organization.name);
    await expectNoSeriousViolations(visitor);

    // --- Its page, with everything a supplier needs.
    await row.getByRole("link", { name: title }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByText(plannedDay)).toBeVisible();
    await expect(visitor.getByText("Isolant biosourcé et tri des déchets de chantier.")).toBeVisible();
    await expect(visitor.getByText(new RegExp(`édition n° 1 de la programmation du ${semesterWords}`))).toBeVisible();

    // --- Its ICS: one all-day event on the expected publication date, linking back to the page.
    const downloading = visitor.waitForEvent("download");
    await visitor.getByRole("link", { name: "Ajouter la date de publication à mon agenda (.ics)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^achat-prevu-.+\.ics$/);
    const ics = readFileSync(await download.path(), "utf8");
    const events = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents("vevent")
      .map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(1);
    expect(events[0]!.startDate.isDate).toBe(true);
    expect(events[0]!.startDate.toString()).toBe(holiday.nextAllowed);
    expect(events[0]!.summary).toContain(title);
    expect(String(events[0]!.component.getFirstPropertyValue("url"))).toBe(visitor.url());

    // --- The calendar view of that month: FullCalendar, styled under the Content-Security-Policy.
    await visitor.goto(`/plan/calendrier?departement=69&mois=${holiday.nextAllowed.slice(0, 7)}`);
    await expectStyledCalendar(visitor);
    await expect(visitor.locator(".fc").getByText(title).first()).toBeVisible();
  } finally {
    await visitorContext.close();
  }
});
