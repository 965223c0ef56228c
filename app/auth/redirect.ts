// Where to send someone after login, an invitation, a change of organisation: a path on this site
// only, never another host (an open redirect turns the site's good name into a phishing link).
// Pure rules, no I/O. Browsers are lenient: they strip tabs and newlines from URLs, read "\" as "/",
// and take "//host" or "/\host" as another site; so anything odd is refused outright rather than
// cleaned, and the survivor is resolved by the WHATWG URL parser (as a browser would) and must stay
// on the same origin.

/** A placeholder origin: only used to resolve the path and check that the origin did not change. */
const PLACEHOLDER_ORIGIN = "https://amont.invalid";
const MAX_LENGTH = 2_048;
/** C0 controls, DEL, C1 controls, Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Decoded up to a few times: "%252F%252F" is "//" once a careless layer decodes it twice. */
function decodedForms(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let round = 0; round < 3 && current.includes("%"); round++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null; // a malformed escape: no honest link has one
    }
    forms.push(current);
  }
  return forms;
}

function looksLikeAnotherHost(form: string): boolean {
  return (
    CONTROL.test(form) ||
    form.includes("\\") ||
    !form.startsWith("/") ||
    form.startsWith("//") ||
    // "/%2F/evil" decodes to "///evil"; "/./"-style tricks are left to the URL parser below.
    /^\/[/\\]/.test(form)
  );
}

/**
 * The same-origin path (with its query and fragment) that `target` points to, or `fallback`.
 * Accepts only a path starting with a single "/"; refuses control characters, backslashes, "//",
 * encoded variants of those, schemes ("https:", "javascript:") and anything longer than 2 KB.
 */
export function safeRedirectPath(target: unknown, fallback = "/compte"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_LENGTH) return fallback;
  const forms = decodedForms(target);
  if (!forms || forms.some(looksLikeAnotherHost)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser normalises ("/a/../" …): check the result once more, as a browser would read it.
  return looksLikeAnotherHost(path) ? fallback : path;
}

/**
 * The page a form was posted from (its Referer), when it is on this site: where to go back after
 * an action such as switching organisation. A missing, malformed or foreign Referer gives `fallback`.
 */
export function sameOriginRefererPath(referer: string | null, requestUrl: string, fallback = "/compte"): string {
  if (!referer) return fallback;
  let from: URL;
  let site: URL;
  try {
    from = new URL(referer);
    site = new URL(requestUrl);
  } catch {
    return fallback;
  }
  if (from.origin !== site.origin) return fallback;
  return safeRedirectPath(`${from.pathname}${from.search}`, fallback);
}
