// Account flows: sign-up with email verification (link or code), login, password reset.
import { db, write, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { clearFailedLogins, loginThrottle, recordFailedLogin, retryMessage } from "./login-throttle.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { createSession, invalidateAllSessions } from "./session.server";
import { generateCode, generateToken, hashToken } from "./tokens.server";

const MINUTE_MS = 60 * 1000;
export const VERIFICATION_LIFETIME_MS = 30 * MINUTE_MS;
export const RESET_LIFETIME_MS = 60 * MINUTE_MS;
export const MAX_CODE_ATTEMPTS = 5;

function absoluteUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

export type SignUpResult = { ok: true; email: string } | { ok: false; field: "email"; message: string };

const EMAIL_TAKEN = "Un compte existe déjà avec cette adresse. Connectez-vous, ou utilisez « Mot de passe oublié ».";

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
) {
  await tx.verification.create({
    data: {
      userId: user.id,
      purpose: "verify-email",
      tokenHash: hashToken(verification.token),
      codeHash: hashToken(`${user.id}:${verification.code}`),
      expiresAt: new Date(Date.now() + VERIFICATION_LIFETIME_MS),
    },
  });
  await queueEmail(tx, user.email, verification.email);
}

export async function signUp(input: { name: string; email: string; password: string }): Promise<SignUpResult> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return { ok: false, field: "email", message: EMAIL_TAKEN };
  }
  const passwordHash = await hashPassword(input.password);
  const verification = await prepareVerification(input.name);
  try {
    await write(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      await recordVerification(tx, user, verification);
    });
  } catch (error) {
    // Two sign-ups with the same address at the same moment: the unique index decides.
    if ((error as { code?: string }).code === "P2002") return { ok: false, field: "email", message: EMAIL_TAKEN };
    throw error;
  }
  return { ok: true, email: input.email };
}

/** Sends a fresh verification message (the previous link and code stop working). */
export async function resendVerification(emailAddress: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email: emailAddress } });
  if (!user || user.emailVerifiedAt) return;
  const verification = await prepareVerification(user.name);
  await write(async (tx) => {
    await tx.verification.deleteMany({ where: { userId: user.id, purpose: "verify-email" } });
    await recordVerification(tx, user, verification);
  });
}

export type VerifyResult = { ok: true; email: string } | { ok: false; message: string };

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
  await markVerified(verification.id, verification.userId);
  return { ok: true, email: verification.user.email };
}

export async function verifyEmailByCode(emailAddress: string, code: string): Promise<VerifyResult> {
  const user = await db.user.findUnique({ where: { email: emailAddress } });
  if (!user) return { ok: false, message: INVALID_CODE };
  if (user.emailVerifiedAt) return { ok: true, email: user.email };
  const verification = await db.verification.findFirst({
    where: { userId: user.id, purpose: "verify-email", usedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!verification || verification.expiresAt < new Date() || verification.attempts >= MAX_CODE_ATTEMPTS) {
    return { ok: false, message: INVALID_CODE };
  }
  if (verification.codeHash !== hashToken(`${user.id}:${code}`)) {
    await write((tx) =>
      tx.verification.update({ where: { id: verification.id }, data: { attempts: { increment: 1 } } }),
    );
    return { ok: false, message: INVALID_CODE };
  }
  await markVerified(verification.id, user.id);
  return { ok: true, email: user.email };
}

function markVerified(verificationId: string, userId: string) {
  return write(async (tx) => {
    await tx.verification.update({ where: { id: verificationId }, data: { usedAt: new Date() } });
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  });
}

export type LoginResult = { ok: true; token: string } | { ok: false; message: string; unverifiedEmail?: string };

const WRONG_CREDENTIALS = "Adresse électronique ou mot de passe incorrect.";

export async function logIn(input: {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}): Promise<LoginResult> {
  const throttle = await loginThrottle(input.email, input.ip);
  if (throttle.blocked && throttle.retryAt) return { ok: false, message: retryMessage(throttle.retryAt) };

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) {
    await recordFailedLogin(input.email, input.ip);
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  if (!user.emailVerifiedAt) {
    return {
      ok: false,
      message:
        "Votre adresse électronique n'est pas encore vérifiée. Saisissez le code reçu par courriel, ou demandez-en un nouveau.",
      unverifiedEmail: user.email,
    };
  }
  await clearFailedLogins(input.email);
  const lastMembership = await db.membership.findFirst({
    where: { userId: user.id },
    orderBy: { createdAt: "asc" },
    select: { organizationId: true },
  });
  const { token } = await write((tx) =>
    createSession(tx, user.id, {
      activeOrganizationId: lastMembership?.organizationId ?? null,
      userAgent: input.userAgent,
    }),
  );
  return { ok: true, token };
}

/** Always behaves the same whether or not the address has an account. */
export async function requestPasswordReset(emailAddress: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email: emailAddress } });
  if (!user) return;
  const token = generateToken();
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
        expiresAt: new Date(Date.now() + RESET_LIFETIME_MS),
      },
    });
    await queueEmail(tx, user.email, email);
  });
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
    await tx.user.update({ where: { id: verification.userId }, data: { passwordHash, emailVerifiedAt: new Date() } });
    await invalidateAllSessions(tx, verification.userId);
    return true;
  });
}
