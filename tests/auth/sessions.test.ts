import { describe, expect, it } from "vitest";
import { createSession, purgeExpiredSessions, SESSION_LIFETIME_MS, validateSessionToken } from "~/auth/session.server";
import { db, write } from "~/db/db.server";

const DAY = 24 * 60 * 60 * 1000;

async function user() {
  return write((tx) => tx.user.create({ data: { email: `u${Math.random()}@exemple.fr`, name: "U", passwordHash: "x" } }));
}

describe("sessions", () => {
  it("slides the expiry forward when the session is used in its second half", async () => {
    const { id } = await user();
    const { token, session } = await write((tx) => createSession(tx, id));
    await write((tx) => tx.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + 3 * DAY) } }));
    const validated = await validateSessionToken(token);
    expect(validated?.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - DAY);
    const stored = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - DAY);
  });

  it("rejects and deletes an expired session", async () => {
    const { id } = await user();
    const { token, session } = await write((tx) => createSession(tx, id));
    await write((tx) => tx.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("purges expired rows in bulk and keeps live ones", async () => {
    const { id } = await user();
    const live = await write((tx) => createSession(tx, id));
    const old = await write((tx) => createSession(tx, id));
    await write((tx) => tx.session.update({ where: { id: old.session.id }, data: { expiresAt: new Date(Date.now() - DAY) } }));
    expect(await purgeExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await db.session.findUnique({ where: { id: live.session.id } })).not.toBeNull();
    expect(await db.session.findUnique({ where: { id: old.session.id } })).toBeNull();
  });
});
