// Micro-cache for public pages seen by anonymous visitors: a request without any cookie gets the
// same HTML as every other such request, so it is rendered at most once per `ttlMs` (concurrent
// misses share one render). Anything with a cookie (a session, a toast) is rendered fresh, and only
// complete 200 pages without Set-Cookie are kept.
//
// Bounded twice: the key keeps only the query parameters a page reads (`keyOf`, from the
// application), and the least recently used pages are dropped beyond `maxEntries` or `maxBytes`.

/**
 * @param {object} options
 * @param {(url: string) => Promise<{ status: number, headers: [string, string][], body: Buffer, cacheable: boolean }>} options.render
 *   renders the page at an absolute URL
 * @param {(target: string) => string | null} options.keyOf the cache key of a request target, or null if not cached
 * @param {number} options.ttlMs how long a rendered page is reused (0 disables the cache)
 * @param {number} options.maxEntries
 * @param {number} options.maxBytes total size of the cached bodies
 * @param {Record<string, string> | ((target: string) => Record<string, string>)} options.securityHeaders set on
 *   every answer from the cache (a function gives those of a request target)
 * @param {(method: string, url: string, status: number, startedAt: bigint) => void} options.logRequest
 */
export function createPageCache({ render, keyOf, ttlMs, maxEntries, maxBytes, securityHeaders, logRequest }) {
  /** key → a rendered page ({ ..., expires }) or the Promise of its render. Map order = least recently used first. */
  const entries = new Map();
  let bytes = 0;

  function remove(key) {
    const entry = entries.get(key);
    if (entry === undefined) return;
    if (!(entry instanceof Promise)) bytes -= entry.body.length;
    entries.delete(key);
  }

  function store(key, page) {
    remove(key);
    entries.set(key, page);
    if (!(page instanceof Promise)) bytes += page.body.length;
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      if (oldest !== key) remove(oldest);
    }
  }

  /** A fresh page for `key`, marked as the most recently used; undefined otherwise. */
  function freshPage(key) {
    const page = entries.get(key);
    if (!page || page instanceof Promise || page.expires <= Date.now()) return undefined;
    entries.delete(key);
    entries.set(key, page);
    return page;
  }

  function keyOfRequest(req) {
    if (ttlMs <= 0 || req.method !== "GET" || req.headers.cookie) return null;
    return keyOf(req.url);
  }

  /**
   * Answers a request from a fresh cached page before Express even sees it (the common case for
   * anonymous traffic). Returns false when the request must go through the application.
   */
  function serveFreshHit(req, res) {
    const key = keyOfRequest(req);
    const page = key === null ? undefined : freshPage(key);
    if (!page) return false;
    const startedAt = process.hrtime.bigint();
    res.statusCode = page.status;
    const headers = typeof securityHeaders === "function" ? securityHeaders(req.url) : securityHeaders;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    for (const [name, value] of page.headers) res.appendHeader(name, value);
    res.setHeader("X-Page-Cache", "hit");
    res.end(page.body);
    logRequest(req.method, req.url, page.status, startedAt);
    return true;
  }

  /** Express middleware: a cached page, or a render shared by concurrent requests for the same key. */
  async function servePage(req, res, next) {
    const key = keyOfRequest({ method: req.method, headers: req.headers, url: req.originalUrl });
    if (key === null) return next();
    let entry = freshPage(key);
    const hit = entry !== undefined;
    if (!hit) {
      entry = entries.get(key);
      if (!(entry instanceof Promise)) {
        // Rendered for the key's URL: parameters left out of the key never reach the page.
        const pending = render(`${req.protocol}://${req.get("host")}${key}`).then((rendered) => ({
          ...rendered,
          expires: Date.now() + ttlMs,
        }));
        store(key, pending);
        pending.then(
          (rendered) => {
            if (entries.get(key) !== pending) return;
            if (rendered.cacheable) store(key, rendered);
            else remove(key);
          },
          () => {
            if (entries.get(key) === pending) remove(key);
          },
        );
        entry = pending;
      }
    }
    try {
      const page = hit ? entry : await entry;
      res.status(page.status);
      for (const [name, value] of page.headers) res.append(name, value);
      res.set("X-Page-Cache", hit ? "hit" : "miss");
      res.end(page.body);
    } catch (error) {
      next(error);
    }
  }

  return {
    servePage,
    serveFreshHit,
    /** How many pages (or renders in progress) are kept, and the size of their bodies. */
    size: () => ({ entries: entries.size, bytes }),
  };
}
