// Relays over real HTTP on the built server: the public pages, the widget's framing headers (its
// declared sites only; every other page keeps X-Frame-Options: DENY), the feeds' conditional GET,
// the settings page's forms without JavaScript (French messages next to the fields, input kept,
// nothing saved half-way), who may use it, the logo, the buyer's side and /plan/calendrier's
// periods to avoid.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInParis } from "~/calendar/dates";
import { connectDatabase, db } from "~/db/db.server";
import { semesterOf } from "~/plan/vocabulary";
import { findRelaySettings, saveFollowing, saveSites } from "~/relay/relays.server";
import { followingSchema } from "~/relay/schemas";
import { createBuyer as createMember } from "../plan/fixtures";
import { createBuyer, createProcurement, publish, type TestBuyer } from "../plan-public/support";
import { openDayFrom } from "../support/days";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { createRelay, type TestRelay } from "./support";

let server: RunningServer;
let lyon: TestBuyer;
let relay: TestRelay;
let pending: TestRelay;
const cookies: Record<string, string> = {};
const day = openDayFrom(40);
const SITE = "https://www.cci-test.example";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  await connectDatabase();
  lyon = await createBuyer("Ville de Lyon-Relais", "69");
  await createProcurement(lyon, {
    title: "Rénovation de la piscine Garibaldi",
    category: "travaux",
    cpvCode: "45212212-5",
    expectedPublicationDate: day,
  });
  await publish(lyon, semesterOf(day));
  const strasbourg = await createBuyer("Strasbourg-Relais", "67");
  await createProcurement(strasbourg, { title: "Chauffage des écoles de Strasbourg", expectedPublicationDate: day });
  await publish(strasbourg, semesterOf(day));
  relay = await createRelay("CCI Lyon-Test", "69");
  await saveSites(relay.id, [SITE]);
  pending = await createRelay("CCI en attente-Test", "69", { verificationStatus: "pending" });
  const buyerAdmin = await createMember({ name: "Commune de Test", departement: "69" });
  const supplier = await createMember({ name: "Menuiserie Test", departement: "69", kind: "supplier" });
  cookies.admin = await sessionCookie(relay.admin.id, relay.id);
  cookies.member = await sessionCookie(relay.member.id, relay.id);
  cookies.buyer = await sessionCookie(buyerAdmin.user.id, buyerAdmin.organization.id);
  cookies.supplier = await sessionCookie(supplier.user.id, supplier.organization.id);
  ids.buyerOrg = buyerAdmin.organization.id;
  ids.supplierOrg = supplier.organization.id;
  server = await startServer();
}, 120_000);

const ids: Record<string, string> = {};

afterAll(async () => {
  await server?.stop();
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers, redirect: "manual" });
}

function post(path: string, cookie: string | null, body: Record<string, string | string[]> | FormData) {
  let payload: URLSearchParams | FormData;
  if (body instanceof FormData) payload = body;
  else {
    payload = new URLSearchParams();
    for (const [name, value] of Object.entries(body))
      for (const one of Array.isArray(value) ? value : [value]) payload.append(name, one);
  }
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: payload,
  });
}

const settings = () => `/organisations/${relay.id}/relais`;

/** A page's visible words: tags out, spaces collapsed. */
function words(html: string): string {
  return visibleHtml(html)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([).,])/g, "$1")
    .replace(/\( /g, "(");
}

describe("public pages", () => {
  it("lists the verified relays and shows one relay's page, with sources and periods to avoid", async () => {
    const list = visibleHtml(await (await get("/relais")).text());
    expect(list).toContain("CCI Lyon-Test");
    expect(list).not.toContain("CCI en attente-Test");
    const response = await get(`/relais/${relay.slug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const page = visibleHtml(await response.text());
    expect(page).toContain("Rénovation de la piscine Garibaldi");
    expect(page).not.toContain("Chauffage des écoles de Strasbourg");
    expect(page).toMatch(/Programmation du (1er|2e) semestre \d{4}, édition n° 1/);
    expect(page).toContain("Périodes à éviter");
    expect(page).toContain(`href="/relais/${relay.slug}.ics"`);
  });

  it("answers 404 in French for an unknown or unverified relay, its widget and its feeds", async () => {
    for (const slug of ["inconnu", pending.slug, "../plan", "x".repeat(200)]) {
      const page = await get(`/relais/${encodeURIComponent(slug)}`);
      expect(page.status, slug).toBe(404);
      expect(words(await page.text())).toContain("Page introuvable");
    }
    const widget = await get(`/relais/${pending.slug}/widget`);
    expect(widget.status).toBe(404);
    expect(widget.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    for (const format of ["ics", "csv", "atom"]) {
      const feed = await get(`/relais/inconnu.${format}`);
      expect(feed.status, format).toBe(404);
      expect(feed.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await feed.text()).toBe("Aucun réseau relais ne porte cette adresse sur Amont.");
    }
    expect((await get("/relais/inconnu/logo")).status).toBe(404);
  });
});

describe("the widget", () => {
  it("may be framed by Amont and the declared sites only, and by nothing else on the site", async () => {
    for (const round of ["miss", "hit"]) {
      const response = await get(`/relais/${relay.slug}/widget`);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-page-cache")).toBe(round);
      expect(response.headers.has("x-frame-options"), round).toBe(false);
      const policy = response.headers.get("content-security-policy")!;
      expect(policy).toContain(`frame-ancestors 'self' ${SITE}`);
      expect(policy).toContain("script-src 'self' 'nonce-");
      const html = await response.text();
      // No site chrome, no scripts: it works as it is inside another site's page.
      expect(html).not.toContain("site-header");
      expect(html).not.toMatch(/<script\b/);
      const links = [...html.matchAll(/<a\b([^>]*)>/g)].map((match) => match[1]!);
      expect(links.length).toBeGreaterThan(1);
      for (const link of links) {
        expect(link).toContain('target="_blank"');
        expect(link).toMatch(/rel="[^"]*\bnoopener\b/);
      }
      expect(visibleHtml(html)).toContain("Rénovation de la piscine Garibaldi");
    }
    // Other pages are still never framed.
    for (const path of ["/plan", `/relais/${relay.slug}`, "/relais"]) {
      const response = await get(path);
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }
  });
});

describe("feeds", () => {
  it.each([
    ["ics", "text/calendar; charset=utf-8"],
    ["csv", "text/csv; charset=utf-8; header=present"],
    ["atom", "application/atom+xml; charset=utf-8"],
  ])("%s: ETag, Last-Modified, and 304 for an up-to-date copy", async (format, contentType) => {
    const path = `/relais/${relay.slug}.${format}`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe(contentType);
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(lastModified).toMatch(/GMT$/);
    const bytes = Buffer.from(await first.arrayBuffer());
    const body = bytes.toString("utf8");
    expect(body).toContain("Rénovation de la piscine Garibaldi");
    expect(body).not.toContain("Strasbourg");
    // French Excel: a byte order mark, then ";" between quoted fields.
    if (format === "csv") expect(body.startsWith('\uFEFF"Date de publication prévue";')).toBe(true);
    if (format === "ics") {
      const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
      expect(calendar.getAllSubcomponents("vevent").map((event) => event.getFirstPropertyValue("summary"))).toEqual([
        "Publication prévue : Rénovation de la piscine Garibaldi — Ville de Lyon-Relais",
      ]);
    }
    if (format === "atom") expect(body).toMatch(/<entry>\s+<id>http:\/\/127\.0\.0\.1:\d+\/plan\//);
    const byTag = await get(path, { "If-None-Match": etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe("");
    expect((await get(path, { "If-Modified-Since": lastModified })).status).toBe(304);
    // With a filter, another content and another tag.
    const filtered = await get(`${path}?categorie=services`);
    expect(filtered.headers.get("etag")).not.toBe(etag);
  });

  it("gives a new tag once the relay follows something else", async () => {
    const path = `/relais/${relay.slug}.csv`;
    const before = (await get(path)).headers.get("etag")!;
    const previous = await findRelaySettings(relay.id);
    await saveFollowing(relay.id, followingSchema.parse({ departements: ["69", "67"], cpv: "" }));
    try {
      const after = await get(path, { "If-None-Match": before });
      expect(after.status).toBe(200);
      expect(await after.text()).toContain("Strasbourg");
    } finally {
      await saveFollowing(relay.id, followingSchema.parse({ departements: previous!.following.departements, cpv: "" }));
    }
  });
});

describe("the settings page", () => {
  it("is for the relay's members; its forms for its administrators; never for a buyer or a supplier", async () => {
    const asAdmin = await get(settings(), { Cookie: cookies.admin! });
    expect(asAdmin.status).toBe(200);
    const page = visibleHtml(await asAdmin.text());
    expect(page).toContain("Enregistrer le suivi");
    expect(page).toContain(`${server.origin}/relais/${relay.slug}/widget`);
    expect(page).toContain("Version texte");
    const asMember = await get(settings(), { Cookie: cookies.member! });
    expect(asMember.status).toBe(200);
    expect(visibleHtml(await asMember.text())).not.toContain("Enregistrer le suivi");
    expect((await post(settings(), cookies.member!, { intent: "following", departements: "75" })).status).toBe(403);

    expect((await get(settings(), { Cookie: cookies.buyer! })).status).toBe(404);
    const ownBuyer = await get(`/organisations/${ids.buyerOrg}/relais`, { Cookie: cookies.buyer! });
    expect(ownBuyer.status).toBe(403);
    expect(visibleHtml(await ownBuyer.text())).toContain("Cette page est réservée aux réseaux relais");
    const before = await db.relayTerritory.count();
    const refused = await post(`/organisations/${ids.buyerOrg}/relais`, cookies.buyer!, {
      intent: "following",
      departements: "69",
    });
    expect(refused.status).toBe(403);
    expect(
      (
        await post(`/organisations/${ids.supplierOrg}/relais`, cookies.supplier!, {
          intent: "following",
          departements: "69",
        })
      ).status,
    ).toBe(403);
    expect(await db.relayTerritory.count()).toBe(before);
    const visitor = await get(settings());
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/connexion/);
  });

  it.each([
    [{ cpv: "45, 99" }, "« 99 » n'est pas une division CPV", 'value="45, 99"'],
    [{ departements: ["69", "100"] }, "Un des départements choisis n'existe pas", "Rénovation"],
    [{ regions: "99" }, "Une des régions choisies n'existe pas", ""],
    [{ buyers: "123 456 782" }, "Aucun acheteur public vérifié ne porte le SIREN 123456782", "123 456 782</textarea>"],
    [{ buyers: "12345" }, "Ce SIREN doit compter 9", "12345</textarea>"],
    [{ departements: [] as string[], buyers: "" }, "Suivez au moins un département", ""],
  ])(
    "refuses %j with a French message next to the field, the input kept and nothing saved",
    async (change, message, kept) => {
      const before = await findRelaySettings(relay.id);
      const response = await post(settings(), cookies.admin!, {
        intent: "following",
        departements: ["69"],
        buyers: "",
        cpv: "",
        ...change,
      });
      expect(response.status).toBe(400);
      const html = visibleHtml(await response.text());
      expect(html.replaceAll("\u00a0", " ")).toContain(message);
      expect(html).toMatch(/aria-invalid="true"/);
      if (kept && !kept.startsWith("Rénovation")) expect(html).toContain(kept);
      expect(await findRelaySettings(relay.id)).toEqual(before);
    },
  );

  it("saves what the relay follows and the sites of its widget", async () => {
    const saved = await post(settings(), cookies.admin!, {
      intent: "following",
      departements: ["69"],
      regions: ["44"],
      buyers: "",
      categories: ["travaux"],
      cpv: "45",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(settings());
    const after = (await findRelaySettings(relay.id))!;
    expect(after.following.regions).toEqual(["44"]);
    expect(after.highlights).toEqual({ categories: ["travaux"], cpvDivisions: ["45"] });

    const badSite = await post(settings(), cookies.admin!, {
      intent: "sites",
      sites: `${SITE}\nhttp://www.autre.example`,
    });
    expect(badSite.status).toBe(400);
    expect(visibleHtml(await badSite.text())).toContain("l'adresse doit commencer par https://");
    expect((await findRelaySettings(relay.id))!.sites).toEqual([SITE]);
    const sites = await post(settings(), cookies.admin!, {
      intent: "sites",
      sites: `${SITE}\nhttps://adherents.cci-test.example/page`,
    });
    expect(sites.status).toBe(302);
    const widget = await get(`/relais/${relay.slug}/widget?cpv=45`);
    expect(widget.headers.get("content-security-policy")).toContain(
      `frame-ancestors 'self' https://adherents.cci-test.example ${SITE}`,
    );
  });

  it("keeps an uploaded PNG as the logo, and refuses a file that is not an image", async () => {
    const disguised = new FormData();
    disguised.append("intent", "logo");
    disguised.append("logo", new Blob(["<svg><script>alert(1)</script></svg>"], { type: "image/png" }), "logo.png");
    const refused = await post(settings(), cookies.admin!, disguised);
    expect(refused.status).toBe(400);
    expect(visibleHtml(await refused.text())).toContain("Le logo doit être une image PNG ou JPEG");
    const missing = new FormData();
    missing.append("intent", "logo");
    expect((await post(settings(), cookies.admin!, missing)).status).toBe(400);

    const form = new FormData();
    form.append("intent", "logo");
    form.append("logo", new Blob([PNG], { type: "image/png" }), "logo.png");
    const saved = await post(settings(), cookies.admin!, form);
    expect(saved.status).toBe(302);
    // A visitor's copy of the page may come from the page cache for a few seconds: ask as someone with a cookie.
    const page = await (await get(`/relais/${relay.slug}`, { Cookie: "essai=1" })).text();
    const src = /<img src="(\/relais\/[^"]+\/logo\?v=[0-9a-f]{12})"/.exec(page)?.[1];
    expect(src).toBeTruthy();
    const logo = await get(src!.replaceAll("&amp;", "&"));
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(logo.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await post(settings(), cookies.admin!, { intent: "remove-logo" })).status).toBe(302);
    expect((await get(`/relais/${relay.slug}/logo`)).status).toBe(404);
  });

  it("prepares the newsletter block for a period, and explains a bad date next to its field", async () => {
    const response = await get(`${settings()}?du=${todayInParis()}&au=${todayInParis()}`, { Cookie: cookies.admin! });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('id="lettre-html"');
    expect(visibleHtml(html)).toContain(`${server.origin}/plan/`);
    const bad = visibleHtml(await (await get(`${settings()}?du=hier`, { Cookie: cookies.admin! })).text());
    expect(bad).toContain("Date attendue au format jj/mm/aaaa.");
  });
});

describe("other pages", () => {
  it("shows a buyer which relays follow it", async () => {
    const page = words(await (await get(`/acheteurs/${lyon.slug}`)).text());
    expect(page).toContain(
      "Sa programmation est relayée auprès des entreprises par CCI Lyon-Test (suit son département).",
    );
  });

  it("lists and shades the periods to avoid of the chosen territory on /plan/calendrier", async () => {
    // The next December with Christmas still ahead: the reference data always holds the coming
    // school year (it is imported every year), not always the one after.
    const today = todayInParis();
    const year = Number(today.slice(0, 4)) + (today.slice(5) <= "12-25" ? 0 : 1);
    const without = words(await (await get(`/plan/calendrier?mois=${year}-12`)).text());
    expect(without).toContain("Choisissez un département ou une région");
    const chosen = words(await (await get(`/plan/calendrier?mois=${year}-12&departement=69`)).text());
    expect(chosen).toContain("pour le département 69 — Rhône");
    expect(chosen).toContain("Noël (jour férié)");
    expect(chosen).toContain("Vacances de Noël (zone A) (vacances scolaires)");
    const region = words(await (await get(`/plan/calendrier?mois=${year}-12&region=44`)).text());
    // Grand Est: Alsace-Moselle (26 December) and the rest of the région are two calendars.
    expect(region).toContain("pour la région Grand Est");
    expect(region).toContain("Saint-Étienne (Alsace-Moselle) (jour férié, Zone B, Alsace-Moselle)");
    expect(region).toContain("Noël (jour férié)");
  });
});
