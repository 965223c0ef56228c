// The page cache's key (only the parameters a page reads) and its bounds (least recently used
// pages dropped beyond a number of entries or bytes), without a server.
import { describe, expect, it } from "vitest";
import { pageCacheKey } from "~/security/page-cache-key";
import { createPageCache } from "../../server/page-cache.js";

describe("pageCacheKey", () => {
  it.each([
    ["/", "/"],
    ["/?x=1", "/"],
    ["/plan", "/plan"],
    ["/plan?x=1", "/plan"],
    ["/plan?utm_source=lettre&fbclid=abc", "/plan"],
    ["/plan?semestre=2027-S1&x=1", "/plan?semestre=2027-S1"],
    ["/plan?departement=69&semestre=2027-S1", "/plan?departement=69&semestre=2027-S1"],
    ["/plan?semestre=2027-S1&departement=69", "/plan?departement=69&semestre=2027-S1"],
    // A repeated parameter keeps its values in order (the filters read the last one).
    ["/plan?reserve=0&x=1&reserve=1", "/plan?reserve=0&reserve=1"],
    ["/plan/calendrier?mois=2027-03&x=1", "/plan/calendrier?mois=2027-03"],
    ["/plan?mois=2027-03", "/plan"],
    ["/plan/abc123?semestre=2027-S1", "/plan/abc123"],
    ["/evenements?type=webinaire&page=2", "/evenements?type=webinaire"],
    ["/evenements/abc?type=webinaire", "/evenements/abc"],
    ["/sourcing?x=1", "/sourcing"],
    ["/acheteurs/ville-de-lyon?x=1", "/acheteurs/ville-de-lyon"],
  ])("%s → %s", (target, key) => {
    expect(pageCacheKey(target)).toBe(key);
  });

  it.each(["/connexion", "/plan.ics", "/plan/abc.data", "//plan", "/compte?x=1", "/acheteur/achats", "/plan/"])(
    "does not cache %s",
    (target) => {
      expect(pageCacheKey(target)).toBeNull();
    },
  );
});

/** A cache whose pages are rendered instantly, `size` bytes each, with a fake Express request and response. */
function testCache(options: { maxEntries: number; maxBytes: number; size?: number }) {
  const renders: string[] = [];
  const cache = createPageCache({
    render: async (url: string) => {
      renders.push(url);
      return { status: 200, headers: [], body: Buffer.alloc(options.size ?? 10), cacheable: true };
    },
    keyOf: pageCacheKey,
    ttlMs: 60_000,
    maxEntries: options.maxEntries,
    maxBytes: options.maxBytes,
    securityHeaders: {},
    logRequest: () => undefined,
  });
  async function request(url: string): Promise<string> {
    let cacheHeader = "";
    const req = { method: "GET", headers: {}, originalUrl: url, protocol: "http", get: () => "amont.test" };
    const res = {
      status: () => res,
      append: () => res,
      set: (name: string, value: string) => {
        if (name === "X-Page-Cache") cacheHeader = value;
        return res;
      },
      end: () => undefined,
    };
    await cache.servePage(req, res, () => {
      cacheHeader = "not cached";
    });
    // Let the render's continuation store the page.
    await new Promise((resolve) => setImmediate(resolve));
    return cacheHeader;
  }
  return { cache, request, renders };
}

describe("createPageCache", () => {
  it("renders a page once for any made-up parameters, for the URL of its key", async () => {
    const { cache, request, renders } = testCache({ maxEntries: 100, maxBytes: 1_000_000 });
    for (let n = 0; n < 1_000; n++) await request(`/plan?x=${n}`);
    expect(cache.size().entries).toBe(1);
    expect(renders).toEqual(["http://amont.test/plan"]);
  });

  it("keeps at most maxEntries pages, dropping the least recently used", async () => {
    const { cache, request } = testCache({ maxEntries: 3, maxBytes: 1_000_000 });
    await request("/plan/a");
    await request("/plan/b");
    await request("/plan/c");
    expect(await request("/plan/a")).toBe("hit"); // a is now the most recently used
    await request("/plan/d"); // drops b
    expect(cache.size().entries).toBe(3);
    expect(await request("/plan/a")).toBe("hit");
    expect(await request("/plan/b")).toBe("miss");
  });

  it("keeps at most maxBytes of pages", async () => {
    const { cache, request } = testCache({ maxEntries: 1_000, maxBytes: 1_000, size: 300 });
    for (const id of ["a", "b", "c", "d", "e"]) await request(`/plan/${id}`);
    expect(cache.size()).toEqual({ entries: 3, bytes: 900 });
  });
});
