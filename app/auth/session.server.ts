// Sessions as the Lucia guide describes them: the cookie holds a random token; the database holds
// its SHA-256 as the session id, an expiry that slides forward while the session is used, and
// nothing else secret. Expired rows are deleted when met and by a periodic purge.
import { createCookie, redirect } from "@remix-run/node";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { activeMembership, MEMBERSHIP_SUMMARY } from "~/organizations/memberships";
import { generateToken, hashToken } from "./tokens.server";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Extend the expiry when less than this remains, so that an active user stays logged in. */
const RENEW_BELOW_MS = 15 * DAY_MS;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("amont_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env().secureCookies,
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
  return cookie;
}

export async function createSession(
  tx: WriteTransaction,
  userId: string,
  options: { activeOrganizationId?: string | null; userAgent?: string | null } = {},
) {
  const token = generateToken();
  const session = await tx.session.create({
    data: {
      id: hashToken(token),
      userId,
      activeOrganizationId: options.activeOrganizationId ?? null,
      userAgent: options.userAgent?.slice(0, 200) ?? null,
      expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
    },
  });
  return { token, session };
}

export function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export function clearSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

async function sessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof validateSessionToken>>>;

export async function validateSessionToken(token: string) {
  const id = hashToken(token);
  const session = await db.session.findUnique({
    where: { id },
    include: {
      // The organisations come with the session: every signed-in page needs them.
      user: { select: { id: true, email: true, name: true, emailVerifiedAt: true, isPlatformAdmin: true, memberships: MEMBERSHIP_SUMMARY } },
    },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await write((tx) => tx.session.deleteMany({ where: { id } }));
    return null;
  }
  if (session.expiresAt.getTime() - now < RENEW_BELOW_MS) {
    const expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await write((tx) => tx.session.updateMany({ where: { id }, data: { expiresAt } }));
    session.expiresAt = expiresAt;
  }
  const { memberships, ...user } = session.user;
  return { session, user, memberships, active: activeMembership(memberships, session.activeOrganizationId) };
}

/** Memoised per request: loaders of nested routes all ask for the current session. */
const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getSession(request: Request): Promise<SessionUser | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = sessionToken(request).then((token) => (token ? validateSessionToken(token) : null));
    perRequest.set(request, pending);
  }
  return pending;
}

export function loginPath(request: Request): string {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return `/connexion?${new URLSearchParams({ redirectTo })}`;
}

export async function requireSession(request: Request): Promise<SessionUser> {
  const current = await getSession(request);
  if (!current) throw redirect(loginPath(request));
  return current;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getSession(request)) throw redirect("/compte");
}

export async function requirePlatformAdmin(request: Request): Promise<SessionUser> {
  const current = await requireSession(request);
  if (!current.user.isPlatformAdmin) throw new Response("Réservé aux administrateurs de la plateforme", { status: 403 });
  return current;
}

export async function invalidateSession(request: Request): Promise<void> {
  const token = await sessionToken(request);
  if (token) await write((tx) => tx.session.deleteMany({ where: { id: hashToken(token) } }));
}

export function invalidateAllSessions(tx: WriteTransaction, userId: string) {
  return tx.session.deleteMany({ where: { userId } });
}

export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await write((tx) => tx.session.deleteMany({ where: { expiresAt: { lte: now } } }));
  return count;
}

/** Only local paths, so that a crafted link cannot send someone to another site after login. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/compte"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}
