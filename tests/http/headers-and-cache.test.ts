// Security headers, the page cache's bounds and malformed headers, on the real built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuyer } from "../plan/fixtures";
import { sessionCookie } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  // A long cache life: the flood below must be answered from one cached page, however slow the machine.
  server = await startServer({ PAGE_CACHE_TTL_MS: "600000" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers, redirect: "manual" });
}

function expectCommonHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  // The test server runs with NODE_ENV=production.
  expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
}

/** The page's nonce, after checking the policy around it; and every <script> of the page. */
function pagePolicy(response: Response, html: string) {
  const policies = response.headers.get("content-security-policy")?.split(", ") ?? [];
  expect(policies).toHaveLength(1);
  const policy = policies[0]!;
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  for (const directive of [
    "default-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ])
    expect(policy).toContain(directive);
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
  return { nonce: nonce!, scripts };
}

describe("security headers", () => {
  it("a page: a Content-Security-Policy whose nonce is on every script Remix writes inline", async () => {
    const response = await get("/connexion");
    expect(response.status).toBe(200);
    expectCommonHeaders(response);
    const html = await response.text();
    const { nonce, scripts } = pagePolicy(response, html);
    const inline = scripts.filter((attributes) => !/\bsrc=/.test(attributes));
    expect(inline.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    // A fresh nonce for every page.
    const again = await get("/connexion");
    expect(pagePolicy(again, await again.text()).nonce).not.toBe(nonce);
  });

  it("a cached page keeps the policy that matches its own nonce", async () => {
    await get("/evenements");
    const cached = await get("/evenements");
    expect(cached.headers.get("x-page-cache")).toBe("hit");
    expectCommonHeaders(cached);
    const html = await cached.text();
    const { nonce, scripts } = pagePolicy(cached, html);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it("a feed and a file: a policy that lets nothing run, and the same other headers", async () => {
    for (const path of ["/plan.ics", "/evenements.ics", "/healthz"]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expectCommonHeaders(response);
      expect(response.headers.get("content-security-policy"), path).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
      );
    }
  });
});

describe("page cache", () => {
  it("ignores parameters the page does not read: 1,000 made-up ones are one cached page", async () => {
    const first = await get("/plan?x=0");
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const misses: string[] = [];
    for (let n = 1; n <= 1_000; n++) {
      const response = await get(`/plan?x=${n}&utm_source=${n}`);
      await response.arrayBuffer();
      if (response.headers.get("x-page-cache") !== "hit") misses.push(`?x=${n}: ${response.status}`);
    }
    expect(misses).toEqual([]);
    // The same page as without the parameter.
    expect((await get("/plan")).headers.get("x-page-cache")).toBe("hit");
  });

  it("keys on the parameters the page reads, whatever their order", async () => {
    const first = await get("/plan?semestre=2027-S1&x=1&departement=69");
    await first.arrayBuffer();
    const reordered = await get("/plan?departement=69&semestre=2027-S1&y=2");
    expect(reordered.headers.get("x-page-cache")).toBe("hit");
    // A filter the page reads is a different page.
    const other = await get("/plan?semestre=2027-S2");
    expect(other.headers.get("x-page-cache")).toBe("miss");
  });
});

describe("malformed Referer", () => {
  it.each(["http://[::1", "%%%", "http://", "not a url at all"])(
    "switching organisation with Referer %j answers a redirect, not an error",
    async (referer) => {
      const { user, organization } = await createBuyer({ name: "Commune de Referer", departement: "69" });
      const response = await fetch(`${server.url}/organisations/active`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Origin: server.origin,
          Referer: referer,
          Cookie: await sessionCookie(user.id),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ organizationId: organization.id }),
      });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/compte");
    },
  );

  it("goes back to the page of this site it came from, never to another host", async () => {
    const { user, organization } = await createBuyer({ name: "Commune de Retour", departement: "69" });
    for (const [referer, location] of [
      [`${server.origin}/plan?semestre=2027-S1`, "/plan?semestre=2027-S1"],
      [`${server.origin}//evil.example/x`, "/compte"],
      ["https://evil.example/plan", "/compte"],
    ]) {
      const response = await fetch(`${server.url}/organisations/active`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Origin: server.origin,
          Referer: referer!,
          Cookie: await sessionCookie(user.id),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ organizationId: organization.id }),
      });
      expect(response.headers.get("location"), referer).toBe(location);
    }
  });

  it("a page read with a malformed Referer is served as usual", async () => {
    for (const referer of ["http://[::1", "%%%"]) {
      expect((await get("/plan", { Referer: referer })).status).toBe(200);
      expect((await get("/connexion", { Referer: referer })).status).toBe(200);
    }
  });
});
