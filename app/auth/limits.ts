// Abuse limits (pure rules, no I/O): how many times an action may be done per key in a window, the
// keys (hashed by rate-limit.server.ts), and the French message that says when to retry. The counts
// are documented in README.md ("Abuse limits") and docs/decisions/0018-abuse-limits.md.

export interface LimitRule {
  /** Stored with the counter: one counter per (action, key). */
  action: string;
  /** Allowed uses per window; the next one is refused until the window ends. */
  limit: number;
  windowMs: number;
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function rule(action: string, limit: number, windowMs: number): LimitRule {
  return { action, limit, windowMs };
}

export const LIMITS = {
  // Login: every attempt counts before the password is checked (so parallel guesses cannot pass the
  // cap); a successful login gives its attempt back. Locking an account for everyone takes more than
  // one IP: one IP can make at most 10 attempts on an account per 15 minutes (so at most 20 in any
  // account window), and the account itself is locked only after 50, hence from 3 IPs or more. A
  // password reset lifts the account's locks.
  loginPerAccountAndIp: rule("login:account+ip", 10, 15 * MINUTE_MS),
  loginPerAccount: rule("login:account", 50, 15 * MINUTE_MS),
  /** Across accounts (credential stuffing); an office behind one address still has room. */
  loginPerIp: rule("login:ip", 30, 15 * MINUTE_MS),

  // Anonymous forms that send an email: per address (so that nobody can flood a mailbox) and per IP.
  signUpPerAddress: rule("signup:email", 3, HOUR_MS),
  signUpPerIp: rule("signup:ip", 20, HOUR_MS),
  resendCodePerAddress: rule("verify-resend:email", 3, HOUR_MS),
  resendCodePerIp: rule("verify-resend:ip", 10, HOUR_MS),
  passwordResetPerAddress: rule("reset:email", 3, HOUR_MS),
  passwordResetPerIp: rule("reset:ip", 10, HOUR_MS),

  // The 6-digit code: 5 tries per address per 30 minutes (the code's lifetime), counted on the
  // address, so asking for a new code does not give new tries. The emailed link still works.
  codeCheckPerAddress: rule("verify-code:email", 5, 30 * MINUTE_MS),
  codeCheckPerIp: rule("verify-code:ip", 30, 30 * MINUTE_MS),

  // Invitations to join an organisation (one address per form).
  memberInvitePerAccount: rule("member-invite:account", 30, DAY_MS),
  memberInvitePerIp: rule("member-invite:ip", 60, DAY_MS),
  memberInvitePerAddress: rule("member-invite:email", 3, DAY_MS),

  // Registering an organisation (a buyer or a relay emails every platform admin) and asking to join
  // one already registered (its admins and the platform admins are emailed).
  organizationCreatePerAccount: rule("organization-create:account", 5, DAY_MS),
  organizationCreatePerIp: rule("organization-create:ip", 20, DAY_MS),
  organizationClaimPerAccount: rule("organization-claim:account", 5, DAY_MS),
  organizationClaimPerIp: rule("organization-claim:ip", 20, DAY_MS),

  // Invitations to answer a questionnaire, counted per address invited.
  sourcingInvitePerOrganization: rule("sourcing-invite:organization", 200, DAY_MS),
  sourcingInvitePerAccount: rule("sourcing-invite:account", 200, DAY_MS),
  sourcingInvitePerIp: rule("sourcing-invite:ip", 400, DAY_MS),
  sourcingInvitePerAddress: rule("sourcing-invite:email", 10, DAY_MS),

  // The public verification of a record export (/registre/verifier): reading and checking a file of
  // up to 10 Mo costs the server up to a second.
  exportVerificationPerIp: rule("export-verify:ip", 60, HOUR_MS),
  // A consistency proof not computed yet (/registre/coherence.json) walks the ledger up to the later
  // checkpoint: about half a second at 100,000 records. Proofs already computed are not counted.
  consistencyProofPerIp: rule("coherence:ip", 30, HOUR_MS),
} as const satisfies Record<string, LimitRule>;

/** No counter lasts longer than this (the privacy notice states it); the hourly purge removes it after. */
export const LONGEST_LIMIT_WINDOW_MS = Math.max(...Object.values(LIMITS).map((limit) => limit.windowMs));

/** Addresses one post may invite to a questionnaire; more is refused (send several smaller batches). */
export const MAX_INVITATIONS_PER_REQUEST = 50;

/**
 * The part of an IP address that identifies one client: IPv4 as is (an IPv4-mapped IPv6 address
 * such as "::ffff:192.0.2.1" is its IPv4), IPv6 reduced to its /64 prefix, since one subscriber
 * usually holds a whole /64 and could otherwise change address at every attempt.
 */
export function clientNetwork(ip: string | null | undefined): string {
  const value = (ip ?? "")
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  if (!value) return "unknown";
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) return mapped[1]!;
  if (!value.includes(":")) return value;
  const withoutZone = value.split("%")[0]!;
  const [head = "", tail] = withoutZone.split("::") as [string, string | undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** "Réessayez dans 12 minutes." (rounded up, at least 1 minute; in hours beyond one hour). */
export function retryInMessage(retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / MINUTE_MS));
  if (minutes < 60) return `Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
  const hours = Math.ceil(minutes / 60);
  return `Réessayez dans ${hours} heure${hours > 1 ? "s" : ""}.`;
}

/** Seconds for the HTTP Retry-After header. */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
