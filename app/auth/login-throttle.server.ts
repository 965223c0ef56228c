// Failed logins are limited per account and per IP address: 10 in 15 minutes, then the form says
// when to retry. Attempts are kept in the database so that the limit survives a restart.
import { db, write } from "~/db/db.server";

export const FAILED_LOGIN_LIMIT = 10;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;

export interface ThrottleState {
  blocked: boolean;
  retryAt: Date | null;
}

export async function loginThrottle(email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    db.failedLogin.findMany({
      where: { email, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: FAILED_LOGIN_LIMIT,
      select: { createdAt: true },
    }),
    db.failedLogin.findMany({
      where: { ip, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: FAILED_LOGIN_LIMIT,
      select: { createdAt: true },
    }),
  ]);
  const retryTimes = [byAccount, byIp]
    .filter((attempts) => attempts.length >= FAILED_LOGIN_LIMIT)
    // The oldest of the last ten attempts leaves the window first.
    .map((attempts) => attempts[FAILED_LOGIN_LIMIT - 1]!.createdAt.getTime() + FAILED_LOGIN_WINDOW_MS);
  if (retryTimes.length === 0) return { blocked: false, retryAt: null };
  return { blocked: true, retryAt: new Date(Math.max(...retryTimes)) };
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  await write(async (tx) => {
    await tx.failedLogin.create({ data: { email, ip } });
    // Keep the table small: drop attempts that no longer count.
    await tx.failedLogin.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - FAILED_LOGIN_WINDOW_MS) } } });
  });
}

export function clearFailedLogins(email: string) {
  return write((tx) => tx.failedLogin.deleteMany({ where: { email } }));
}

export function retryMessage(retryAt: Date): string {
  const time = new Intl.DateTimeFormat("fr-FR", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Paris",
  }).format(retryAt);
  return `Trop de tentatives de connexion. Par sécurité, réessayez à partir de ${time}.`;
}
