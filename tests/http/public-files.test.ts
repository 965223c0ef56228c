// The files of public/ (favicon, robots.txt, web manifest) and /sitemap.xml, through the real built
// server on the demo data, with a draft and a cancelled event and a draft and a withdrawn
// questionnaire added: the sitemap lists every public page, each of which answers, and none of those.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { seedDemoData } from "../../prisma/seed";
import { BUYERS, RELAYS } from "../../prisma/seed-data";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const hidden = { draftEvent: "", cancelledEvent: "", draftQuestionnaire: "", withdrawnQuestionnaire: "" };

beforeAll(async () => {
  await connectDatabase();
  await seedDemoData();
  const buyer = await db.organization.findUniqueOrThrow({
    where: { slug: BUYERS[0].slug },
    select: { id: true, departement: true, memberships: { take: 1, select: { userId: true } } },
  });
  const procurement = await db.plannedProcurement.findFirstOrThrow({
    where: { organizationId: buyer.id },
    select: { id: true },
  });
  const createdById = buyer.memberships[0]!.userId;
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const event = (status: string, title: string) =>
    write((tx) =>
      tx.event.create({
        data: {
          kind: "webinar",
          organizationId: buyer.id,
          title,
          description: "Présentation des achats à venir.",
          departement: buyer.departement,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          eventDate: startsAt.toISOString().slice(0, 10),
          registrationDeadline: startsAt,
          capacity: 50,
          status,
          createdById,
        },
        select: { id: true },
      }),
    );
  const questionnaire = (status: string, title: string) =>
    write((tx) =>
      tx.questionnaire.create({
        data: {
          organizationId: buyer.id,
          plannedProcurementId: procurement.id,
          title,
          introduction: "",
          status,
          createdById,
        },
        select: { id: true },
      }),
    );
  hidden.draftEvent = (await event("draft", "Webinaire en préparation")).id;
  hidden.cancelledEvent = (await event("cancelled", "Webinaire annulé")).id;
  hidden.draftQuestionnaire = (await questionnaire("draft", "Questionnaire en préparation")).id;
  hidden.withdrawnQuestionnaire = (await questionnaire("withdrawn", "Questionnaire retiré")).id;
  server = await startServer();
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

/**
 * Whether robots.txt lets a crawler fetch this path (RFC 9309: the longest matching rule wins, Allow
 * on a tie; `*` matches any characters, `$` ends the path).
 */
function allowedByRobots(robots: string, path: string): boolean {
  let best: { length: number; allow: boolean } | null = null;
  for (const line of robots.split("\n")) {
    const match = /^(allow|disallow):\s*(\S*)/i.exec(line.trim());
    if (!match?.[2]) continue;
    const rule = match[2];
    const source = rule
      .split("")
      .map((char, index) =>
        char === "*"
          ? ".*"
          : char === "$" && index === rule.length - 1
            ? "$"
            : char.replace(/[.+?^{}()|[\]\\]/g, "\\$&"),
      )
      .join("");
    if (!new RegExp(`^${source}`).test(path)) continue;
    const allow = match[1]!.toLowerCase() === "allow";
    if (!best || rule.length > best.length || (rule.length === best.length && allow))
      best = { length: rule.length, allow };
  }
  return best?.allow ?? true;
}

describe("public files", () => {
  it("serves robots.txt: public pages and feeds allowed, accounts, back-offices and private links not", async () => {
    const response = await fetch(`${server.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    const robots = await response.text();
    for (const path of [
      "/",
      "/plan",
      "/plan/calendrier",
      "/plan/cm1abc",
      "/plan.ics",
      "/plan.csv",
      "/plan.ocds.json",
      "/plan/cm1abc/calendrier.ics",
      "/acheteurs/metropole-rhone-confluence",
      "/acheteurs/metropole-rhone-confluence/editions/2027-S1/2",
      "/evenements",
      "/evenements/cm1abc",
      "/evenements.ics",
      "/sourcing",
      "/sourcing/cm1abc",
      "/accessibilite",
      "/mentions-legales",
      "/.well-known/security.txt",
    ]) {
      expect(allowedByRobots(robots, path), path).toBe(true);
    }
    for (const path of [
      "/acheteur",
      "/acheteur/achats",
      "/acheteur/sourcing/cm1abc/export.csv",
      "/fournisseur/agenda",
      "/admin/calendrier",
      "/compte",
      "/organisations/nouvelle",
      "/invitations/un-jeton",
      "/calendrier/un-jeton.ics",
      "/alertes/un-jeton.ics",
      "/alertes/desabonnement/un-jeton",
      "/relais/desabonnement/un-jeton",
      "/fournisseur/alertes",
      "/verification",
      "/mot-de-passe-oublie",
      "/mot-de-passe/nouveau",
      "/connexion",
      "/inscription",
      "/evenements/cm1abc/inscription",
    ]) {
      expect(allowedByRobots(robots, path), path).toBe(false);
    }
    // The Sitemap line must be absolute: it names the production site of fly.toml.
    const appUrl = /APP_URL = "([^"]+)"/.exec(readFileSync("fly.toml", "utf8"))?.[1];
    expect(robots).toContain(`\nSitemap: ${new URL("/sitemap.xml", appUrl).href}\n`);
  });

  it("serves the favicon (SVG and .ico), linked from every page with the web manifest", async () => {
    const svg = await fetch(`${server.url}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toContain("<svg");
    const ico = await fetch(`${server.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(ico.headers.get("cache-control")).toBe("public, max-age=3600");
    const page = await (await fetch(`${server.url}/plan`)).text();
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(page).toContain('<link rel="manifest" href="/site.webmanifest"/>');
  });

  it("serves the web manifest in French, with icons that exist", async () => {
    const response = await fetch(`${server.url}/site.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as {
      short_name: string;
      lang: string;
      theme_color: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.short_name).toBe("Amont");
    expect(manifest.lang).toBe("fr");
    expect(manifest.theme_color).toBe("#1a4d8f");
    expect(manifest.icons.map((icon) => icon.sizes)).toContain("512x512");
    for (const icon of manifest.icons) {
      const image = await fetch(`${server.url}${icon.src}`);
      expect(image.status, icon.src).toBe(200);
      expect(image.headers.get("content-type"), icon.src).toBe("image/png");
    }
  });
});

describe("/sitemap.xml", () => {
  let locations: string[];

  beforeAll(async () => {
    const response = await fetch(`${server.url}/sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    // The whole document follows the sitemap protocol's grammar: one <url> per line, each with an
    // escaped <loc> and an optional W3C <lastmod>.
    const url = String.raw`<url><loc>(?:[^<>&]|&(?:amp|lt|gt|quot|apos);)+</loc>(?:<lastmod>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00</lastmod>)?</url>\n`;
    expect(xml).toMatch(
      new RegExp(
        String.raw`^<\?xml version="1\.0" encoding="UTF-8"\?>\n<urlset xmlns="http://www\.sitemaps\.org/schemas/sitemap/0\.9">\n(?:${url})*</urlset>\n$`,
      ),
    );
    locations = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
  });

  it("lists the public lists, every published procurement, buyer, event, questionnaire and relay, by absolute URL", async () => {
    const paths = locations.map((location) => {
      expect(location.startsWith(`${server.origin}/`), location).toBe(true);
      return new URL(location).pathname;
    });
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/",
        "/plan",
        "/plan/calendrier",
        "/evenements",
        "/sourcing",
        "/accessibilite",
        "/mentions-legales",
      ]),
    );

    const latestItems = await db.planEditionItem.findMany({
      where: { edition: { isLatest: true } },
      distinct: ["plannedProcurementId"],
      select: { plannedProcurementId: true },
    });
    expect(latestItems.length).toBeGreaterThan(50);
    expect(paths.filter((path) => path.startsWith("/plan/") && path !== "/plan/calendrier").sort()).toEqual(
      latestItems.map((item) => `/plan/${item.plannedProcurementId}`).sort(),
    );
    for (const buyer of BUYERS) expect(paths).toContain(`/acheteurs/${buyer.slug}`);

    const published = await db.event.findMany({ where: { status: "published" }, select: { id: true } });
    expect(published.length).toBeGreaterThan(0);
    for (const event of published) expect(paths).toContain(`/evenements/${event.id}`);
    const open = await db.questionnaire.findMany({ where: { status: "published" }, select: { id: true } });
    expect(open.length).toBeGreaterThan(0);
    for (const questionnaire of open) expect(paths).toContain(`/sourcing/${questionnaire.id}`);
    expect(paths).toContain("/relais");
    for (const relay of RELAYS) expect(paths).toContain(`/relais/${relay.slug}`);
  });

  it("leaves out draft and cancelled events, draft and withdrawn questionnaires, and private pages", () => {
    const paths = locations.map((location) => new URL(location).pathname);
    expect(paths).not.toContain(`/evenements/${hidden.draftEvent}`);
    expect(paths).not.toContain(`/evenements/${hidden.cancelledEvent}`);
    expect(paths).not.toContain(`/sourcing/${hidden.draftQuestionnaire}`);
    expect(paths).not.toContain(`/sourcing/${hidden.withdrawnQuestionnaire}`);
    expect(
      paths.filter((path) => /^\/(acheteur|fournisseur|admin|compte|organisations|calendrier)(\/|$)/.test(path)),
    ).toEqual([]);
  });

  // About a hundred pages rendered one after the other: a generous limit for a busy machine.
  it("lists only pages that answer 200 to an anonymous visitor", { timeout: 180_000 }, async () => {
    for (const location of locations) {
      const response = await fetch(location, { redirect: "manual" });
      expect(response.status, location).toBe(200);
      await response.arrayBuffer();
    }
  });
});
