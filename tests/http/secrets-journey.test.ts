// No secret survives in clear: a whole journey on the real built server (sign-up with the emailed
// code and link, log-ins, a password reset, an organisation invitation accepted, the private agenda
// feed link created and used, an alert's feed link and its email's one-click unsubscribe link), with
// the outbox delivered by the mail worker as in production. Then
// every secret issued (codes and tokens as they appeared in emails, pages and URLs, session
// tokens) is looked for in the server's logs, in every text and blob column of every table, and
// in the raw bytes of the database file and its write-ahead log: none may appear.
import { existsSync, readFileSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMMEDIATE_ALERTS_JOB, sendImmediateAlerts } from "~/alerts/delivery.server";
import { db, write } from "~/db/db.server";
import { runDueJobs } from "~/jobs/worker.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import type { MailTransport, OutgoingMessage } from "~/mail/transport.server";
import { deliverDueMessages } from "~/mail/worker.server";
import { buyerWithEdition } from "../alerts/fixtures";
import { sessionCookie } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { makeSiret } from "../support/siret";

let server: RunningServer;
/** Every message the worker handed to the provider, as the recipient receives it. */
const delivered: OutgoingMessage[] = [];
const mailbox: MailTransport = {
  name: "recording",
  send: async (message) => {
    delivered.push(message);
    return { providerId: `re_${delivered.length}` };
  },
};
/** Every secret issued during the journey, with where it came from (for the failure message). */
const secrets = new Map<string, string>();

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function issued(secret: string | undefined, origin: string): string {
  expect(secret, origin).toBeTruthy();
  secrets.set(secret!, origin);
  return secret!;
}

/** The mail worker's round, as the server runs it every few seconds with a real provider. */
async function deliverMail(): Promise<OutgoingMessage[]> {
  const before = delivered.length;
  await deliverDueMessages(mailbox, new Date(Date.now() + 1_000));
  return delivered.slice(before);
}

function post(path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form),
  });
}

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

/** The session cookie set by a log-in; its token (the cookie holds base64 of the JSON string) is a secret. */
function sessionFrom(response: Response, origin: string): string {
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith("amont_session="));
  expect(setCookie, origin).toBeTruthy();
  const pair = setCookie!.split(";")[0]!;
  const token = JSON.parse(
    Buffer.from(decodeURIComponent(pair.slice("amont_session=".length)), "base64").toString("utf8"),
  ) as string;
  issued(token, origin);
  return pair;
}

async function adminOutboxHtml(adminCookie: string): Promise<string> {
  const response = await get("/admin/courriels", adminCookie);
  expect(response.status).toBe(200);
  return response.text();
}

function expectNoSecretIn(text: string, where: string) {
  for (const [secret, origin] of secrets) {
    // A six-digit code alone (not inside a longer number such as a SIRET).
    const found = /^\d{6}$/.test(secret)
      ? new RegExp(`(?<![0-9])${secret}(?![0-9])`).test(text)
      : text.includes(secret);
    expect(found, `${origin} (${secret}) found in ${where}`).toBe(false);
  }
}

describe("secrets issued during a whole journey", () => {
  it("are nowhere in the logs, the database or its write-ahead log once the mail is sent", async () => {
    const admin = await write((tx) =>
      tx.user.create({
        data: {
          email: "admin-secrets@exemple.fr",
          name: "Admin",
          passwordHash: "x",
          emailVerifiedAt: new Date(),
          isPlatformAdmin: true,
        },
      }),
    );
    const adminCookie = await sessionCookie(admin.id);

    // 1. Sign-up: a message with a code and a link.
    const email = "nadia.secrets@exemple.fr";
    const firstPassword = "une phrase de passe solide";
    const signUp = await post("/inscription", {
      name: "Nadia Benali",
      email,
      password: firstPassword,
      confirmPassword: firstPassword,
    });
    expect(signUp.status).toBe(302);
    // Before it is sent, the admin outbox shows it masked.
    const pending = await db.outboxMessage.findFirstOrThrow({ where: { to: email, template: "verify-email" } });
    expect(pending.carriesSecret).toBe(true);
    const [verificationMail] = await deliverMail();
    expect(verificationMail?.to).toBe(email);
    const code = issued(/^(\d{6})\b/.exec(verificationMail!.subject)?.[1], "verification code");
    const verifyLink = /https?:\/\/\S+\/verification\?token=([a-z0-9]+)/.exec(verificationMail!.text);
    issued(verifyLink?.[1], "verification link token");
    expect(verificationMail!.html).toContain(code);

    // 2. The code typed on the page (sent in the body), then the link followed (its token in the URL).
    const verified = await post("/verification", { email, code });
    expect(verified.status).toBe(302);
    expect((await get(`/verification?token=${verifyLink![1]}`)).status).toBeLessThan(500);

    // 3. A supplier organisation of which she is the administrator, then a log-in.
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const organization = await write((tx) =>
      tx.organization.create({
        data: {
          kind: "supplier",
          name: "Menuiserie des Secrets",
          slug: "menuiserie-des-secrets",
          departement: "69",
          siret: makeSiret(4242),
          memberships: { create: { userId: user.id, role: "admin" } },
        },
      }),
    );
    const login = await post("/connexion", { email, password: firstPassword });
    expect(login.status).toBe(302);
    sessionFrom(login, "first session token");

    // 4. Password reset: a link by email, followed, then the form posted to it.
    expect((await post("/mot-de-passe-oublie", { email })).status).toBeLessThan(400);
    const [resetMail] = await deliverMail();
    const resetToken = issued(
      /\/mot-de-passe\/nouveau\?token=([a-z0-9]+)/.exec(resetMail?.text ?? "")?.[1],
      "password reset token",
    );
    expect((await get(`/mot-de-passe/nouveau?token=${resetToken}`)).status).toBe(200);
    const newPassword = "une autre phrase de passe solide";
    const reset = await post(`/mot-de-passe/nouveau?token=${resetToken}`, {
      token: resetToken,
      password: newPassword,
      confirmPassword: newPassword,
    });
    expect(reset.status).toBe(302);
    const secondLogin = await post("/connexion", { email, password: newPassword });
    expect(secondLogin.status).toBe(302);
    const cookie = sessionFrom(secondLogin, "second session token");

    // 5. An invitation: masked in the admin outbox before it is sent, accepted by the invitee.
    const invitee = "karim.secrets@exemple.fr";
    expect((await post(`/organisations/${organization.id}`, { email: invitee, role: "member" }, cookie)).status).toBe(
      302,
    );
    const invitationRow = await db.outboxMessage.findFirstOrThrow({
      where: { to: invitee, template: "organization-invitation" },
    });
    const invitationToken = issued(
      /\/invitations\/([a-z0-9]+)/.exec(invitationRow.text)?.[1],
      "invitation token (outbox, before sending)",
    );
    expectNoSecretIn(await adminOutboxHtml(adminCookie), "the admin outbox before sending");
    const [invitationMail] = await deliverMail();
    expect(invitationMail?.text).toContain(`/invitations/${invitationToken}`);
    const karim = await write((tx) =>
      tx.user.create({ data: { email: invitee, name: "Karim", passwordHash: "x", emailVerifiedAt: new Date() } }),
    );
    const karimCookie = await sessionCookie(karim.id);
    issued(decodeCookieToken(karimCookie), "invitee's session token");
    // Not signed in, the page sends to the log-in with the invitation as where to come back.
    expect((await get(`/connexion?redirectTo=${encodeURIComponent(`/invitations/${invitationToken}`)}`)).status).toBe(
      200,
    );
    expect((await get(`/invitations/${invitationToken}`, karimCookie)).status).toBe(200);
    const accepted = await post(`/invitations/${invitationToken}`, {}, karimCookie);
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/organisations/${organization.id}`);

    // 6. The private agenda feed: its link is shown once on the page, then used by a calendar app.
    const agenda = await post("/fournisseur/agenda", { organizationId: organization.id }, cookie);
    expect(agenda.status).toBe(200);
    const feedToken = issued(/\/calendrier\/([a-z2-7]+)\.ics/.exec(await agenda.text())?.[1], "agenda feed token");
    const feed = await get(`/calendrier/${feedToken}.ics`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");

    // 7. An alert: its feed link (shown once), then an email whose unsubscribe link is used in one click.
    const alert = await post(
      "/fournisseur/alertes/nouvelle",
      { name: "Toitures", frequency: "immediate", cpvDivisions: "45" },
      cookie,
    );
    expect(alert.status).toBe(302);
    const alertsPage = await post("/fournisseur/alertes", { organizationId: organization.id }, cookie);
    const alertFeedToken = issued(
      /\/alertes\/([a-z2-7]+)\.ics/.exec(await alertsPage.text())?.[1],
      "alerts feed token",
    );
    expect((await get(`/alertes/${alertFeedToken}.ics`)).status).toBe(200);
    await buyerWithEdition("Communauté de communes des Secrets", "69", [{ title: "Réfection de la toiture" }]);
    // The server's worker may take the job first: run it here until it is done.
    for (let round = 0; round < 200; round++) {
      await runDueJobs(
        { [IMMEDIATE_ALERTS_JOB]: sendImmediateAlerts },
        { workerId: "journey", kinds: [IMMEDIATE_ALERTS_JOB] },
      );
      if ((await db.job.count({ where: { kind: IMMEDIATE_ALERTS_JOB, status: { not: "done" } } })) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const alertMail = (await deliverMail()).find((message) => message.subject.includes("Toitures"));
    const unsubscribeLink = alertMail?.headers?.["List-Unsubscribe"]?.slice(1, -1);
    const unsubscribeToken = issued(
      /\/alertes\/desabonnement\/([a-z2-7]+)$/.exec(unsubscribeLink ?? "")?.[1],
      "unsubscribe link token",
    );
    expect(alertMail!.text).toContain(unsubscribeLink);
    // The mail provider's one-click POST: no cookie, no Origin.
    const oneClick = await fetch(`${server.url}/alertes/desabonnement/${unsubscribeToken}`, {
      method: "POST",
      body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
    });
    expect(oneClick.status).toBe(200);

    // Everything is sent; nothing is pending.
    await deliverMail();
    expect(await db.outboxMessage.count({ where: { status: "pending", carriesSecret: true } })).toBe(0);
    const kept = await db.outboxMessage.findMany({ where: { carriesSecret: true } });
    expect(kept.map((message) => [message.to, message.template, message.status, Boolean(message.erasedAt)])).toEqual(
      expect.arrayContaining([
        [email, "verify-email", "sent", true],
        [email, "password-reset", "sent", true],
        [invitee, "organization-invitation", "sent", true],
        [email, "alert-immediate", "sent", true],
      ]),
    );
    expectNoSecretIn(await adminOutboxHtml(adminCookie), "the admin outbox after sending");

    // The logs: every request was logged, with its secrets redacted.
    await server.stop();
    const logs = server.logs();
    expect(logs).toMatch(/\[http\] GET \/calendrier\/\[redacted\]\.ics 200/);
    expect(logs).toMatch(/\[http\] GET \/alertes\/\[redacted\]\.ics 200/);
    expect(logs).toMatch(/\[http\] POST \/alertes\/desabonnement\/\[redacted\] 200/);
    expect(logs).toMatch(/\[http\] GET \/invitations\/\[redacted\] 200/);
    expect(logs).toMatch(/\[http\] GET \/mot-de-passe\/nouveau\?token=\[redacted\] 200/);
    expect(logs).toMatch(/\[http\] GET \/verification\?token=\[redacted\] /);
    expectNoSecretIn(logs, "the server's logs");

    // The database: every text and blob column of every table, read through SQLite.
    expect(secrets.size).toBeGreaterThanOrEqual(10);
    const file = sqlitePath(process.env.DATABASE_URL!);
    const database = new BetterSqlite3(file, { readonly: true });
    try {
      const tables = database
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[];
      expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(["OutboxMessage", "Verification"]));
      for (const { name } of tables) {
        for (const row of database.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
          for (const [column, value] of Object.entries(row)) {
            if (typeof value === "string") expectNoSecretIn(value, `${name}.${column}`);
            else if (Buffer.isBuffer(value)) expectNoSecretIn(value.toString("latin1"), `${name}.${column} (blob)`);
          }
        }
      }
    } finally {
      database.close();
    }
    // And the raw bytes: free space in the file, and the write-ahead log, which keeps old page versions.
    for (const path of [file, `${file}-wal`])
      if (existsSync(path)) expectNoSecretIn(readFileSync(path).toString("latin1"), path);

    // What is stored instead: SHA-256 hashes (64 hexadecimal characters).
    const verifications = await db.verification.findMany({ where: { userId: user.id } });
    for (const verification of verifications) expect(verification.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const invitation = await db.invitation.findFirstOrThrow({ where: { email: invitee } });
    expect(invitation.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const feedRow = await db.calendarFeed.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(feedRow.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    for (const session of await db.session.findMany({ where: { userId: user.id } }))
      expect(session.id).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);
});

function decodeCookieToken(cookie: string): string {
  const value = cookie.slice(cookie.indexOf("=") + 1);
  return JSON.parse(Buffer.from(decodeURIComponent(value), "base64").toString("utf8")) as string;
}
