import { describe, expect, it } from "vitest";
import {
  logIn,
  MAX_CODE_ATTEMPTS,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  verifyEmailByCode,
  verifyEmailByToken,
} from "~/auth/accounts.server";
import { LIMITS } from "~/auth/limits";
import { personalDataExport } from "~/auth/personal-data.server";
import { validateSessionToken } from "~/auth/session.server";
import { db } from "~/db/db.server";

const password = "une phrase de passe solide";
const MINUTE = 60_000;
const here = { ip: "10.0.0.1" };

async function lastMessageTo(to: string) {
  return db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
}

function codeFrom(text: string) {
  return /\b(\d{6})\b/.exec(text)?.[1] ?? "";
}

function tokenFrom(text: string, path: string) {
  return new RegExp(`${path}\\?token=([a-z0-9]+)`).exec(text)?.[1] ?? "";
}

function otherCode(code: string, n = 1) {
  return String((Number(code) + n) % 1_000_000).padStart(6, "0");
}

async function verifiedUser(email: string) {
  expect(await signUp({ name: "Claire Martin", email, password }, here)).toEqual({ ok: true, email });
  const message = await lastMessageTo(email);
  expect(await verifyEmailByCode(email, codeFrom(message.text), here)).toMatchObject({ ok: true });
}

describe("sign-up and email verification", () => {
  it("creates the account and writes the verification email to the outbox", async () => {
    await signUp({ name: "Léa Dubois", email: "lea@exemple.fr", password }, here);
    const user = await db.user.findUniqueOrThrow({ where: { email: "lea@exemple.fr" } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const message = await lastMessageTo("lea@exemple.fr");
    expect(message.status).toBe("pending");
    expect(message.template).toBe("verify-email");
    expect(codeFrom(message.text)).toHaveLength(6);
    expect(tokenFrom(message.text, "/verification")).not.toBe("");
  });

  it("answers a sign-up with a taken address exactly as a new one, and tells the owner by email", async () => {
    const taken = await signUp({ name: "Autre", email: "lea@exemple.fr", password: "un autre mot de passe" }, here);
    const fresh = await signUp({ name: "Nouvelle", email: "nouvelle@exemple.fr", password }, here);
    expect(taken).toEqual({ ok: true, email: "lea@exemple.fr" });
    expect(fresh).toEqual({ ok: true, email: "nouvelle@exemple.fr" });
    expect(await db.user.count({ where: { email: "lea@exemple.fr" } })).toBe(1);
    // The account is untouched: its name and password stay.
    expect(await db.user.findUniqueOrThrow({ where: { email: "lea@exemple.fr" } })).toMatchObject({
      name: "Léa Dubois",
    });
    const notice = await lastMessageTo("lea@exemple.fr");
    expect(notice.template).toBe("account-exists");
    expect(notice.text).toContain("Bonjour Léa Dubois");
    expect(notice.text).toContain("/connexion");
    expect(notice.text).toContain("/mot-de-passe-oublie");
    expect(notice.text).not.toMatch(/\b\d{6}\b/);
  });

  it("verifies by link, once", async () => {
    await signUp({ name: "Paul Girard", email: "paul@exemple.fr", password }, here);
    const token = tokenFrom((await lastMessageTo("paul@exemple.fr")).text, "/verification");
    expect(await verifyEmailByToken(token)).toEqual({ ok: true, email: "paul@exemple.fr" });
    expect(await verifyEmailByToken(token)).toMatchObject({ ok: false });
    expect((await db.user.findUniqueOrThrow({ where: { email: "paul@exemple.fr" } })).emailVerifiedAt).not.toBeNull();
  });

  it("does not tell a verified address from an unknown one by a wrong code", async () => {
    const unknown = await verifyEmailByCode("personne@exemple.fr", "123456", { ip: "10.0.9.1" });
    const verified = await verifyEmailByCode("paul@exemple.fr", "123456", { ip: "10.0.9.1" });
    expect(verified).toEqual(unknown);
    expect(unknown).toMatchObject({ ok: false });
  });

  it("locks the code after 5 tries, even for the right code; a new code does not lift the lock; the window does", async () => {
    const start = new Date();
    await signUp({ name: "Inès Roux", email: "ines@exemple.fr", password }, { ...here, now: start });
    const code = codeFrom((await lastMessageTo("ines@exemple.fr")).text);
    for (let i = 1; i <= MAX_CODE_ATTEMPTS; i++) {
      expect(
        await verifyEmailByCode("ines@exemple.fr", otherCode(code, i), { ip: `10.4.0.${i}`, now: start }),
      ).toMatchObject({ ok: false, message: expect.stringContaining("Ce code n'est pas le bon") });
    }
    const locked = await verifyEmailByCode("ines@exemple.fr", code, { ip: "10.4.1.1", now: start });
    expect(locked).toEqual({
      ok: false,
      message:
        "Trop d'essais de code pour cette adresse. Réessayez dans 30 minutes. Le lien reçu par courriel, lui, fonctionne toujours.",
      retryAfterSeconds: 30 * 60,
    });

    // A new code, 10 minutes later: still locked, with the time left.
    const later = new Date(start.getTime() + 10 * MINUTE);
    expect(await resendVerification("ines@exemple.fr", { ...here, now: later })).toEqual({ ok: true });
    const newCode = codeFrom((await lastMessageTo("ines@exemple.fr")).text);
    expect(await verifyEmailByCode("ines@exemple.fr", newCode, { ip: "10.4.2.1", now: later })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Réessayez dans 20 minutes."),
    });

    // Once the window is over, the current code works.
    const afterWindow = new Date(start.getTime() + 30 * MINUTE);
    expect(await verifyEmailByCode("ines@exemple.fr", newCode, { ip: "10.4.3.1", now: afterWindow })).toEqual({
      ok: true,
      email: "ines@exemple.fr",
    });
  });

  it("never compares more codes than the cap, however many tries arrive at once", async () => {
    await signUp({ name: "Hugo Blanc", email: "hugo@exemple.fr", password }, here);
    const code = codeFrom((await lastMessageTo("hugo@exemple.fr")).text);
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        verifyEmailByCode("hugo@exemple.fr", otherCode(code, i + 1), { ip: `10.5.0.${i}` }),
      ),
    );
    const compared = tries.filter((result) => !result.ok && result.message.startsWith("Ce code n'est pas le bon"));
    const refused = tries.filter((result) => !result.ok && result.message.startsWith("Trop d'essais"));
    expect(compared).toHaveLength(MAX_CODE_ATTEMPTS);
    expect(refused).toHaveLength(12 - MAX_CODE_ATTEMPTS);
    const verification = await db.verification.findFirstOrThrow({
      where: { user: { email: "hugo@exemple.fr" }, purpose: "verify-email" },
    });
    expect(verification.attempts).toBe(MAX_CODE_ATTEMPTS);
    expect(await verifyEmailByCode("hugo@exemple.fr", code, here)).toMatchObject({ ok: false });
  });

  it("limits sign-ups and new codes per address, with the time to retry", async () => {
    const start = new Date();
    const address = "inondation@exemple.fr";
    for (let i = 0; i < LIMITS.signUpPerAddress.limit; i++)
      expect(
        await signUp({ name: "Inondation", email: address, password }, { ip: `10.6.0.${i}`, now: start }),
      ).toMatchObject({ ok: true });
    expect(await signUp({ name: "Inondation", email: address, password }, { ip: "10.6.1.1", now: start })).toEqual({
      ok: false,
      message: "Trop de demandes de création de compte. Réessayez dans 1 heure.",
      retryAfterSeconds: 3600,
    });
    for (let i = 0; i < LIMITS.resendCodePerAddress.limit; i++)
      expect(await resendVerification(address, { ip: `10.6.2.${i}`, now: start })).toEqual({ ok: true });
    const refused = await resendVerification(address, { ip: "10.6.3.1", now: new Date(start.getTime() + 48 * MINUTE) });
    expect(refused).toMatchObject({
      ok: false,
      message: "Trop de demandes de code pour cette adresse. Réessayez dans 12 minutes.",
    });
    expect(await db.outboxMessage.count({ where: { to: address } })).toBe(
      LIMITS.signUpPerAddress.limit + LIMITS.resendCodePerAddress.limit,
    );
    const nextHour = new Date(start.getTime() + 60 * MINUTE);
    expect(await resendVerification(address, { ip: "10.6.3.1", now: nextHour })).toEqual({ ok: true });
  });

  it("limits sign-ups per IP across addresses", async () => {
    const start = new Date();
    for (let i = 0; i < LIMITS.signUpPerIp.limit; i++)
      await signUp({ name: "Robot", email: `robot${i}@exemple.fr`, password }, { ip: "10.7.0.1", now: start });
    expect(
      await signUp({ name: "Robot", email: "robot-de-trop@exemple.fr", password }, { ip: "10.7.0.1", now: start }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/^Trop de demandes de création de compte\./) });
    expect(
      await signUp({ name: "Humain", email: "humain@exemple.fr", password }, { ip: "10.7.0.2", now: start }),
    ).toMatchObject({ ok: true });
  });
});

describe("login", () => {
  it("refuses an unverified account and tells the user to verify", async () => {
    await signUp({ name: "Non Vérifié", email: "nv@exemple.fr", password }, here);
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

  it("limits tries on an account from one IP, says when to retry, and lets the owner in from elsewhere", async () => {
    await verifiedUser("cible@exemple.fr");
    const start = new Date();
    const from = (ip: string, pass: string, minutes = 0) =>
      logIn({
        email: "cible@exemple.fr",
        password: pass,
        ip,
        userAgent: null,
        now: new Date(start.getTime() + minutes * MINUTE),
      });
    for (let i = 0; i < LIMITS.loginPerAccountAndIp.limit; i++)
      expect(await from("10.1.0.1", `essai numéro ${i}`)).toMatchObject({ ok: false });
    const blocked = await from("10.1.0.1", password, 3);
    expect(blocked).toEqual({
      ok: false,
      message:
        "Trop de tentatives de connexion. Réessayez dans 12 minutes. Vous pouvez aussi choisir un nouveau mot de passe (« Mot de passe oublié ? ») : cela lève le blocage.",
      retryAfterSeconds: 12 * 60,
    });
    // Guessing the address from one IP does not lock the owner out.
    expect((await from("10.1.9.9", password, 3)).ok).toBe(true);
    // After the window, the same IP may try again.
    expect((await from("10.1.0.1", password, 15)).ok).toBe(true);
  });

  it("locks an account for everyone only after tries from several IPs; a reset lifts the lock", async () => {
    await verifiedUser("convoitee@exemple.fr");
    const start = new Date();
    const attempt = (ip: string, pass: string) =>
      logIn({ email: "convoitee@exemple.fr", password: pass, ip, userAgent: null, now: start });
    const perIp = LIMITS.loginPerAccountAndIp.limit;
    const ipsNeeded = Math.ceil(LIMITS.loginPerAccount.limit / perIp);
    expect(ipsNeeded).toBeGreaterThan(2);
    for (let n = 0; n < LIMITS.loginPerAccount.limit; n++)
      await attempt(`10.8.${Math.floor(n / perIp)}.1`, `mauvais ${n}`);
    const owner = await attempt("10.8.200.1", password);
    expect(owner).toMatchObject({ ok: false, message: expect.stringContaining("Trop de tentatives de connexion") });

    await requestPasswordReset("convoitee@exemple.fr", { ip: "10.8.200.1", now: start });
    const token = tokenFrom((await lastMessageTo("convoitee@exemple.fr")).text, "/mot-de-passe/nouveau");
    expect(await resetPassword(token, "le nouveau mot de passe")).toBe(true);
    // The correct (new) password now works from any IP, including one that had failed many times.
    expect((await attempt("10.8.0.1", "le nouveau mot de passe")).ok).toBe(true);
    expect((await attempt("10.8.200.1", "le nouveau mot de passe")).ok).toBe(true);
  });

  it("limits tries per IP across accounts", async () => {
    const start = new Date();
    for (let i = 0; i < LIMITS.loginPerIp.limit; i++) {
      await logIn({ email: `inconnu${i}@exemple.fr`, password, ip: "10.2.0.1", userAgent: null, now: start });
    }
    const blocked = await logIn({ email: "claire@exemple.fr", password, ip: "10.2.0.1", userAgent: null, now: start });
    expect(blocked).toEqual({
      ok: false,
      message: "Trop de tentatives de connexion. Réessayez dans 15 minutes.",
      retryAfterSeconds: 15 * 60,
    });
    const elsewhere = await logIn({
      email: "claire@exemple.fr",
      password,
      ip: "10.2.0.2",
      userAgent: null,
      now: start,
    });
    expect(elsewhere.ok).toBe(true);
  });

  it("lists the counters of one's own address in the personal data download, not those of IPs", async () => {
    const claire = await db.user.findUniqueOrThrow({ where: { email: "claire@exemple.fr" } });
    await logIn({ email: "claire@exemple.fr", password: "pas le bon", ip: "10.2.5.5", userAgent: null });
    const exported = await personalDataExport(claire.id);
    expect(exported?.abuseLimitCounters).toContainEqual(
      expect.objectContaining({ action: LIMITS.loginPerAccount.action, count: 1 }),
    );
    expect(exported?.abuseLimitCounters.map((counter) => counter.action)).not.toContain(LIMITS.loginPerIp.action);
  });

  it("gives a successful login's try back to its IP", async () => {
    const start = new Date();
    for (let i = 0; i < LIMITS.loginPerIp.limit + 5; i++)
      expect(
        (await logIn({ email: "claire@exemple.fr", password, ip: "10.3.3.3", userAgent: null, now: start })).ok,
      ).toBe(true);
  });
});

describe("password reset", () => {
  it("answers an unknown address as a known one, and tells that address it has no account", async () => {
    const before = await db.verification.count();
    expect(await requestPasswordReset("absent@exemple.fr", here)).toEqual({ ok: true });
    expect(await requestPasswordReset("claire@exemple.fr", here)).toEqual({ ok: true });
    expect(await db.verification.count()).toBe(before + 1);
    const notice = await lastMessageTo("absent@exemple.fr");
    expect(notice.template).toBe("password-reset-no-account");
    expect(notice.text).toContain("/inscription");
    expect(notice.text).not.toContain("token=");
  });

  it("limits requests per address, with the time to retry", async () => {
    const start = new Date();
    for (let i = 0; i < LIMITS.passwordResetPerAddress.limit; i++)
      expect(await requestPasswordReset("oublieuse@exemple.fr", { ip: `10.9.0.${i}`, now: start })).toEqual({
        ok: true,
      });
    expect(
      await requestPasswordReset("oublieuse@exemple.fr", {
        ip: "10.9.1.1",
        now: new Date(start.getTime() + 20 * MINUTE),
      }),
    ).toEqual({
      ok: false,
      message: "Trop de demandes de nouveau mot de passe pour cette adresse. Réessayez dans 40 minutes.",
      retryAfterSeconds: 40 * 60,
    });
  });

  it("changes the password once and closes every session", async () => {
    const login = await logIn({ email: "claire@exemple.fr", password, ip: "10.3.0.1", userAgent: null });
    if (!login.ok) throw new Error(login.message);
    await requestPasswordReset("claire@exemple.fr", { ip: "10.3.0.1" });
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
