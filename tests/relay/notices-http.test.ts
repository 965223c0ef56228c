// Relay edition notices over real HTTP on the built server: a member's own choice from the relay's
// page without JavaScript, and the one-click unsubscribe link of a notice (RFC 8058): opening it
// changes nothing, posting to it (the mail provider's one-click POST, without cookie or Origin) stops
// the member's notices and says how to turn them back on; a used, unknown or broken link gets a
// French page, never an error, and no secret reaches the logs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db } from "~/db/db.server";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { runDueJobs } from "~/jobs/worker.server";
import { RELAY_EDITION_NOTICE_JOB } from "~/relay/edition-notices.server";
import { buyerWithEdition } from "../alerts/fixtures";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { createRelay, type TestRelay } from "./support";

let server: RunningServer;
let relay: TestRelay;
const cookies: Record<string, string> = {};
/** The unsubscribe link of the notice sent to the relay's plain member, and to its administrator. */
const links: Record<"member" | "admin", string> = { member: "", admin: "" };

const CHOICE = "Recevoir un e-mail à chaque nouvelle édition d'un plan suivi";

beforeAll(async () => {
  await connectDatabase();
  relay = await createRelay("CCI Nantes HTTP-Test", "44");
  await buyerWithEdition("Ville de Nantes HTTP-Test", "44", [
    { title: "Entretien des quais de Loire", category: "services", cpvCode: "90911200-8" },
  ]);
  await runDueJobs(JOB_HANDLERS, {
    workerId: "test-relay-notices",
    kinds: [RELAY_EDITION_NOTICE_JOB],
    now: new Date(Date.now() + 60_000),
  });
  for (const who of ["member", "admin"] as const) {
    const user = await db.user.findUniqueOrThrow({ where: { id: relay[who].id } });
    const message = await db.outboxMessage.findFirstOrThrow({
      where: { template: "relay-edition-notice", to: user.email },
    });
    links[who] = /https?:\/\/\S+\/relais\/desabonnement\/[a-z2-7]+/.exec(message.text)![0];
  }
  cookies.member = await sessionCookie(relay.member.id, relay.id);
  cookies.admin = await sessionCookie(relay.admin.id, relay.id);
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

function onServer(link: string): string {
  return `${server.url}${new URL(link).pathname}`;
}

/** A form posted by a signed-in browser without JavaScript. */
function postChoice(cookie: string, fields: Record<string, string>) {
  return fetch(`${server.url}/organisations/${relay.id}/relais/avis`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.origin, Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}

async function settingsPage(cookie: string): Promise<string> {
  const response = await fetch(`${server.url}/organisations/${relay.id}/relais`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  return visibleHtml(await response.text());
}

const isChecked = (html: string) =>
  /<input type="checkbox" id="editionNotices" name="editionNotices"[^>]*checked/.test(html);

function optOutOf(userId: string) {
  return db.relayNoticeOptOut.findFirst({ where: { membership: { userId, organizationId: relay.id } } });
}

describe("a member's own choice on the relay's page", () => {
  it("is on by default, turned off and on again by a plain member, without touching the others'", async () => {
    const before = await settingsPage(cookies.member!);
    expect(before).toContain(CHOICE);
    expect(before).toContain("Vous les recevez.");
    expect(isChecked(before)).toBe(true);

    // Unchecked: the box posts nothing.
    const off = await postChoice(cookies.member!, {});
    expect(off.status).toBe(302);
    expect(off.headers.get("location")).toBe(`/organisations/${relay.id}/relais#avis`);
    expect(await optOutOf(relay.member.id)).not.toBeNull();
    expect(await optOutOf(relay.admin.id)).toBeNull();
    const after = await settingsPage(cookies.member!);
    expect(after).toContain("Vous ne les recevez pas.");
    expect(isChecked(after)).toBe(false);
    expect(isChecked(await settingsPage(cookies.admin!))).toBe(true);

    const on = await postChoice(cookies.member!, { editionNotices: "on" });
    expect(on.status).toBe(302);
    expect(await optOutOf(relay.member.id)).toBeNull();
    expect(isChecked(await settingsPage(cookies.member!))).toBe(true);
  });

  it("refuses a value the box never posts, and a GET, changing nothing", async () => {
    const forged = await postChoice(cookies.member!, { editionNotices: "peut-être" });
    expect(forged.status).toBe(400);
    expect(await optOutOf(relay.member.id)).toBeNull();
    const read = await fetch(`${server.url}/organisations/${relay.id}/relais/avis`, {
      headers: { Cookie: cookies.member! },
    });
    expect(read.status).toBe(405);
    expect(await optOutOf(relay.member.id)).toBeNull();
  });
});

describe("a notice's unsubscribe link", () => {
  it("opened, shows a page with a button and changes nothing", async () => {
    for (let time = 0; time < 2; time++) {
      const page = await fetch(onServer(links.member));
      expect(page.status).toBe(200);
      const html = visibleHtml(await page.text());
      expect(html).toContain("Ne plus recevoir les e-mails de nouvelle édition de CCI Nantes HTTP-Test");
      expect(html).toContain("Me désabonner de ces e-mails");
    }
    expect(await optOutOf(relay.member.id)).toBeNull();
    expect(await db.relayNoticeDelivery.count({ where: { unsubscribedAt: { not: null } } })).toBe(0);
  });

  it("posted in one click by the mail provider (RFC 8058, no cookie, no Origin), stops the member's notices", async () => {
    const response = await fetch(onServer(links.member), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    const html = visibleHtml(await response.text());
    expect(html).toContain("C'est fait");
    // How to turn them back on.
    expect(html).toContain(`cochez « ${CHOICE} »`);
    expect(html).toContain(`href="/organisations/${relay.id}/relais#avis"`);
    expect(await optOutOf(relay.member.id)).not.toBeNull();
    // Only this member's choice.
    expect(await optOutOf(relay.admin.id)).toBeNull();
    expect(isChecked(await settingsPage(cookies.member!))).toBe(false);
  });

  it("used again, changes nothing and says so; 410 once the member turned the notices back on", async () => {
    const again = await fetch(onServer(links.member), { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(again.status).toBe(200);
    expect(visibleHtml(await again.text())).toContain("Vous êtes déjà désabonné");

    expect((await postChoice(cookies.member!, { editionNotices: "on" })).status).toBe(302);
    const spent = await fetch(onServer(links.member), { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(spent.status).toBe(410);
    expect(visibleHtml(await spent.text())).toContain("Ce lien a déjà servi");
    expect(await optOutOf(relay.member.id)).toBeNull();
    const opened = await fetch(onServer(links.member));
    expect(opened.status).toBe(410);
  });

  it("unknown or broken, gets a French page, not an error, and no secret reaches the logs", async () => {
    const wellFormed = `${new URL(links.admin).pathname.slice(0, -4)}aaaa`;
    for (const broken of ["/relais/desabonnement/abc", wellFormed, "/relais/desabonnement/%E2%80%A6"]) {
      const page = await fetch(`${server.url}${broken}`);
      expect(page.status).toBe(404);
      expect(visibleHtml(await page.text())).toContain("Ce lien de désabonnement ne fonctionne pas");
      const posted = await fetch(`${server.url}${broken}`, { method: "POST", body: "List-Unsubscribe=One-Click" });
      expect(posted.status).toBe(404);
      expect(visibleHtml(await posted.text())).toContain("Ce lien de désabonnement ne fonctionne pas");
    }
    expect(await optOutOf(relay.admin.id)).toBeNull();
    for (const link of Object.values(links))
      expect(server.logs()).not.toContain(new URL(link).pathname.split("/").pop()!);
    expect(server.logs()).toMatch(/\[http\] POST \/relais\/desabonnement\/\[redacted\] 200/);
  });
});
