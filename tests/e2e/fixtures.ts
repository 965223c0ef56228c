// Helpers for the end-to-end tests: the mail the server wrote to its outbox (MAIL_TRANSPORT=outbox),
// and accounts created straight in the e2e database for tests that are not about signing up.
//
// The database is the one playwright.config.ts gave the web server (E2E_DATABASE_FILE). Reads use
// a read-only connection; the few writes (a verified user, a session) are single statements in
// their own transaction, which the server sees like any other committed data.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";

export { expect };

export const DEMO_PASSWORD = "Amont-demo-2026!";

export function e2eDatabaseFile(): string {
  const file = process.env.E2E_DATABASE_FILE;
  if (!file) throw new Error("E2E_DATABASE_FILE is not set: run these tests with `npx playwright test`.");
  return file;
}

function openDatabase(readonly: boolean) {
  const database = new Database(e2eDatabaseFile(), { readonly, fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  return database;
}

/** A new address on every call, so that tests never collide, even across workers and reruns. */
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@exemple.fr`;
}

export interface OutboxMessage {
  id: string;
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
}

/** The latest message to `to` (optionally of one template), or null. */
export function latestMessageTo(to: string, template?: string): OutboxMessage | null {
  const database = openDatabase(true);
  try {
    const row = database
      .prepare(
        `SELECT id, template, "to", subject, text, html, createdAt FROM OutboxMessage
         WHERE "to" = ? AND (? IS NULL OR template = ?)
         ORDER BY createdAt DESC, rowid DESC LIMIT 1`,
      )
      .get(to.toLowerCase(), template ?? null, template ?? null) as OutboxMessage | undefined;
    return row ?? null;
  } finally {
    database.close();
  }
}

/** Waits (briefly) for a message to `to`: it is written in the same transaction as the action. */
export async function waitForMessageTo(to: string, template?: string, timeoutMs = 5_000): Promise<OutboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = latestMessageTo(to, template);
    if (message) return message;
    if (Date.now() > deadline)
      throw new Error(`No ${template ?? ""} message to ${to} in the outbox after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The verification link and 6-digit code of a verify-email message. */
export function verificationDetails(message: OutboxMessage): { link: string; code: string } {
  const link = message.text.match(/https?:\/\/[^\s<>"]+\/verification\?token=[A-Za-z0-9_-]+/)?.[0];
  const code = message.subject.match(/^\s*(\d{6})\b/)?.[1] ?? message.text.match(/\b(\d{6})\b/)?.[1];
  if (!link || !code)
    throw new Error(`No verification link or code in message ${message.id}:\n${message.subject}\n${message.text}`);
  return { link, code };
}

/** Dates as the application's Prisma adapter writes them. */
function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

/**
 * A verified account written straight to the database (argon2id, as the application hashes), for
 * tests that are not about signing up.
 */
export async function createVerifiedUser(overrides: Partial<Omit<TestUser, "id">> = {}): Promise<TestUser> {
  const user: TestUser = {
    id: `e2e${randomUUID().replaceAll("-", "")}`,
    name: overrides.name ?? "Camille Test",
    email: (overrides.email ?? uniqueEmail("verifie")).toLowerCase(),
    password: overrides.password ?? `mot-de-passe-${randomBytes(6).toString("hex")}`,
  };
  const passwordHash = await hash(user.password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const now = sqliteDate(new Date());
  const database = openDatabase(false);
  try {
    database
      .prepare(
        `INSERT INTO User (id, email, name, passwordHash, emailVerifiedAt, isPlatformAdmin, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      )
      .run(user.id, user.email, user.name, passwordHash, now, now, now);
  } finally {
    database.close();
  }
  return user;
}

/** Makes the account a platform administrator (the /admin pages). */
export function makePlatformAdmin(user: Pick<TestUser, "id">): void {
  const database = openDatabase(false);
  try {
    database.prepare(`UPDATE User SET isPlatformAdmin = 1 WHERE id = ?`).run(user.id);
  } finally {
    database.close();
  }
}

/**
 * A buyer registered by `founder` and waiting for a platform admin's verification, as the
 * registration form leaves one (the ledger record and the admins' mail are not needed here).
 */
export function createPendingBuyer(founder: Pick<TestUser, "id">, name: string): { id: string } {
  const id = `e2e${randomUUID().replaceAll("-", "")}`;
  const now = sqliteDate(new Date());
  const database = openDatabase(false);
  try {
    database
      .prepare(
        `INSERT INTO Organization (id, kind, name, slug, departement, siren, buyerKind, verificationStatus, verificationRequestedById, createdAt, updatedAt)
         VALUES (?, 'buyer', ?, ?, '80', '218007990', 'commune', 'pending', ?, ?, ?)`,
      )
      .run(id, name, `attente-${id}`, founder.id, now, now);
    database
      .prepare(`INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`)
      .run(`e2e${randomUUID().replaceAll("-", "")}`, founder.id, id, now);
  } finally {
    database.close();
  }
  return { id };
}

/**
 * Logs `user` in on `context` without the login form: a session row as the application creates it
 * (SHA-256 of a random token as its id) and the cookie holding the token, encoded as Remix's
 * unsigned createCookie encodes it (base64 of the JSON value).
 */
export async function logInAs(context: BrowserContext, baseURL: string, user: Pick<TestUser, "id">): Promise<void> {
  const token = randomBytes(20).toString("hex");
  const id = createHash("sha256").update(token).digest("hex");
  const now = new Date();
  const database = openDatabase(false);
  try {
    database
      .prepare(`INSERT INTO Session (id, userId, expiresAt, createdAt, userAgent) VALUES (?, ?, ?, ?, ?)`)
      .run(id, user.id, sqliteDate(new Date(now.getTime() + 30 * 24 * 3600 * 1000)), sqliteDate(now), "playwright");
  } finally {
    database.close();
  }
  const value = encodeURIComponent(Buffer.from(JSON.stringify(token), "utf8").toString("base64"));
  await context.addCookies([{ name: "amont_session", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** `test` with `verifiedUser` (a fresh verified account) and `loggedInUser` (the same, logged in). */
/**
 * Errors thrown by the page's JavaScript (for instance a component calling a server-only module,
 * which the browser bundle does not have) and React's console errors (hydration mismatches). The
 * server-rendered page may look right while the enhanced one is broken: every test fails on them,
 * in its own context and in any context it opens.
 */
async function watchBrowserErrors(context: BrowserContext, errors: string[]) {
  // Anything the Content-Security-Policy blocks (an inline script without the page's nonce, a
  // style element FullCalendar could not inject) is reported as an error too.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`Content-Security-Policy violation: ${event.violatedDirective} blocked ${event.blockedURI}`),
    );
  });
  context.on("weberror", (error) => errors.push(`${error.page()?.url() ?? ""}: ${error.error().message}`));
  context.on("console", (message) => {
    // A refused request (403, 404, 409...) is an expected answer, not a script error.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(`${message.page()?.url() ?? ""}: ${message.text()}`);
  });
}

export const test = base.extend<{ verifiedUser: TestUser; loggedInUser: TestUser; browserErrors: string[] }>({
  browserErrors: [
    async ({ context, browser }, use) => {
      const errors: string[] = [];
      await watchBrowserErrors(context, errors);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const created = await newContext(...args);
        await watchBrowserErrors(created, errors);
        return created;
      };
      await use(errors);
      browser.newContext = newContext;
      expect(errors, "JavaScript errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
  // Playwright reads a fixture's dependencies from its first parameter's destructuring: an empty one means none.
  // eslint-disable-next-line no-empty-pattern
  verifiedUser: async ({}, use) => {
    await use(await createVerifiedUser());
  },
  loggedInUser: async ({ context, baseURL, verifiedUser }, use) => {
    await logInAs(context, baseURL!, verifiedUser);
    await use(verifiedUser);
  },
});

/**
 * FullCalendar is on the page and styled: its <style> element, injected at run time with the nonce
 * of the page's scripts, was allowed by the Content-Security-Policy (.fc is a flex column).
 */
export async function expectStyledCalendar(page: Page) {
  const calendar = page.locator(".fc").first();
  await expect(calendar).toBeVisible();
  await expect(calendar).toHaveCSS("display", "flex");
  await expect(calendar).toHaveCSS("flex-direction", "column");
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe-core (WCAG 2.0/2.1, levels A and AA) finds no serious or critical violation on the page. */
export async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  // axe finishes its run in a blank page that it opens and closes: bring the tested page back to
  // the front, or Chromium may keep it in the background, where animation frames pause and the
  // next click waits forever for the element to be "stable" (seen once in a full run).
  await page.bringToFront();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  const report = serious
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) => `    - ${node.target.join(" ")}\n      ${(node.failureSummary ?? "").replaceAll("\n", "\n      ")}`,
        )
        .join("\n");
      return `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}`;
    })
    .join("\n\n");
  expect(
    serious,
    `axe found ${serious.length} serious or critical violation(s) on ${page.url()}:\n\n${report}`,
  ).toEqual([]);
}
