import { describe, expect, it } from "vitest";
import {
  countActiveSessions,
  createSession,
  logOutEverywhere,
  purgeExpiredSessions,
  readSession,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { db, write } from "~/db/db.server";
import { MEMBERSHIP_SUMMARY } from "~/organizations/memberships";

const DAY = 24 * 60 * 60 * 1000;

async function user() {
  return write((tx) =>
    tx.user.create({ data: { email: `u${Math.random()}@exemple.fr`, name: "U", passwordHash: "x" } }),
  );
}

describe("sessions", () => {
  it("slides the expiry forward when the session is used in its second half", async () => {
    const { id } = await user();
    const { token, session } = await write((tx) => createSession(tx, id));
    await write((tx) =>
      tx.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + 3 * DAY) } }),
    );
    const validated = await validateSessionToken(token);
    expect(validated?.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - DAY);
    const stored = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - DAY);
  });

  it("rejects and deletes an expired session", async () => {
    const { id } = await user();
    const { token, session } = await write((tx) => createSession(tx, id));
    await write((tx) =>
      tx.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("purges expired rows in bulk and keeps live ones", async () => {
    const { id } = await user();
    const live = await write((tx) => createSession(tx, id));
    const old = await write((tx) => createSession(tx, id));
    await write((tx) =>
      tx.session.update({ where: { id: old.session.id }, data: { expiresAt: new Date(Date.now() - DAY) } }),
    );
    expect(await purgeExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await db.session.findUnique({ where: { id: live.session.id } })).not.toBeNull();
    expect(await db.session.findUnique({ where: { id: old.session.id } })).toBeNull();
  });

  it("reads the session, its user and their organisations in one statement exactly as Prisma's nested read does", async () => {
    const loner = await write((tx) =>
      tx.user.create({
        data: {
          email: `seul${Math.random()}@exemple.fr`,
          name: "Sans Organisation",
          passwordHash: "x",
          isPlatformAdmin: true,
        },
      }),
    );
    const member = await write(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: `membre${Math.random()}@exemple.fr`,
          name: "Élise Martin",
          passwordHash: "x",
          emailVerifiedAt: new Date("2026-11-02T08:00:00Z"),
        },
      });
      // Joined in an order that differs from creation and from the names: the oldest membership comes first.
      const joined = [
        ["supplier", "Menuiserie Martin", "2026-10-03T09:00:00Z"],
        ["buyer", "Communauté de communes du Val", "2026-09-01T09:00:00Z"],
        ["relay", "CCI du Val", "2026-10-05T09:00:00Z"],
      ] as const;
      for (const [index, [kind, name, at]] of joined.entries()) {
        const organization = await tx.organization.create({
          data: { kind, name, slug: `org-${index}-${Math.random()}`, departement: "71" },
        });
        await tx.membership.create({
          data: {
            userId: created.id,
            organizationId: organization.id,
            role: index === 0 ? "admin" : "member",
            createdAt: new Date(at),
          },
        });
      }
      return created;
    });
    for (const [person, activeOrganizationId] of [
      [loner, null],
      [member, null],
    ] as const) {
      const { token } = await write((tx) =>
        createSession(tx, person.id, { activeOrganizationId, userAgent: "Firefox" }),
      );
      const id = hashToken(token);
      const expected = await db.session.findUniqueOrThrow({
        where: { id },
        include: {
          user: {
            select: {
              id: true,
              email: true,
              name: true,
              emailVerifiedAt: true,
              isPlatformAdmin: true,
              memberships: MEMBERSHIP_SUMMARY,
            },
          },
        },
      });
      const { user: expectedUser, ...expectedSession } = expected;
      const { memberships: expectedMemberships, ...expectedUserFields } = expectedUser;
      const read = await readSession(id);
      expect(read).toEqual({ session: expectedSession, user: expectedUserFields, memberships: expectedMemberships });
    }
    const read = await readSession(hashToken((await write((tx) => createSession(tx, member.id))).token));
    expect(read?.memberships.map((membership) => membership.organization.name)).toEqual([
      "Communauté de communes du Val",
      "Menuiserie Martin",
      "CCI du Val",
    ]);
    expect(await readSession(hashToken("jeton-inconnu"))).toBeNull();
  });

  it("counts the devices a user is signed in on, and signs them out of all of them at once", async () => {
    const { id } = await user();
    const other = await user();
    const first = await write((tx) => createSession(tx, id));
    await write((tx) => createSession(tx, id));
    const expired = await write((tx) => createSession(tx, id));
    await write((tx) =>
      tx.session.update({ where: { id: expired.session.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    const othersSession = await write((tx) => createSession(tx, other.id));
    expect(await countActiveSessions(id)).toBe(2);

    await logOutEverywhere(id);
    expect(await countActiveSessions(id)).toBe(0);
    expect(await validateSessionToken(first.token)).toBeNull();
    expect(await validateSessionToken(othersSession.token)).not.toBeNull();
  });
});
