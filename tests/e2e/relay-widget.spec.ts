// A relay end to end, in a real browser: its widget inside an iframe on another origin (a page
// served by a small server of this test, on localhost while Amont is on 127.0.0.1), shown there
// because the relay declared that site, refused by the browser on an origin it did not declare,
// and its links opening Amont in a new tab; axe on the relay's page, its widget (alone and in the
// other site's page) and its settings page; the periods to avoid on /plan/calendrier.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { nextYearly, openDayFrom } from "./days";
import {
  createVerifiedUser,
  e2eDatabaseFile,
  expect,
  expectNoSeriousViolations,
  expectStyledCalendar,
  logInAs,
  test,
} from "./fixtures";

const now = () => new Date().toISOString().replace("Z", "+00:00");
const id = () => `e2e${randomUUID().replaceAll("-", "")}`;

interface Relay {
  id: string;
  slug: string;
  name: string;
  itemTitle: string;
  itemId: string;
}

/**
 * A verified buyer in the Rhône with a published edition of one planned procurement, and a verified
 * relay following the Rhône whose declared site is `site`, administered by `adminId`.
 */
function createRelayWithPlan(site: string, adminId: string): Relay {
  const suffix = randomBytes(3).toString("hex");
  const buyerId = id();
  const editionId = id();
  const relay: Relay = {
    id: id(),
    slug: `cci-e2e-${suffix}`,
    name: `CCI de test ${suffix}`,
    itemTitle: `Rénovation du gymnase des Brotteaux ${suffix}`,
    itemId: id(),
  };
  const day = openDayFrom(40);
  const year = Number(day.slice(0, 4));
  const half = Number(day.slice(5, 7)) <= 6 ? 1 : 2;
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database.transaction(() => {
      database
        .prepare(
          `INSERT INTO Organization (id, kind, name, slug, departement, siren, buyerKind, verificationStatus, createdAt, updatedAt)
           VALUES (?, 'buyer', ?, ?, '69', '216902563', 'commune', 'approved', ?, ?)`,
        )
        .run(buyerId, `Commune de Caluire-Test ${suffix}`, `caluire-test-${suffix}`, now(), now());
      database
        .prepare(
          `INSERT INTO PlanEdition (id, organizationId, year, half, number, publishedAt, publishedById, isLatest, itemCount, contentHash)
           VALUES (?, ?, ?, ?, 1, ?, ?, 1, 1, ?)`,
        )
        .run(editionId, buyerId, year, half, now(), adminId, "0".repeat(64));
      database
        .prepare(
          `INSERT INTO PlanEditionItem (id, editionId, plannedProcurementId, organizationId, departement, region, title, need,
             category, cpvCode, cpvDivision, valueBand, procedure, reserved, expectedPublicationDate, contactName, contactEmail,
             status, lots)
           VALUES (?, ?, ?, ?, '69', '84', ?, 'Refaire la toiture et l''isolation du gymnase.', 'travaux', '45261210-9', '45',
             '215k_1m', 'mapa', 'none', ?, 'Claire Martin', 'marches@exemple.fr', 'planned', '[]')`,
        )
        .run(id(), editionId, relay.itemId, buyerId, relay.itemTitle, day);
      database
        .prepare(
          `INSERT INTO Organization (id, kind, name, slug, departement, relayKind, verificationStatus, createdAt, updatedAt)
           VALUES (?, 'relay', ?, ?, '69', 'cci', 'approved', ?, ?)`,
        )
        .run(relay.id, relay.name, relay.slug, now(), now());
      database.prepare(`INSERT INTO RelayTerritory (organizationId, departement) VALUES (?, '69')`).run(relay.id);
      database
        .prepare(`INSERT INTO RelayHighlight (organizationId, kind, value) VALUES (?, 'cpv', '45')`)
        .run(relay.id);
      // Written straight to the database: the settings form accepts https sites only, and this
      // test's other site is served over http on the loopback interface.
      database.prepare(`INSERT INTO RelaySite (organizationId, origin) VALUES (?, ?)`).run(relay.id, site);
      database
        .prepare(`INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`)
        .run(id(), adminId, relay.id, now());
    })();
  } finally {
    database.close();
  }
  return relay;
}

/** Another site: one page embedding the widget with the snippet's iframe (its address given once known). */
async function startOtherSite(widgetUrl: () => string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Site de la CCI</title></head>
<body><main><h1>Marchés publics près de chez vous</h1>
<iframe src="${widgetUrl()}" title="Achats publics prévus (Amont)" width="100%" height="640" style="border: 0"></iframe>
</main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test("the widget shows on the relay's declared site, opens Amont in a new tab, and is refused elsewhere", async ({
  page,
  baseURL,
  browserErrors,
}) => {
  const admin = await createVerifiedUser({ name: "Sophie Relais" });
  let widgetUrl = "about:blank";
  const otherSite = await startOtherSite(() => widgetUrl);
  try {
    // The other site's origin, as the relay declared it: localhost, while Amont is on 127.0.0.1.
    const site = `http://localhost:${otherSite.port}`;
    const relay = createRelayWithPlan(site, admin.id);
    widgetUrl = `${baseURL}/relais/${relay.slug}/widget`;

    // On the declared site (localhost), the widget is shown.
    await page.goto(`${site}/`);
    await expect(page.getByRole("heading", { level: 1, name: "Marchés publics près de chez vous" })).toBeVisible();
    const widget = page.frameLocator("iframe");
    await expect(widget.getByRole("heading", { level: 1, name: "Achats publics prévus" })).toBeVisible();
    const link = widget.getByRole("link", { name: relay.itemTitle });
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", /noopener/);
    // Other tests' buyers of the Rhône may be listed too: this item's own line.
    await expect(
      widget.getByRole("listitem").filter({ has: link }).getByText("Mis en avant par le réseau"),
    ).toBeVisible();
    await expectNoSeriousViolations(page);
    const [amont] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
    await amont.waitForLoadState();
    expect(amont.url()).toBe(`${baseURL}/plan/${relay.itemId}`);
    await expect(amont.getByRole("heading", { level: 1, name: relay.itemTitle })).toBeVisible();
    await amont.close();

    // The same page on another origin (127.0.0.1 instead of localhost): the browser refuses to frame it.
    await page.goto(`http://127.0.0.1:${otherSite.port}/`);
    await page.waitForLoadState("load");
    await expect(page.getByRole("heading", { level: 1, name: "Marchés publics près de chez vous" })).toBeVisible();
    await expect(page.frameLocator("iframe").getByRole("heading", { name: "Achats publics prévus" })).toHaveCount(0);
    // Chromium reports the refusal on the console: expected here, and only here.
    const refusals = browserErrors.filter((error) => /frame-ancestors/.test(error));
    expect(refusals.length).toBeGreaterThan(0);
    browserErrors.splice(0, browserErrors.length, ...browserErrors.filter((error) => !/frame-ancestors/.test(error)));
  } finally {
    await otherSite.close();
  }
});

test("axe: the relay's page, its widget alone and its settings page", async ({ page, context, baseURL }) => {
  const admin = await createVerifiedUser({ name: "Marc Relais" });
  const relay = createRelayWithPlan("https://www.cci-e2e.example", admin.id);

  const response = await page.goto(`/relais/${relay.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: relay.name })).toBeVisible();
  await expect(page.getByRole("link", { name: relay.itemTitle })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Périodes à éviter" })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto(`/relais/${relay.slug}/widget`);
  await expect(page.getByRole("heading", { level: 1, name: "Achats publics prévus" })).toBeVisible();
  await expectNoSeriousViolations(page);
  // Narrow, as in a sidebar: still readable, nothing wider than the frame.
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  await logInAs(context, baseURL!, admin);
  await page.goto(`/organisations/${relay.id}/relais`);
  await expect(page.getByRole("heading", { level: 1, name: "Relayer la programmation des acheteurs" })).toBeVisible();
  await expect(page.getByLabel("Code à copier")).toHaveValue(new RegExp(`/relais/${relay.slug}/widget`));
  await expect(page.getByRole("button", { name: "Copier le code" })).toBeVisible();
  await expectNoSeriousViolations(page);
  // Bad input without losing it: a CPV division that does not exist.
  await page.getByLabel("Domaines mis en avant (divisions CPV)").fill("45, 99");
  await page.getByRole("button", { name: "Enregistrer le suivi" }).click();
  await expect(page.getByText("« 99 » n'est pas une division CPV")).toBeVisible();
  await expect(page.getByLabel("Domaines mis en avant (divisions CPV)")).toHaveValue("45, 99");
  await expectNoSeriousViolations(page);
});

test("/plan/calendrier lists the chosen département's periods to avoid and shades them on the calendar", async ({
  page,
}) => {
  const christmas = nextYearly("12-25", 10).date;
  await page.goto(`/plan/calendrier?departement=69&mois=${christmas.slice(0, 7)}`);
  const periods = page.getByRole("region", { name: "Périodes à éviter" });
  await expect(periods.getByText("Vacances de Noël (zone A)")).toBeVisible();
  await expect(periods.getByText("Noël", { exact: true })).toBeVisible();
  await expectStyledCalendar(page);
  await expect(page.locator(".fc-bg-event.plan-event--blocked").first()).toBeVisible();
  await expectNoSeriousViolations(page);
});
