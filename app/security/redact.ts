// Redaction of secrets in what the server writes to its logs (request lines, error messages and
// stacks). Pure and synchronous: server/index.js uses it through the build (see entry.server.tsx)
// for every request line, and the error logger for every error.
//
// A URL can carry a secret in three ways, all covered here:
// - a query parameter whose name says so (?token=, ?code=...): its value is replaced;
// - a path whose segment is the secret: /calendrier/<token>.ics, /alertes/<token>.ics,
//   /invitations/<token>, /alertes/desabonnement/<token> and /relais/desabonnement/<token> (also
//   followed by .data, Remix's data request for the page);
// - either of those nested, percent-encoded, in another parameter (/connexion?redirectTo=%2Finvitations%2F<token>).

/** What replaces a secret. Plain ASCII, so that log lines stay greppable. */
export const REDACTED = "[redacted]";

/**
 * Query parameters whose value is (or may be) a secret, compared without regard to case. The
 * application's own links use `token` (email verification, password reset); the others are the
 * usual names for codes and keys, so that a link pasted from elsewhere is not logged in clear either.
 */
export const SECRET_QUERY_PARAMETERS = [
  "token",
  "code",
  "key",
  "apikey",
  "api_key",
  "secret",
  "t",
  "reset",
  "password",
  "motdepasse",
  "jeton",
  "cle",
  "otp",
  "signature",
  "sig",
  "access_token",
  "refresh_token",
  "id_token",
] as const;

const parameterNames = SECRET_QUERY_PARAMETERS.join("|");

// A value ends at the next parameter, the fragment, white space, a quote, or (when the URL is itself
// percent-encoded inside another parameter) an encoded "&" or "#".
const VALUE = String.raw`(?:[^&#\s"'<>%]|%(?!26|23)[0-9A-Fa-f]{2}|%(?![0-9A-Fa-f]{2}))*`;
// What may precede a parameter name: the start of a query, a separator, or their encoded forms.
const PARAMETER_START = String.raw`(^|[?&;\s"'(]|%3F|%26)`;

const SECRET_PARAMETER = new RegExp(String.raw`${PARAMETER_START}(${parameterNames})(=|%3D)(${VALUE})`, "gi");

/** Path segments that are secrets, plain or percent-encoded ("/" as %2F). */
const SECRET_PATHS: readonly RegExp[] = [
  // The private agenda feed: /calendrier/<token>.ics
  /(\/|%2F)(calendrier)(\/|%2F)((?:[^/?#\s"'<>.%&]|%(?!2F|3F|26|23)[0-9A-Fa-f]{2})+)(\.ics)/gi,
  // An organisation invitation: /invitations/<token>, possibly followed by .data, / or a query
  /(\/|%2F)(invitations)(\/|%2F)((?:[^/?#\s"'<>.%&]|%(?!2F|3F|26|23)[0-9A-Fa-f]{2})+)()/gi,
  // A supplier's personal alerts feed: /alertes/<token>.ics
  /(\/|%2F)(alertes)(\/|%2F)((?:[^/?#\s"'<>.%&]|%(?!2F|3F|26|23)[0-9A-Fa-f]{2})+)(\.ics)/gi,
  // The unsubscribe link of an alert email or a relay's notice: /alertes/ or /relais/desabonnement/<token>
  /(\/|%2F)(desabonnement)(\/|%2F)((?:[^/?#\s"'<>.%&]|%(?!2F|3F|26|23)[0-9A-Fa-f]{2})+)()/gi,
];

/**
 * The text with every secret found in a URL replaced by [redacted]. Works on a request target
 * (`/verification?token=...`), an absolute URL, or any text that contains URLs (an error stack).
 */
export function redactSecrets(text: string): string {
  let result = text.replace(
    SECRET_PARAMETER,
    (_match, start: string, name: string, equals: string, value: string) =>
      `${start}${name}${equals}${value ? REDACTED : ""}`,
  );
  for (const pattern of SECRET_PATHS) {
    result = result.replace(
      pattern,
      (match, slash: string, segment: string, separator: string, secret: string, extension: string) =>
        secret === REDACTED || secret === encodeURIComponent(REDACTED)
          ? match
          : `${slash}${segment}${separator}${REDACTED}${extension}`,
    );
  }
  return result;
}

/** The request target or URL to log: the same, with its secrets replaced. */
export function redactUrl(url: string): string {
  return redactSecrets(url);
}
