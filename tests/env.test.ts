import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv, PLACEHOLDER_OCID_PREFIX } from "~/env.server";

const secret = "s".repeat(40);
const prefix = "ocds-abc123";

describe("environment", () => {
  it("refuses to start in production without a mail provider, so mail is never silently dropped", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, OCDS_PREFIX: prefix })).toThrow(
      /RESEND_API_KEY/,
    );
  });

  it("accepts production with a Resend key, or with mail kept in the outbox on purpose", () => {
    const base = { NODE_ENV: "production", SESSION_SECRET: secret, OCDS_PREFIX: prefix } as const;
    expect(parseEnv({ ...base, RESEND_API_KEY: "re_123" }).mailTransport).toBe("resend");
    expect(parseEnv({ ...base, MAIL_TRANSPORT: "outbox" }).mailTransport).toBe("outbox");
  });

  it("requires a session secret in production and explains what is wrong", () => {
    expect(() => parseEnv({ NODE_ENV: "production", MAIL_TRANSPORT: "outbox", OCDS_PREFIX: prefix })).toThrow(
      /SESSION_SECRET/,
    );
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL must be a SQLite file URL/);
  });

  it("uses Secure cookies in production except on plain-HTTP loopback", () => {
    const base = {
      NODE_ENV: "production",
      SESSION_SECRET: secret,
      MAIL_TRANSPORT: "outbox",
      OCDS_PREFIX: prefix,
    } as const;
    expect(parseEnv({ ...base, APP_URL: "https://amont.fly.dev" }).secureCookies).toBe(true);
    expect(parseEnv({ ...base, APP_URL: "http://127.0.0.1:4000" }).secureCookies).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).secureCookies).toBe(false);
  });

  it("requires a registered-shape ocid prefix in production, and names the variable when it is wrong", () => {
    const base = { NODE_ENV: "production", SESSION_SECRET: secret, MAIL_TRANSPORT: "outbox" } as const;
    expect(() => parseEnv(base)).toThrow(/OCDS_PREFIX: is required in production/);
    // The old default, and near misses of the rule (ocds- and six lowercase letters or digits).
    for (const wrong of ["ocds-amont", "ocds-abc12", "ocds-abc1234", "OCDS-abc123", "ocds-ABC123", "ocds_abc123"])
      expect(() => parseEnv({ ...base, OCDS_PREFIX: wrong }), wrong).toThrow(/OCDS_PREFIX must be an ocid prefix/);
    expect(parseEnv({ ...base, OCDS_PREFIX: "ocds-213czf" }).ocdsPrefix).toBe("ocds-213czf");
  });

  it("uses the placeholder prefix outside production, which has the registered shape", () => {
    expect(parseEnv({ NODE_ENV: "development" }).ocdsPrefix).toBe(PLACEHOLDER_OCID_PREFIX);
    expect(PLACEHOLDER_OCID_PREFIX).toMatch(/^ocds-[a-z0-9]{6}$/);
  });

  it("shows secret-carrying messages in clear on request only where mail stays in the outbox and nothing is real", () => {
    const production = { NODE_ENV: "production", SESSION_SECRET: secret, OCDS_PREFIX: prefix } as const;
    expect(parseEnv({ ...production, MAIL_TRANSPORT: "outbox" }).demoMailbox).toBe(false);
    expect(parseEnv({ ...production, MAIL_TRANSPORT: "outbox", AMONT_DEMO_DATA: "1" }).demoMailbox).toBe(true);
    expect(parseEnv({ ...production, RESEND_API_KEY: "re_1", AMONT_DEMO_DATA: "1" }).demoMailbox).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).demoMailbox).toBe(true);
  });

  it("keeps files next to the database unless DATA_DIR says otherwise", () => {
    expect(parseEnv({ DATABASE_URL: "file:/data/amont.db" }).dataDir).toBe("/data");
    expect(parseEnv({ DATABASE_URL: "file:./data/amont.db" }).dataDir).toBe(path.resolve("data"));
    expect(parseEnv({ DATABASE_URL: "file:/data/amont.db", DATA_DIR: "/srv/fichiers" }).dataDir).toBe("/srv/fichiers");
  });
});
