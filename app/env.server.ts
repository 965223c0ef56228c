// Environment variables, validated once at start: a misconfigured server refuses to start with a
// message that says which variable is wrong, instead of failing on the first request.
import { createPrivateKey } from "node:crypto";
import path from "node:path";
import { z } from "zod";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An optional free-text setting: blank counts as unset, so that `FOO=` in a file does not print an empty line. */
function optionalText() {
  return z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined));
}

/**
 * The OCDS rule for an ocid prefix: "ocds-" and six letters or digits, assigned by the Open
 * Contracting Partnership to each publisher.
 */
export const OCID_PREFIX_PATTERN = /^ocds-[a-z0-9]{6}$/;
/** Outside production only: shaped like a real prefix, but not registered to anyone. */
export const PLACEHOLDER_OCID_PREFIX = "ocds-xxxxxx";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .startsWith("file:", "DATABASE_URL must be a SQLite file URL such as file:./data/amont.db")
      .default("file:./data/amont.db"),
    APP_URL: z
      .string()
      .url("APP_URL must be the public URL of the site, e.g. https://amont.fly.dev")
      .default("http://localhost:3000"),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    MAIL_FROM: z.string().default("Amont <ne-pas-repondre@amont.example>"),
    /** resend: send through Resend; outbox: keep every message in the outbox table (readable by admins). */
    MAIL_TRANSPORT: z.enum(["resend", "outbox"]).optional(),
    // Who publishes this instance (legal notices, privacy notice, contact, security.txt): see
    // app/legal/publisher.server.ts. Unset, the pages say plainly that this is a demonstration.
    LEGAL_PUBLISHER_NAME: optionalText(),
    LEGAL_PUBLISHER_ADDRESS: optionalText(),
    LEGAL_PUBLISHER_SIREN: optionalText().pipe(
      z
        .string()
        .regex(/^\d{9}$/, "LEGAL_PUBLISHER_SIREN must be the publisher's 9-digit SIREN")
        .optional(),
    ),
    LEGAL_PUBLICATION_DIRECTOR: optionalText(),
    LEGAL_CONTACT_EMAIL: optionalText().pipe(
      z.string().email("LEGAL_CONTACT_EMAIL must be an email address, e.g. contact@example.fr").optional(),
    ),
    LEGAL_DPO_EMAIL: optionalText().pipe(
      z.string().email("LEGAL_DPO_EMAIL must be an email address, e.g. dpo@example.fr").optional(),
    ),
    LEGAL_HOST_NAME: optionalText(),
    LEGAL_HOST_ADDRESS: optionalText(),
    SECURITY_CONTACT: optionalText().pipe(
      z
        .string()
        .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "SECURITY_CONTACT must be a mailto: or https:// URI")
        .optional(),
    ),
    /** "1" on the local demo (scripts/quickstart.js): see demoMailbox below. */
    AMONT_DEMO_DATA: z.string().optional(),
    /** The publisher's registered ocid prefix, for /plan.ocds.json. */
    OCDS_PREFIX: optionalText().pipe(
      z
        .string()
        .regex(
          OCID_PREFIX_PATTERN,
          "OCDS_PREFIX must be an ocid prefix registered with the Open Contracting Partnership: ocds- followed by six lowercase letters or digits, e.g. ocds-213czf",
        )
        .optional(),
    ),
    /** Where files live besides the database (record attachments under attachments/); default: the database's folder. */
    DATA_DIR: z.string().min(1, "DATA_DIR must be a folder path").optional(),
    /**
     * The ledger's Ed25519 signing key, PKCS#8 PEM (app/ledger/signing.server.ts); unset, one is
     * generated into DATA_DIR/keys/. The message never repeats the value.
     */
    LEDGER_SIGNING_KEY: optionalText().refine(
      (value) => value === undefined || isEd25519PrivateKeyPem(value),
      "LEDGER_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----), e.g. from `openssl genpkey -algorithm ed25519`",
    ),
  })
  .transform((env, context) => {
    const production = env.NODE_ENV === "production";
    const mailTransport = env.MAIL_TRANSPORT ?? (env.RESEND_API_KEY ? "resend" : production ? undefined : "outbox");
    if (!mailTransport) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["RESEND_API_KEY"],
        message:
          "is required in production (mail would otherwise never leave the outbox); set MAIL_TRANSPORT=outbox to keep mail in the outbox on purpose",
      });
      return z.NEVER;
    }
    if (mailTransport === "resend" && !env.RESEND_API_KEY) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["RESEND_API_KEY"],
        message: "is required when MAIL_TRANSPORT=resend",
      });
      return z.NEVER;
    }
    if (production && !env.SESSION_SECRET) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["SESSION_SECRET"], message: "is required in production" });
      return z.NEVER;
    }
    if (production && !env.OCDS_PREFIX) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["OCDS_PREFIX"],
        message: `is required in production: the ocid prefix registered for this publisher with the Open Contracting Partnership (ocds- and six letters or digits; ${PLACEHOLDER_OCID_PREFIX} on a local demo, where nothing is published)`,
      });
      return z.NEVER;
    }
    const appUrl = new URL(env.APP_URL);
    return {
      ...env,
      mailTransport,
      /**
       * Mail never leaves the outbox and this is not a real deployment (development, or the local
       * demo): the admin outbox may show messages that carry a secret in clear, on request, since
       * nobody can receive them otherwise. Everywhere else they are only ever shown masked.
       */
      demoMailbox: mailTransport === "outbox" && (!production || env.AMONT_DEMO_DATA === "1"),
      ocdsPrefix: env.OCDS_PREFIX ?? PLACEHOLDER_OCID_PREFIX,
      dataDir: path.resolve(env.DATA_DIR ?? path.dirname(databaseFile(env.DATABASE_URL))),
      appOrigin: appUrl.origin,
      SESSION_SECRET: env.SESSION_SECRET ?? "amont-development-secret-not-for-production",
      // Secure cookies everywhere in production, except on plain-HTTP loopback (local demo, tests).
      secureCookies: production && !(appUrl.protocol === "http:" && LOOPBACK_HOSTS.has(appUrl.hostname)),
    };
  });

/**
 * A PEM as an environment variable often arrives on one line with "\n" written out (a platform's
 * secrets form): both spellings are read.
 */
export function pemFromEnvironment(value: string): string {
  return value.replace(/\\n/g, "\n");
}

function isEd25519PrivateKeyPem(value: string): boolean {
  try {
    const key = createPrivateKey({ key: pemFromEnvironment(value), format: "pem" });
    return key.asymmetricKeyType === "ed25519";
  } catch {
    return false;
  }
}

/** The SQLite file of a `file:` URL, without its query string ("file:./data/amont.db?x=1" → "./data/amont.db"). */
function databaseFile(url: string): string {
  return url.slice("file:".length).split("?")[0]!;
}

export type Env = z.output<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid environment, the server cannot start:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
