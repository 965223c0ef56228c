// Alerts over real HTTP on the built server: the supplier's form without JavaScript (French messages
// next to the fields, input kept, nothing saved), another person's alert (404), unsubscribing by the
// link's page and by the mail provider's one-click POST (RFC 8058), a broken or used link, and the
// personal feed's secret link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMMEDIATE_ALERTS_JOB, sendImmediateAlerts } from "~/alerts/delivery.server";
import { connectDatabase, db, write } from "~/db/db.server";
import { runDueJobs } from "~/jobs/worker.server";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { buyerWithEdition, createSupplierMember, saveAlert } from "./fixtures";

let server: RunningServer;
let supplier: Awaited<ReturnType<typeof createSupplierMember>>;
let cookie: string;
/** The unsubscribe links of the two immediate messages sent before the server started. */
const links: string[] = [];

beforeAll(async () => {
  await connectDatabase();
  supplier = await createSupplierMember("Menuiserie HTTP");
  await saveAlert(supplier.owner, { name: "Menuiserie lyonnaise", frequency: "immediate", cpvDivisions: "45" });
  await saveAlert(supplier.owner, { name: "Toitures", frequency: "immediate", keywords: "toiture" });
  await buyerWithEdition("Métropole HTTP", "69", [
    { title: "Réfection de la toiture du gymnase Jean-Jaurès", category: "travaux", cpvCode: "45261210-9" },
  ]);
  await runDueJobs(
    { [IMMEDIATE_ALERTS_JOB]: sendImmediateAlerts },
    { workerId: "test", kinds: [IMMEDIATE_ALERTS_JOB], now: new Date(Date.now() + 60_000) },
  );
  for (const message of await db.outboxMessage.findMany({ where: { to: supplier.email, template: "alert-immediate" } }))
    links.push(/https?:\/\/\S+\/alertes\/desabonnement\/[a-z2-7]+/.exec(message.text)![0]);
  expect(links).toHaveLength(2);
  cookie = await sessionCookie(supplier.user.id, supplier.organization.id);
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

/** A form posted as a browser without JavaScript does. */
function post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const entry of Array.isArray(value) ? value : [value]) body.append(name, entry);
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.origin, Cookie: cookie, ...headers },
    body,
  });
}

function onServer(link: string): string {
  return `${server.url}${new URL(link).pathname}`;
}

describe("the alert form without JavaScript", () => {
  it("keeps the input and names each bad value in French, saving nothing", async () => {
    const before = await db.supplierAlert.count({ where: { userId: supplier.user.id } });
    const response = await post("/fournisseur/alertes/nouvelle", {
      name: "Charpente",
      frequency: "weekly",
      cpvDivisions: "45, 46",
      departements: "69, 99",
      keywords: "x, charpente",
    });
    expect(response.status).toBe(400);
    const html = visibleHtml(await response.text());
    expect(html).toContain("« 46 » n'est pas une division CPV");
    expect(html).toContain("« 99 » n'est pas un département");
    expect(html).toContain("Le mot-clé « x » est trop court");
    expect(html).toContain('value="45, 46"');
    expect(html).toContain('value="x, charpente"');
    expect(await db.supplierAlert.count({ where: { userId: supplier.user.id } })).toBe(before);

    const empty = await post("/fournisseur/alertes/nouvelle", { name: "Tout", frequency: "weekly" });
    expect(empty.status).toBe(400);
    expect(visibleHtml(await empty.text())).toContain("Choisissez au moins un critère");
  });

  it("saves a valid alert and lists it", async () => {
    const response = await post("/fournisseur/alertes/nouvelle", {
      name: "Charpente dans le Rhône",
      frequency: "weekly",
      emptyWeek: "short-message",
      cpvDivisions: "45",
      departements: "69",
      regions: ["84"],
      categories: ["travaux"],
      keywords: "charpente, ossature bois",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/fournisseur/alertes");
    const list = visibleHtml(
      await (await fetch(`${server.url}/fournisseur/alertes`, { headers: { Cookie: cookie } })).text(),
    );
    expect(list).toContain("Charpente dans le Rhône");
    expect(list).toContain("Mots-clés : charpente, ossature bois");

    // Changed from its own page: the form shows the stored lists as typed, and saving replaces them.
    const saved = await db.supplierAlert.findFirstOrThrow({ where: { name: "Charpente dans le Rhône" } });
    const page = visibleHtml(
      await (await fetch(`${server.url}/fournisseur/alertes/${saved.id}`, { headers: { Cookie: cookie } })).text(),
    );
    expect(page).toContain('value="charpente, ossature bois"');
    const changed = await post(`/fournisseur/alertes/${saved.id}`, {
      name: "Charpente dans l'Ain",
      frequency: "immediate",
      departements: "01",
      keywords: "charpente",
    });
    expect(changed.status).toBe(302);
    expect(await db.supplierAlert.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({
      name: "Charpente dans l'Ain",
      frequency: "immediate",
      emptyWeek: "nothing",
      cpvDivisions: "[]",
      departements: '["01"]',
      regions: "[]",
      keywords: '["charpente"]',
    });
  });

  it("answers 404 for a colleague's alert, and the colleague's delete changes nothing", async () => {
    const alert = await db.supplierAlert.findFirstOrThrow({ where: { userId: supplier.user.id } });
    const colleague = await write((tx) =>
      tx.user.create({
        data: {
          name: "Collègue",
          email: "collegue.alertes@exemple.fr",
          passwordHash: "x",
          emailVerifiedAt: new Date(),
          memberships: { create: { organizationId: supplier.organization.id, role: "admin" } },
        },
      }),
    );
    const colleagueCookie = await sessionCookie(colleague.id, supplier.organization.id);
    const page = await fetch(`${server.url}/fournisseur/alertes/${alert.id}`, { headers: { Cookie: colleagueCookie } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Cette alerte n'existe pas, ou ce n'est pas la vôtre.");
    const deleted = await post(`/fournisseur/alertes/${alert.id}`, { intent: "delete" }, { Cookie: colleagueCookie });
    expect(deleted.status).toBe(404);
    expect(await db.supplierAlert.count({ where: { id: alert.id } })).toBe(1);
  });
});

describe("unsubscribing", () => {
  it("by the link: the page changes nothing, its button stops the alert, the link then says it was used", async () => {
    const link = onServer(links[0]!);
    const delivery = await db.alertDelivery.findFirstOrThrow({
      where: { alert: { userId: supplier.user.id } },
      include: { alert: true },
      orderBy: { createdAt: "asc" },
    });
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = visibleHtml(await page.text());
    expect(html).toContain("Ne plus recevoir l'alerte");
    expect(html).toContain("Me désabonner de cette alerte");
    // Opening the link twice (a mail scanner, a preview) changes nothing.
    await fetch(link);
    expect(
      await db.supplierAlert.findMany({ where: { userId: supplier.user.id, unsubscribedAt: { not: null } } }),
    ).toHaveLength(0);

    const done = await fetch(link, {
      method: "POST",
      headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(done.status).toBe(200);
    expect(visibleHtml(await done.text())).toContain("Vous ne recevrez plus de courriels de l'alerte");
    const stopped = await db.supplierAlert.findMany({
      where: { userId: supplier.user.id, unsubscribedAt: { not: null } },
    });
    expect(stopped).toHaveLength(1);

    // Used again: nothing more, and the page says so.
    const again = await fetch(link, {
      method: "POST",
      headers: { Origin: server.origin },
      body: new URLSearchParams(),
    });
    expect(again.status).toBe(200);
    expect(visibleHtml(await again.text())).toContain("Vous êtes déjà désabonné");
    expect(delivery.alert.name).toBe(stopped[0]!.name);

    // Turned back on by its owner, the alert is not stopped again by the spent link.
    const resumed = await post(`/fournisseur/alertes/${stopped[0]!.id}`, { intent: "resume" });
    expect(resumed.status).toBe(302);
    const spent = await fetch(link, {
      method: "POST",
      headers: { Origin: server.origin },
      body: new URLSearchParams(),
    });
    expect(spent.status).toBe(410);
    expect(visibleHtml(await spent.text())).toContain("Ce lien a déjà servi");
    expect(await db.supplierAlert.count({ where: { id: stopped[0]!.id, unsubscribedAt: null } })).toBe(1);
  });

  it("by the mail provider's one-click POST, without cookie or Origin (RFC 8058)", async () => {
    const response = await fetch(onServer(links[1]!), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    // Both links are now spent, and the second alert is stopped too.
    expect(
      await db.alertDelivery.count({ where: { alert: { userId: supplier.user.id }, unsubscribedAt: { not: null } } }),
    ).toBe(2);
    expect(await db.supplierAlert.count({ where: { userId: supplier.user.id, unsubscribedAt: { not: null } } })).toBe(
      1,
    );
    // Other posts from elsewhere are still refused.
    const foreign = await fetch(`${server.url}/fournisseur/alertes/nouvelle`, {
      method: "POST",
      headers: { Origin: "https://ailleurs.example", Cookie: cookie },
      body: new URLSearchParams({ name: "x" }),
    });
    expect(foreign.status).toBe(403);
  });

  it("a broken link gets a French page, not an error", async () => {
    for (const broken of ["/alertes/desabonnement/abc", `${new URL(links[0]!).pathname.slice(0, -4)}aaaa`]) {
      const response = await fetch(`${server.url}${broken}`);
      expect(response.status).toBe(404);
      expect(visibleHtml(await response.text())).toContain("Ce lien de désabonnement ne fonctionne pas");
      const posted = await fetch(`${server.url}${broken}`, { method: "POST", body: "List-Unsubscribe=One-Click" });
      expect(posted.status).toBe(404);
    }
    // Nothing secret in the server's log.
    for (const link of links) expect(server.logs()).not.toContain(new URL(link).pathname.split("/").pop()!);
  });
});

describe("the personal feed", () => {
  it("is a secret link shown once, listing what matches, replaced by a new one", async () => {
    const created = await post("/fournisseur/alertes", { organizationId: supplier.organization.id });
    expect(created.status).toBe(200);
    const url = /https?:\/\/[^\s<"]+\/alertes\/[a-z2-7]+\.ics/.exec(visibleHtml(await created.text()))![0];
    const feed = await fetch(onServer(url));
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    expect(feed.headers.get("cache-control")).toBe("private, no-cache");
    // Long lines are folded (RFC 5545): unfold before reading.
    const ics = (await feed.text()).replace(/\r\n /g, "");
    expect(ics).toContain("Publication prévue : Réfection de la toiture du gymnase Jean-Jaurès");
    const etag = feed.headers.get("etag")!;
    expect((await fetch(onServer(url), { headers: { "If-None-Match": etag } })).status).toBe(304);
    // Only its hash is kept.
    const token = url.split("/").pop()!.replace(".ics", "");
    expect(JSON.stringify(await db.alertFeed.findMany())).not.toContain(token);

    await post("/fournisseur/alertes", { organizationId: supplier.organization.id });
    expect((await fetch(onServer(url))).status).toBe(404);
    expect(server.logs()).not.toContain(token);
  });
});
