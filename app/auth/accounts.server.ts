// Account flows: sign-up with email verification (link or code), login, password reset.
//
// Nothing here tells a visitor whether an address has an account: sign-up and the password reset
// answer the same and do the same work (a password hash, a rendered message, one transaction that
// queues it) either way, and the email tells the owner of the address instead. Every form that
// sends an email, the code check and login are limited per address and per IP (limits.ts).
import { db, write, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { LIMITS, type LimitRule } from "./limits";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import {
  addressKey,
  clearLimit,
  clearPairsOf,
  consumeLimits,
  giveBack,
  ipKey,
  pairKey,
  type LimitRefusal,
} from "./rate-limit.server";
import { createSession, invalidateAllSessions } from "./session.server";
import { generateCode, generateToken, hashToken } from "./tokens.server";

const MINUTE_MS = 60 * 1000;
export const VERIFICATION_LIFETIME_MS = 30 * MINUTE_MS;
export const RESET_LIFETIME_MS = 60 * MINUTE_MS;
/** Checks of one code; the address is limited too (LIMITS.codeCheckPerAddress), across new codes. */
export const MAX_CODE_ATTEMPTS = 5;

/** Who asks: the client's IP (see TRUST_PROXY) and, for tests, the moment. */
export interface RequestContext {
  ip: string;
  now?: Date;
}

/** A refusal because of an abuse limit: the page shows the message with status 429. */
export interface Limited {
  ok: false;
  message: string;
  retryAfterSeconds: number;
}

/** "Trop de … Réessayez dans 12 minutes." and, optionally, what else the person can do. */
function limited(what: string, refusal: LimitRefusal, alternative?: string): Limited {
  const message = [what, refusal.retryMessage, alternative].filter(Boolean).join(" ");
  return { ok: false, message, retryAfterSeconds: refusal.retryAfterSeconds };
}

function absoluteUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

function addressAndIpLimits(email: string, ip: string, perAddress: LimitRule, perIp: LimitRule) {
  return [
    { rule: perAddress, key: addressKey(email) },
    { rule: perIp, key: ipKey(ip) },
  ];
}

export type SignUpResult = { ok: true; email: string } | Limited;

/** A verification link and code, with its message rendered (before any transaction opens). */
async function prepareVerification(name: string) {
  const token = generateToken();
  const code = generateCode();
  const email = await prepareEmail("verify-email", {
    name,
    code,
    verifyUrl: absoluteUrl(`/verification?token=${token}`),
  });
  return { token, code, email };
}

/** Stores the hashes of the link and code, and queues the message, in the caller's transaction. */
async function recordVerification(
  tx: WriteTransaction,
  user: { id: string; email: string },
  verification: Awaited<ReturnType<typeof prepareVerification>>,
  now: Date,
) {
  await tx.verification.create({
    data: {
      userId: user.id,
      purpose: "verify-email",
      tokenHash: hashToken(verification.token),
      codeHash: hashToken(`${user.id}:${verification.code}`),
      expiresAt: new Date(now.getTime() + VERIFICATION_LIFETIME_MS),
    },
  });
  await queueEmail(tx, user.email, verification.email);
}

function prepareAccountExistsNotice(name: string) {
  return prepareEmail("account-exists", {
    name,
    loginUrl: absoluteUrl("/connexion"),
    forgottenPasswordUrl: absoluteUrl("/mot-de-passe-oublie"),
  });
}

/**
 * Creates the account and sends its verification code; for an address that already has an account,
 * tells its owner by email instead. The caller answers the same in both cases.
 */
export async function signUp(
  input: { name: string; email: string; password: string },
  context: RequestContext,
): Promise<SignUpResult> {
  const now = context.now ?? new Date();
  const allowed = await consumeLimits(
    addressAndIpLimits(input.email, context.ip, LIMITS.signUpPerAddress, LIMITS.signUpPerIp),
    now,
  );
  if (!allowed.ok) return limited("Trop de demandes de création de compte.", allowed);

  const existing = await db.user.findUnique({ where: { email: input.email }, select: { name: true } });
  // Hashed on both paths, so that the answer takes as long whether or not the address is taken.
  const passwordHash = await hashPassword(input.password);
  if (!existing) {
    const verification = await prepareVerification(input.name);
    try {
      await write(async (tx) => {
        const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
        await recordVerification(tx, user, verification, now);
      });
      return { ok: true, email: input.email };
    } catch (error) {
      // Two sign-ups with the same address at the same moment: the unique index decides, and the
      // second one is told as if the account already existed.
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  const owner =
    existing ?? (await db.user.findUniqueOrThrow({ where: { email: input.email }, select: { name: true } }));
  const notice = await prepareAccountExistsNotice(owner.name);
  await write((tx) => queueEmail(tx, input.email, notice));
  return { ok: true, email: input.email };
}

/** Sends a fresh verification message (the previous link and code stop working). */
export async function resendVerification(
  emailAddress: string,
  context: RequestContext,
): Promise<{ ok: true } | Limited> {
  const now = context.now ?? new Date();
  const allowed = await consumeLimits(
    addressAndIpLimits(emailAddress, context.ip, LIMITS.resendCodePerAddress, LIMITS.resendCodePerIp),
    now,
  );
  if (!allowed.ok) return limited("Trop de demandes de code pour cette adresse.", allowed);
  const user = await db.user.findUnique({ where: { email: emailAddress } });
  if (!user || user.emailVerifiedAt) return { ok: true };
  const verification = await prepareVerification(user.name);
  await write(async (tx) => {
    await tx.verification.deleteMany({ where: { userId: user.id, purpose: "verify-email" } });
    await recordVerification(tx, user, verification, now);
  });
  return { ok: true };
}

export type VerifyResult = { ok: true; email: string } | { ok: false; message: string; retryAfterSeconds?: number };

const INVALID_LINK = "Ce lien de vérification n'est plus valable. Demandez un nouveau code ci-dessous.";
const INVALID_CODE =
  "Ce code n'est pas le bon, ou il a expiré. Vérifiez le dernier courriel reçu, ou demandez un nouveau code.";

async function usableVerificationLink(token: string) {
  const verification = await db.verification.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (
    !verification ||
    verification.purpose !== "verify-email" ||
    verification.usedAt ||
    verification.expiresAt < new Date()
  ) {
    return null;
  }
  return verification;
}

/** Whether a verification link can still be used. Reads only: opening the link (a GET) changes nothing. */
export async function checkVerificationLink(token: string): Promise<{ ok: true } | { ok: false; message: string }> {
  return (await usableVerificationLink(token)) ? { ok: true } : { ok: false, message: INVALID_LINK };
}

/** Verifies the address of a link's token: for the button the link's page shows (a POST), never for the GET. */
export async function verifyEmailByToken(token: string): Promise<VerifyResult> {
  const verification = await usableVerificationLink(token);
  if (!verification) return { ok: false, message: INVALID_LINK };
  await write(async (tx) => {
    await tx.verification.update({ where: { id: verification.id }, data: { usedAt: new Date() } });
    await tx.user.update({ where: { id: verification.userId }, data: { emailVerifiedAt: new Date() } });
  });
  return { ok: true, email: verification.user.email };
}

/**
 * Checks a 6-digit code. Tries are counted before the comparison, atomically: on the address (5 per
 * 30 minutes, whatever code is current, so a new code does not give new tries) and on the IP, then
 * on the code itself (a conditional UPDATE attempts = attempts + 1 in the same transaction as the
 * comparison's outcome). Parallel tries therefore never compare more than the cap.
 */
export async function verifyEmailByCode(
  emailAddress: string,
  code: string,
  context: RequestContext,
): Promise<VerifyResult> {
  const now = context.now ?? new Date();
  const allowed = await consumeLimits(
    addressAndIpLimits(emailAddress, context.ip, LIMITS.codeCheckPerAddress, LIMITS.codeCheckPerIp),
    now,
  );
  if (!allowed.ok)
    return limited(
      "Trop d'essais de code pour cette adresse.",
      allowed,
      "Le lien reçu par courriel, lui, fonctionne toujours.",
    );

  const user = await db.user.findUnique({ where: { email: emailAddress }, select: { id: true, email: true } });
  if (!user) return { ok: false, message: INVALID_CODE };
  const codeHash = hashToken(`${user.id}:${code}`);
  const verification = await db.verification.findFirst({
    where: { userId: user.id, purpose: "verify-email" },
    orderBy: { createdAt: "desc" },
  });
  if (!verification) return { ok: false, message: INVALID_CODE };
  // The address is already verified with this very code (a form sent twice): nothing to do. Any
  // other code gets the same answer as for an unknown address.
  if (verification.usedAt)
    return verification.codeHash === codeHash ? { ok: true, email: user.email } : { ok: false, message: INVALID_CODE };

  const verified = await write(async (tx) => {
    const { count } = await tx.verification.updateMany({
      where: { id: verification.id, usedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS }, expiresAt: { gt: now } },
      data: { attempts: { increment: 1 } },
    });
    if (count === 0 || verification.codeHash !== codeHash) return false;
    await tx.verification.update({ where: { id: verification.id }, data: { usedAt: now } });
    await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now } });
    return true;
  });
  return verified ? { ok: true, email: user.email } : { ok: false, message: INVALID_CODE };
}

export type LoginResult =
  { ok: true; token: string } | { ok: false; message: string; unverifiedEmail?: string; retryAfterSeconds?: number };

const WRONG_CREDENTIALS = "Adresse électronique ou mot de passe incorrect.";

function loginLimits(email: string, ip: string) {
  const account = addressKey(email);
  const network = ipKey(ip);
  return {
    account,
    network,
    checks: [
      { rule: LIMITS.loginPerAccountAndIp, key: pairKey(account, network) },
      { rule: LIMITS.loginPerAccount, key: account },
      { rule: LIMITS.loginPerIp, key: network },
    ],
  };
}

export async function logIn(input: {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  now?: Date;
}): Promise<LoginResult> {
  const now = input.now ?? new Date();
  // The attempt counts before the password is checked, so that parallel guesses cannot pass the cap.
  const { account, network, checks } = loginLimits(input.email, input.ip);
  const allowed = await consumeLimits(checks, now);
  if (!allowed.ok) {
    // A reset proves the address and lifts the account's locks, not an IP's.
    const alternative =
      allowed.rule === LIMITS.loginPerIp
        ? undefined
        : "Vous pouvez aussi choisir un nouveau mot de passe (« Mot de passe oublié ? ») : cela lève le blocage.";
    return limited("Trop de tentatives de connexion.", allowed, alternative);
  }

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) return { ok: false, message: WRONG_CREDENTIALS };

  const lastMembership = user.emailVerifiedAt
    ? await db.membership.findFirst({
        where: { userId: user.id },
        orderBy: { createdAt: "asc" },
        select: { organizationId: true },
      })
    : null;
  const token = await write(async (tx) => {
    // The right password: this attempt was legitimate, and the account's failures are forgotten.
    await clearLimit(tx, LIMITS.loginPerAccount, account);
    await clearLimit(tx, LIMITS.loginPerAccountAndIp, pairKey(account, network));
    await giveBack(tx, LIMITS.loginPerIp, network);
    if (!user.emailVerifiedAt) return null;
    const { token } = await createSession(tx, user.id, {
      activeOrganizationId: lastMembership?.organizationId ?? null,
      userAgent: input.userAgent,
    });
    return token;
  });
  if (!token) {
    return {
      ok: false,
      message:
        "Votre adresse électronique n'est pas encore vérifiée. Saisissez le code reçu par courriel, ou demandez-en un nouveau.",
      unverifiedEmail: user.email,
    };
  }
  return { ok: true, token };
}

/**
 * Sends a reset link to the account's address, or, when the address has no account, a message
 * saying so to that address. Same work and same answer either way.
 */
export async function requestPasswordReset(
  emailAddress: string,
  context: RequestContext,
): Promise<{ ok: true } | Limited> {
  const now = context.now ?? new Date();
  const allowed = await consumeLimits(
    addressAndIpLimits(emailAddress, context.ip, LIMITS.passwordResetPerAddress, LIMITS.passwordResetPerIp),
    now,
  );
  if (!allowed.ok) return limited("Trop de demandes de nouveau mot de passe pour cette adresse.", allowed);

  const user = await db.user.findUnique({ where: { email: emailAddress } });
  const token = generateToken();
  if (!user) {
    const notice = await prepareEmail("password-reset-no-account", { signUpUrl: absoluteUrl("/inscription") });
    await write((tx) => queueEmail(tx, emailAddress, notice));
    return { ok: true };
  }
  const email = await prepareEmail("password-reset", {
    name: user.name,
    resetUrl: absoluteUrl(`/mot-de-passe/nouveau?token=${token}`),
  });
  await write(async (tx) => {
    await tx.verification.deleteMany({ where: { userId: user.id, purpose: "reset-password" } });
    await tx.verification.create({
      data: {
        userId: user.id,
        purpose: "reset-password",
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS),
      },
    });
    await queueEmail(tx, user.email, email);
  });
  return { ok: true };
}

export async function findValidResetToken(token: string) {
  const verification = await db.verification.findUnique({ where: { tokenHash: hashToken(token) } });
  if (
    !verification ||
    verification.purpose !== "reset-password" ||
    verification.usedAt ||
    verification.expiresAt < new Date()
  )
    return null;
  return verification;
}

export async function resetPassword(token: string, password: string): Promise<boolean> {
  const verification = await findValidResetToken(token);
  if (!verification) return false;
  const passwordHash = await hashPassword(password);
  return write(async (tx) => {
    // Conditional update: two submissions of the same link cannot both succeed.
    const { count } = await tx.verification.updateMany({
      where: { id: verification.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count === 0) return false;
    // Following the link proves the address, too.
    const user = await tx.user.update({
      where: { id: verification.userId },
      data: { passwordHash, emailVerifiedAt: new Date() },
    });
    await invalidateAllSessions(tx, verification.userId);
    // The owner proved the address: the account's login locks (from any IP) are lifted.
    const account = addressKey(user.email);
    await clearLimit(tx, LIMITS.loginPerAccount, account);
    await clearPairsOf(tx, LIMITS.loginPerAccountAndIp, account);
    return true;
  });
}
