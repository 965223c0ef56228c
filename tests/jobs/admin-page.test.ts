// /admin/taches through the real built server: a failed job is visible with its reason and can be
// run again; the page is reserved to platform administrators.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, sessionCookieHeader } from "~/auth/session.server";
import { db, write } from "~/db/db.server";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

async function cookieFor(isPlatformAdmin: boolean) {
  const token = await write(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: `${isPlatformAdmin ? "admin" : "membre"}-${Math.random().toString(36).slice(2)}@exemple.fr`,
        name: "Camille",
        passwordHash: "x",
        emailVerifiedAt: new Date(),
        isPlatformAdmin,
      },
    });
    return (await createSession(tx, user.id)).token;
  });
  return (await sessionCookieHeader(token)).split(";")[0]!;
}

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("scheduled jobs administration", () => {
  it("shows a failed job with its reason and puts it back in the queue on request", async () => {
    const admin = await cookieFor(true);
    const job = await write((tx) =>
      tx.job.create({
        data: {
          kind: "event.join_link",
          dedupeKey: "event.join_link:demo",
          runAt: new Date(),
          status: "failed",
          attempts: 6,
          lastError: "Événement introuvable",
        },
      }),
    );

    const page = await fetch(`${server.url}/admin/taches`, { headers: { Cookie: admin } });
    expect(page.status).toBe(200);
    const html = (await page.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Tâches en échec (1)");
    expect(html).toContain("Envoi du lien de connexion");
    expect(html).toContain("Événement introuvable");
    expect(html).toContain("Échec définitif (6 tentatives)");

    const retry = await fetch(`${server.url}/admin/taches`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: admin },
      body: new URLSearchParams({ id: job.id }),
      redirect: "manual",
    });
    expect(retry.status).toBe(302);
    const after = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(after.status).toBe("pending");
    expect(after.attempts).toBe(0);
    expect(after.lastError).toBeNull();
  });

  it("is reserved to platform administrators", async () => {
    const member = await cookieFor(false);
    expect((await fetch(`${server.url}/admin/taches`, { headers: { Cookie: member } })).status).toBe(403);
    const post = await fetch(`${server.url}/admin/taches`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: member },
      body: new URLSearchParams({ id: "x" }),
      redirect: "manual",
    });
    expect(post.status).toBe(403);
  });
});
