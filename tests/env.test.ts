import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

const secret = "s".repeat(40);

describe("environment", () => {
  it("refuses to start in production without a mail provider, so mail is never silently dropped", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret })).toThrow(/RESEND_API_KEY/);
  });

  it("accepts production with a Resend key, or with mail kept in the outbox on purpose", () => {
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, RESEND_API_KEY: "re_123" }).mailTransport).toBe(
      "resend",
    );
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, MAIL_TRANSPORT: "outbox" }).mailTransport).toBe(
      "outbox",
    );
  });

  it("requires a session secret in production and explains what is wrong", () => {
    expect(() => parseEnv({ NODE_ENV: "production", MAIL_TRANSPORT: "outbox" })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL must be a SQLite file URL/);
  });

  it("uses Secure cookies in production except on plain-HTTP loopback", () => {
    const base = { NODE_ENV: "production", SESSION_SECRET: secret, MAIL_TRANSPORT: "outbox" } as const;
    expect(parseEnv({ ...base, APP_URL: "https://amont.fly.dev" }).secureCookies).toBe(true);
    expect(parseEnv({ ...base, APP_URL: "http://127.0.0.1:4000" }).secureCookies).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).secureCookies).toBe(false);
  });
});
