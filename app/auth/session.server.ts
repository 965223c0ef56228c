// Sessions as the Lucia guide describes them: the cookie holds a random token; the database holds
// its SHA-256 as the session id, an expiry that slides forward while the session is used, and
// nothing else secret. Expired rows are deleted when met and by a periodic purge.
import { createCookie, redirect } from "@remix-run/node";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { activeMembership, type MembershipSummary } from "~/organizations/memberships";
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

/** One row per membership (or one row without any) of the session's user: see readSession. */
interface SessionRow {
  id: string;
  userId: string;
  activeOrganizationId: string | null;
  expiresAt: Date;
  createdAt: Date;
  userAgent: string | null;
  email: string;
  name: string;
  emailVerifiedAt: Date | null;
  isPlatformAdmin: boolean;
  membershipId: string | null;
  organizationId: string | null;
  role: string | null;
  membershipCreatedAt: Date | null;
  organizationName: string | null;
  organizationKind: string | null;
  organizationSlug: string | null;
}

/**
 * The session, its user and their memberships in one SQL statement. Every signed-in request runs
 * this: Prisma's nested read of the same data issues four queries and compiles each one, about
 * 1 ms of the server's time against 0.13 ms here (bench/RESULTS.md, 2026-12-06). Plain joins and
 * quoted names, valid on SQLite and PostgreSQL alike; a test checks that it returns what the
 * Prisma query returns.
 */
export async function readSession(id: string) {
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT s."id", s."userId", s."activeOrganizationId", s."expiresAt", s."createdAt", s."userAgent",
           u."email", u."name", u."emailVerifiedAt", u."isPlatformAdmin",
           m."id" AS "membershipId", m."organizationId", m."role", m."createdAt" AS "membershipCreatedAt",
           o."name" AS "organizationName", o."kind" AS "organizationKind", o."slug" AS "organizationSlug"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    LEFT JOIN "Organization" o ON o."id" = m."organizationId"
    WHERE s."id" = ${id}
    ORDER BY m."createdAt" ASC, m."id" ASC`;
  const first = rows[0];
  if (!first) return null;
  const session = {
    id: first.id,
    userId: first.userId,
    activeOrganizationId: first.activeOrganizationId,
    expiresAt: first.expiresAt,
    createdAt: first.createdAt,
    userAgent: first.userAgent,
  };
  const user = {
    id: first.userId,
    email: first.email,
    name: first.name,
    emailVerifiedAt: first.emailVerifiedAt,
    isPlatformAdmin: first.isPlatformAdmin,
  };
  const memberships: MembershipSummary[] = [];
  for (const row of rows) {
    if (row.membershipId === null || row.organizationId === null) continue;
    memberships.push({
      id: row.membershipId,
      userId: row.userId,
      organizationId: row.organizationId,
      role: row.role!,
      createdAt: row.membershipCreatedAt!,
      organization: {
        id: row.organizationId,
        name: row.organizationName!,
        kind: row.organizationKind!,
        slug: row.organizationSlug!,
      },
    });
  }
  return { session, user, memberships };
}

export async function validateSessionToken(token: string) {
  const id = hashToken(token);
  const found = await readSession(id);
  if (!found) return null;
  const { session, user, memberships } = found;
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
  if (!current.user.isPlatformAdmin)
    throw new Response("Réservé aux administrateurs de la plateforme", { status: 403 });
  return current;
}

export async function invalidateSession(request: Request): Promise<void> {
  const token = await sessionToken(request);
  if (token) await write((tx) => tx.session.deleteMany({ where: { id: hashToken(token) } }));
}

export function invalidateAllSessions(tx: WriteTransaction, userId: string) {
  return tx.session.deleteMany({ where: { userId } });
}

/** "Se déconnecter de tous les appareils": every session of the user ends, this one included. */
export async function logOutEverywhere(userId: string): Promise<void> {
  await write((tx) => invalidateAllSessions(tx, userId));
}

/** How many devices or browsers the user is signed in on (the account page shows it). */
export function countActiveSessions(userId: string, now = new Date()): Promise<number> {
  return db.session.count({ where: { userId, expiresAt: { gt: now } } });
}

export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await write((tx) => tx.session.deleteMany({ where: { expiresAt: { lte: now } } }));
  return count;
}
