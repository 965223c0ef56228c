// The relays' pure rules: declared sites and the widget's frame-ancestors, the settings forms' bad
// input (French messages), what a following covers, highlights, the newsletter's period, logos, the
// snippet and the Atom feed's escaping.
import { describe, expect, it } from "vitest";
import { addDays } from "~/calendar/dates";
import { atomXml } from "~/relay/atom";
import { escapeXml } from "~/ui/escape";
import {
  coveredDepartements,
  describeFollowing,
  followedItemsWhere,
  followingKey,
  followsNothing,
  isHighlighted,
} from "~/relay/following";
import { checkLogo, LOGO_MAX_BYTES } from "~/relay/logo";
import {
  FOLLOW_NOTHING_MESSAGE,
  followingSchema,
  parseBuyerReference,
  parseCpvDivisions,
  parseNewsletterPeriod,
  sitesSchema,
} from "~/relay/schemas";
import { MAX_SITES, parseSiteList, parseSiteOrigin, widgetFrameAncestors } from "~/relay/sites";
import { widgetSnippet } from "~/relay/widget";
import { isFrameablePath, pageContentSecurityPolicy } from "~/security/content-security-policy";
import { pageCacheKey } from "~/security/page-cache-key";

describe("declared sites", () => {
  it.each([
    ["https://www.cci-exemple.fr", "https://www.cci-exemple.fr"],
    ["www.cci-exemple.fr", "https://www.cci-exemple.fr"],
    ["  HTTPS://WWW.CCI-Exemple.FR/marches-publics?page=2#haut ", "https://www.cci-exemple.fr"],
    ["https://adherents.cma-exemple.fr:8443/", "https://adherents.cma-exemple.fr:8443"],
    ["https://www.chambre-é.fr", "https://www.xn--chambre--i1a.fr"],
  ])("keeps the https origin of %j", (input, origin) => {
    expect(parseSiteOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ["http://www.cci-exemple.fr", "https://"],
    ["ftp://www.cci-exemple.fr", "https://"],
    ["https://*.cci-exemple.fr", "astérisque"],
    ["https://localhost", "n'est pas une adresse de site"],
    ["https://moi:secret@www.cci-exemple.fr", "identifiant"],
    ["https://", "n'est pas une adresse de site"],
    ["javascript:alert(1)", "n'est pas une adresse de site"],
    ["", "Indiquez l'adresse"],
  ])("refuses %j with a French message", (input, words) => {
    const parsed = parseSiteOrigin(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(words);
  });

  it("reads a list, one per line, without duplicates, and at most ten", () => {
    expect(parseSiteList("https://a.fr\nhttps://b.fr/page\n\nhttps://a.fr/")).toEqual({
      ok: true,
      origins: ["https://a.fr", "https://b.fr"],
    });
    expect(parseSiteList("")).toEqual({ ok: true, origins: [] });
    const many = Array.from({ length: MAX_SITES + 1 }, (_, index) => `https://site${index}.fr`).join("\n");
    expect(parseSiteList(many)).toMatchObject({ ok: false, message: expect.stringContaining("10 sites au plus") });
    expect(sitesSchema.safeParse({ sites: "https://a.fr\nhttp://b.fr" }).success).toBe(false);
  });

  it("lets Amont and the declared sites frame the widget, and nothing that could break the header", () => {
    const sources = widgetFrameAncestors([
      "https://www.cci-exemple.fr",
      "https://x.fr; script-src *",
      "https://y.fr 'unsafe-inline'",
    ]);
    expect(sources).toEqual(["'self'", "https://www.cci-exemple.fr"]);
    const policy = pageContentSecurityPolicy("abc", sources);
    expect(policy).toContain("frame-ancestors 'self' https://www.cci-exemple.fr");
    expect(policy.split("; ").filter((directive) => directive.startsWith("frame-ancestors"))).toHaveLength(1);
    // Any other page: nobody.
    expect(pageContentSecurityPolicy("abc")).toContain("frame-ancestors 'none'");
    expect(pageContentSecurityPolicy("abc", ["https://bad.fr;x"])).toContain("frame-ancestors 'none'");
  });

  it("drops X-Frame-Options for the widget's path only", () => {
    expect(isFrameablePath("/relais/cci-rhone/widget")).toBe(true);
    for (const path of ["/relais/cci-rhone", "/relais/cci-rhone.ics", "/plan", "/relais/a/b/widget", "/widget"])
      expect(isFrameablePath(path), path).toBe(false);
  });
});

describe("the settings form", () => {
  const valid = { departements: ["69", "01"], regions: ["32"], buyers: "", categories: ["travaux"], cpv: "45, 71" };

  it("reads départements, régions, buyers, categories and CPV divisions", () => {
    const parsed = followingSchema.parse({
      ...valid,
      buyers: "123 456 782\nhttps://amont.example/acheteurs/metropole-rhone-confluence?x=1\nville-de-test",
      cpv: "71 ; 45210000-2, 45",
    });
    expect(parsed).toEqual({
      departements: ["69", "01"],
      regions: ["32"],
      buyers: [{ siren: "123456782" }, { slug: "metropole-rhone-confluence" }, { slug: "ville-de-test" }],
      categories: ["travaux"],
      cpv: ["45", "71"],
    });
  });

  it.each([
    [{ cpv: "99" }, "cpv", "« 99 » n'est pas une division CPV"],
    [{ cpv: "45, abc" }, "cpv", "« abc » n'est pas une division CPV"],
    [{ cpv: "12345678" }, "cpv", "n'est pas une division CPV"],
    [{ departements: ["69", "100"] }, "departements", "n'existe pas"],
    [{ regions: ["99"] }, "regions", "n'existe pas"],
    [{ categories: ["armement"] }, "categories", "Choisissez les catégories"],
    [{ buyers: "Mairie de Lyon !" }, "buyers", "indiquez le SIREN de l'acheteur"],
    [{ departements: [], regions: [], buyers: "" }, "departements", FOLLOW_NOTHING_MESSAGE],
  ])("refuses %j with a French message on its field", (change, field, words) => {
    const result = followingSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((candidate) => candidate.path[0] === field);
    expect(issue?.message, JSON.stringify(result.error!.issues)).toContain(words);
  });

  it("reads buyer references and CPV divisions as people type them", () => {
    expect(parseBuyerReference(" 123 456 782 ")).toEqual({ ok: true, reference: { siren: "123456782" } });
    expect(parseBuyerReference("/acheteurs/commune-de-test")).toEqual({
      ok: true,
      reference: { slug: "commune-de-test" },
    });
    expect(parseBuyerReference("12345")).toMatchObject({ ok: false, message: expect.stringMatching(/9\schiffres/) });
    expect(parseBuyerReference("123 456 783")).toMatchObject({ ok: false, message: expect.stringContaining("clé") });
    expect(parseCpvDivisions("")).toEqual({ ok: true, divisions: [] });
    expect(parseCpvDivisions("90 45 90")).toEqual({ ok: true, divisions: ["45", "90"] });
  });
});

describe("what a relay follows", () => {
  const following = { departements: ["69", "01"], regions: ["94"], buyerIds: ["b2", "b1"] };

  it("covers its départements and those of its régions, in order", () => {
    expect(coveredDepartements(following)).toEqual(["01", "2A", "2B", "69"]);
    expect(followsNothing({ departements: [], regions: [], buyerIds: [] })).toBe(true);
    expect(followingKey(following)).toBe(
      followingKey({ departements: ["01", "69"], regions: ["94"], buyerIds: ["b1", "b2"] }),
    );
  });

  it("selects nothing when it follows nothing, never the whole plan", () => {
    expect(followedItemsWhere({ departements: [], regions: [], buyerIds: [] })).toEqual({ organizationId: { in: [] } });
    expect(followedItemsWhere(following)).toEqual({
      OR: [{ organizationId: { in: ["b2", "b1"] } }, { departement: { in: ["01", "2A", "2B", "69"] } }],
    });
  });

  it("highlights an item by its category or its CPV division", () => {
    const highlights = { categories: ["fournitures"], cpvDivisions: ["45"] };
    expect(isHighlighted({ category: "travaux", cpvCode: "45210000-2" }, highlights)).toBe(true);
    expect(isHighlighted({ category: "fournitures", cpvCode: "30190000-7" }, highlights)).toBe(true);
    expect(isHighlighted({ category: "services", cpvCode: "71000000-8" }, highlights)).toBe(false);
  });

  it("says in French what it follows", () => {
    expect(describeFollowing({ departements: ["69"], regions: ["32", "11"] }, ["Ville de Test"])).toEqual([
      "le département 69 — Rhône",
      "les régions Hauts-de-France, Île-de-France",
      "l'acheteur Ville de Test",
    ]);
  });
});

describe("the newsletter's period", () => {
  const today = "2027-03-15";

  it("is the last 30 days by default", () => {
    expect(parseNewsletterPeriod(new URLSearchParams(), today)).toEqual({
      period: { from: addDays(today, -29), to: today },
      errors: {},
    });
    expect(parseNewsletterPeriod(new URLSearchParams("du=2027-01-01&au=2027-01-31"), today).period).toEqual({
      from: "2027-01-01",
      to: "2027-01-31",
    });
  });

  it("explains a bad value next to its field and falls back", () => {
    const parsed = parseNewsletterPeriod(new URLSearchParams("du=31/02/2027&au=2027-02-30"), today);
    expect(parsed.errors.du).toContain("Date attendue");
    expect(parsed.errors.au).toContain("Date attendue");
    expect(parsed.period).toEqual({ from: addDays(today, -29), to: today });
    expect(parseNewsletterPeriod(new URLSearchParams("du=2027-03-10&au=2027-03-01"), today).errors.du).toContain(
      "précéder",
    );
    expect(parseNewsletterPeriod(new URLSearchParams("du=2020-01-01"), today).errors.du).toContain("un an au plus");
  });
});

describe("logos", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  it("accepts a PNG or a JPEG by its bytes, refuses anything else, empty or too large", () => {
    expect(checkLogo({ size: png.length, bytes: png })).toEqual({ ok: true, contentType: "image/png" });
    expect(checkLogo({ size: 3, bytes: Uint8Array.from([0xff, 0xd8, 0xff]) })).toEqual({
      ok: true,
      contentType: "image/jpeg",
    });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(checkLogo({ size: svg.length, bytes: svg })).toMatchObject({
      ok: false,
      message: expect.stringContaining("PNG ou JPEG"),
    });
    expect(checkLogo({ size: 0, bytes: new Uint8Array() })).toMatchObject({ ok: false });
    expect(checkLogo({ size: LOGO_MAX_BYTES + 1, bytes: png })).toMatchObject({
      ok: false,
      message: expect.stringContaining("200 Ko"),
    });
  });
});

describe("the widget's snippet and the page cache", () => {
  it("is an iframe with a title, its attributes escaped", () => {
    const snippet = widgetSnippet("https://amont.example", { slug: "cci-test", name: 'CCI "Test" & <Co>' });
    expect(snippet).toBe(
      '<iframe src="https://amont.example/relais/cci-test/widget" title="Achats publics prévus, relayés par CCI &quot;Test&quot; &amp; &lt;Co&gt; (Amont)" width="100%" height="640" loading="lazy" style="border: 0; max-width: 100%;"></iframe>',
    );
  });

  it("caches the relay pages on the parameters they read", () => {
    expect(pageCacheKey("/relais")).toBe("/relais");
    expect(pageCacheKey("/relais/cci?cpv=45&utm=x&tri=titre")).toBe("/relais/cci?cpv=45&tri=titre");
    expect(pageCacheKey("/relais/cci/widget?cpv=45&tri=titre&page=3")).toBe("/relais/cci/widget?cpv=45");
    expect(pageCacheKey("/relais/cci.ics")).toBeNull();
  });
});

describe("the Atom feed", () => {
  it("escapes every text and writes RFC 3339 dates", () => {
    const xml = atomXml({
      id: "https://amont.example/relais/x.atom",
      title: "A & B <c>",
      updated: new Date("2027-01-02T03:04:05.678Z"),
      self: "https://amont.example/relais/x.atom?cpv=45&departement=69",
      alternate: "https://amont.example/relais/x",
      author: "L'auteur",
      entries: [
        {
          id: "https://amont.example/plan/1",
          title: 'Achat "test"\u0001',
          updated: new Date("2027-01-01T00:00:00Z"),
          link: "https://amont.example/plan/1",
          summary: "<script>alert(1)</script>",
          author: "Ville",
        },
      ],
    });
    expect(xml).toContain("<title>A &amp; B &lt;c&gt;</title>");
    expect(xml).toContain('href="https://amont.example/relais/x.atom?cpv=45&amp;departement=69"');
    expect(xml).toContain("<updated>2027-01-02T03:04:05Z</updated>");
    expect(xml).toContain("<title>Achat &quot;test&quot;</title>");
    expect(xml).toContain("&lt;script&gt;");
    expect(xml).not.toContain("<script>");
    expect(escapeXml("L'été")).toBe("L&apos;été");
  });
});
