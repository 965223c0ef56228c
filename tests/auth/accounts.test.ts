import { describe, expect, it } from "vitest";
import {
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmailByCode,
  verifyEmailByToken,
} from "~/auth/accounts.server";
import { FAILED_LOGIN_LIMIT } from "~/auth/login-throttle.server";
import { validateSessionToken } from "~/auth/session.server";
import { db } from "~/db/db.server";

const password = "une phrase de passe solide";

async function lastMessageTo(to: string) {
  return db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
}

function codeFrom(text: string) {
  return /\b(\d{6})\b/.exec(text)?.[1] ?? "";
}

function tokenFrom(text: string, path: string) {
  return new RegExp(`${path}\\?token=([a-z0-9]+)`).exec(text)?.[1] ?? "";
}

async function verifiedUser(email: string) {
  expect(await signUp({ name: "Claire Martin", email, password })).toEqual({ ok: true, email });
  const message = await lastMessageTo(email);
  expect(await verifyEmailByCode(email, codeFrom(message.text))).toMatchObject({ ok: true });
}

describe("sign-up and email verification", () => {
  it("creates the account and writes the verification email to the outbox", async () => {
    await signUp({ name: "Léa Dubois", email: "lea@exemple.fr", password });
    const user = await db.user.findUniqueOrThrow({ where: { email: "lea@exemple.fr" } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const message = await lastMessageTo("lea@exemple.fr");
    expect(message.status).toBe("pending");
    expect(message.template).toBe("verify-email");
    expect(codeFrom(message.text)).toHaveLength(6);
    expect(tokenFrom(message.text, "/verification")).not.toBe("");
  });

  it("refuses a second account with the same address, with a French message", async () => {
    const result = await signUp({ name: "Autre", email: "lea@exemple.fr", password });
    expect(result).toMatchObject({ ok: false, field: "email" });
    expect(await db.user.count({ where: { email: "lea@exemple.fr" } })).toBe(1);
  });

  it("verifies by link, once", async () => {
    await signUp({ name: "Paul Girard", email: "paul@exemple.fr", password });
    const token = tokenFrom((await lastMessageTo("paul@exemple.fr")).text, "/verification");
    expect(await verifyEmailByToken(token)).toEqual({ ok: true, email: "paul@exemple.fr" });
    expect(await verifyEmailByToken(token)).toMatchObject({ ok: false });
    expect((await db.user.findUniqueOrThrow({ where: { email: "paul@exemple.fr" } })).emailVerifiedAt).not.toBeNull();
  });

  it("locks the code after 5 wrong attempts, even for the right code", async () => {
    await signUp({ name: "Inès Roux", email: "ines@exemple.fr", password });
    const code = codeFrom((await lastMessageTo("ines@exemple.fr")).text);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect(await verifyEmailByCode("ines@exemple.fr", wrong)).toMatchObject({ ok: false });
    expect(await verifyEmailByCode("ines@exemple.fr", code)).toMatchObject({ ok: false });
  });
});

describe("login", () => {
  it("refuses an unverified account and tells the user to verify", async () => {
    await signUp({ name: "Non Vérifié", email: "nv@exemple.fr", password });
    const result = await logIn({ email: "nv@exemple.fr", password, ip: "10.0.0.1", userAgent: null });
    expect(result).toMatchObject({ ok: false, unverifiedEmail: "nv@exemple.fr" });
  });

  it("gives the same answer for an unknown address and a wrong password", async () => {
    await verifiedUser("claire@exemple.fr");
    const unknown = await logIn({ email: "personne@exemple.fr", password, ip: "10.0.0.2", userAgent: null });
    const wrong = await logIn({
      email: "claire@exemple.fr",
      password: "mauvais mot de passe",
      ip: "10.0.0.2",
      userAgent: null,
    });
    expect(unknown).toEqual(wrong);
    expect(unknown).toEqual({ ok: false, message: "Adresse électronique ou mot de passe incorrect." });
  });

  it("opens a session whose stored id is the hash of the cookie token", async () => {
    const result = await logIn({ email: "claire@exemple.fr", password, ip: "10.0.0.3", userAgent: "test" });
    if (!result.ok) throw new Error(result.message);
    expect(await db.session.findUnique({ where: { id: result.token } })).toBeNull();
    const current = await validateSessionToken(result.token);
    expect(current?.user.email).toBe("claire@exemple.fr");
  });

  it("limits failed logins per account, then says when to retry", async () => {
    await verifiedUser("cible@exemple.fr");
    for (let i = 0; i < FAILED_LOGIN_LIMIT; i++) {
      await logIn({ email: "cible@exemple.fr", password: "essai numéro " + i, ip: `10.1.0.${i}`, userAgent: null });
    }
    const blocked = await logIn({ email: "cible@exemple.fr", password, ip: "10.1.1.1", userAgent: null });
    expect(blocked).toMatchObject({ ok: false });
    expect(!blocked.ok && blocked.message).toMatch(/Trop de tentatives.*réessayez à partir de \d{2}:\d{2}/);
  });

  it("limits failed logins per IP address across accounts", async () => {
    for (let i = 0; i < FAILED_LOGIN_LIMIT; i++) {
      await logIn({ email: `inconnu${i}@exemple.fr`, password, ip: "10.2.0.1", userAgent: null });
    }
    const blocked = await logIn({ email: "claire@exemple.fr", password, ip: "10.2.0.1", userAgent: null });
    expect(!blocked.ok && blocked.message).toMatch(/Trop de tentatives/);
    const elsewhere = await logIn({ email: "claire@exemple.fr", password, ip: "10.2.0.2", userAgent: null });
    expect(elsewhere.ok).toBe(true);
  });
});

describe("password reset", () => {
  it("sends nothing for an unknown address, and does not fail", async () => {
    const before = await db.outboxMessage.count();
    await requestPasswordReset("absent@exemple.fr");
    expect(await db.outboxMessage.count()).toBe(before);
  });

  it("changes the password once and closes every session", async () => {
    const login = await logIn({ email: "claire@exemple.fr", password, ip: "10.3.0.1", userAgent: null });
    if (!login.ok) throw new Error(login.message);
    await requestPasswordReset("claire@exemple.fr");
    const message = await lastMessageTo("claire@exemple.fr");
    expect(message.template).toBe("password-reset");
    const token = tokenFrom(message.text, "/mot-de-passe/nouveau");
    expect(await resetPassword(token, "un tout nouveau mot de passe")).toBe(true);
    expect(await resetPassword(token, "encore un autre mot de passe")).toBe(false);
    expect(await validateSessionToken(login.token)).toBeNull();
    expect(
      (
        await logIn({
          email: "claire@exemple.fr",
          password: "un tout nouveau mot de passe",
          ip: "10.3.0.2",
          userAgent: null,
        })
      ).ok,
    ).toBe(true);
  });
});
