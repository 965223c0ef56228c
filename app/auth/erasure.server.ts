// Erasing a person (decision 0027): a user closes their account from /compte/fermer, or a platform
// admin erases someone on a GDPR request from /admin/effacement. Both do the same, in one write
// transaction: sessions, tokens, memberships and messages go; the account row stays (records
// point to its id) with its name, address and password replaced; the person's ledger records are
// redacted (app/ledger/redaction.server.ts) and a `ledger.redacted` record says so. Their
// organisation's exchanges stay on the record, with their name replaced by « [effacé] ».
//
// What stays, and why, is listed in docs/decisions/0027-erasure-and-account-closing.md.
import { db, truncateWriteAheadLog, write, type WriteTransaction } from "~/db/db.server";
import { REDACTED_TEXT } from "~/ledger/canonical";
import { previewRedaction, redactPerson, scanForPerson, type RedactionPreview } from "~/ledger/redaction.server";
import type { PersonToRedact, RedactionReason } from "~/ledger/redaction";
import { MIN_NAME_LENGTH } from "~/ledger/redaction";
import { cancelRegistration } from "~/meetings/registrations.server";
import { attachmentNote } from "~/record/attachment-erasure";
import { closedAccountAddress } from "./closed-accounts";
import { LIMITS } from "./limits";
import { verifyPassword } from "./password.server";
import { addressKey, consumeLimits, idKey } from "./rate-limit.server";
import { escapeHtml } from "~/ui/escape";

export const WRONG_PASSWORD_MESSAGE = "Mot de passe incorrect : votre compte n'a pas été fermé.";
export const UNKNOWN_PERSON_MESSAGE =
  "Aucun compte n'utilise cette adresse électronique. Vérifiez l'orthographe ; un compte déjà fermé ou effacé n'est plus retrouvé par son adresse.";

/** The organisations the person is the only administrator of, while other members remain. */
export async function organizationsNeedingAnotherAdmin(userId: string): Promise<{ id: string; name: string }[]> {
  const administered = await db.membership.findMany({
    where: { userId, role: "admin" },
    select: {
      organization: {
        select: {
          id: true,
          name: true,
          memberships: { where: { userId: { not: userId } }, select: { role: true } },
        },
      },
    },
  });
  return administered
    .map(({ organization }) => organization)
    .filter(
      (organization) =>
        organization.memberships.length > 0 && !organization.memberships.some((member) => member.role === "admin"),
    )
    .map(({ id, name }) => ({ id, name }));
}

export function soleAdminMessage(organizations: readonly { name: string }[], who: "you" | "them"): string {
  const names = organizations.map((organization) => `« ${organization.name} »`).join(", ");
  return who === "you"
    ? `Vous êtes le seul administrateur de ${names}, qui compte d'autres membres : l'organisation ne peut pas rester sans administrateur. Invitez d'abord une personne comme administrateur depuis la page de l'organisation ; dès qu'elle a accepté, vous pourrez fermer votre compte.`
    : `Cette personne est la seule administratrice de ${names}, qui compte d'autres membres. Demandez à l'organisation d'inviter un autre administrateur, puis recommencez.`;
}

/**
 * Cancels the person's registrations to events still to come (their place goes to the waiting
 * list, as when they cancel themselves). Each in its own transaction, before the erasure: a
 * cancellation refused (after the organiser's cut-off) leaves the registration, whose messages
 * then go nowhere (the outbox drops messages to a closed account).
 */
async function cancelUpcomingRegistrations(userId: string, now: Date): Promise<void> {
  const registrations = await db.registration.findMany({
    where: { userId, status: { in: ["confirmed", "waiting"] }, event: { startsAt: { gt: now } } },
    select: { id: true, eventId: true },
  });
  for (const registration of registrations) {
    const outcome = await cancelRegistration(
      { eventId: registration.eventId, registrationId: registration.id, userId },
      now,
    );
    if (!outcome.ok) console.warn(`[auth] erasure: registration ${registration.id} kept (${outcome.message})`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What names an erased person in a text: their address and their full name (never under 3 characters). */
export interface Mentions {
  email: string;
  name: string;
}

function mentionVariants(mentions: Mentions): string[] {
  const name = mentions.name.trim();
  const needles = [mentions.email.trim(), ...(name.length >= MIN_NAME_LENGTH ? [name] : [])].filter(Boolean);
  return [...new Set(needles.flatMap((needle) => [needle, escapeHtml(needle)]))];
}

const OUTBOX_TEXT_COLUMNS = ["subject", "text", "html", "attachments", "maskedSubject", "maskedText"] as const;

/** The outbox messages whose texts name the person (a first pass in SQL, case ignored for ASCII). */
export function outboxMentionsWhere(mentions: Mentions) {
  const variants = mentionVariants(mentions);
  return {
    OR: variants.flatMap((variant) => OUTBOX_TEXT_COLUMNS.map((column) => ({ [column]: { contains: variant } }))),
  };
}

/**
 * Messages kept in the outbox for other people that name the person (a notice to a buyer, an
 * organisation's admins): their name and address are replaced by the tombstone, in every copy.
 */
export async function eraseMentionsInOutbox(tx: WriteTransaction, mentions: Mentions): Promise<number> {
  const variants = mentionVariants(mentions);
  if (variants.length === 0) return 0;
  const messages = await tx.outboxMessage.findMany({ where: outboxMentionsWhere(mentions) });
  const pattern = new RegExp(variants.map(escapeRegExp).join("|"), "gi");
  for (const message of messages) {
    const data: Partial<Record<(typeof OUTBOX_TEXT_COLUMNS)[number], string>> = {};
    for (const column of OUTBOX_TEXT_COLUMNS) {
      const value = message[column];
      if (value !== null && pattern.test(value)) data[column] = value.replace(pattern, REDACTED_TEXT);
      pattern.lastIndex = 0;
    }
    await tx.outboxMessage.update({ where: { id: message.id }, data });
  }
  return messages.length;
}

/** Rate-limit counters keyed by a hash of the address: a hash of an address still points to it. */
export async function eraseAddressCounters(tx: WriteTransaction, email: string, extraKeys: string[] = []) {
  const account = addressKey(email);
  await tx.rateLimit.deleteMany({
    where: { OR: [{ key: { in: [account, ...extraKeys] } }, { key: { startsWith: `${account}:` } }] },
  });
}

/** The person's data in the caller's transaction; returns what the ledger redaction did. */
async function erasePerson(
  tx: WriteTransaction,
  person: PersonToRedact,
  ledger: Omit<Parameters<typeof redactPerson>[2], "reason"> & { reason: RedactionReason },
) {
  const placeholder = closedAccountAddress(person.id);
  await tx.session.deleteMany({ where: { userId: person.id } });
  await tx.verification.deleteMany({ where: { userId: person.id } });
  await eraseAddressCounters(tx, person.email, [idKey("user", person.id)]);
  await tx.invitation.deleteMany({ where: { email: person.email } });
  await tx.organizationClaim.deleteMany({ where: { userId: person.id } });
  const memberships = await tx.membership.findMany({ where: { userId: person.id }, select: { organizationId: true } });
  await tx.membership.deleteMany({ where: { userId: person.id } });
  // An organisation left without members: nobody may use or renew its private agenda link.
  const left = memberships.map((membership) => membership.organizationId);
  const empty = await tx.organization.findMany({
    where: { id: { in: left }, memberships: { none: {} } },
    select: { id: true },
  });
  await tx.calendarFeed.deleteMany({ where: { organizationId: { in: empty.map((organization) => organization.id) } } });
  // The person's alerts (their criteria and what was sent, with the unsubscribe links' hashes) and
  // the feeds of what matches them.
  await tx.supplierAlert.deleteMany({ where: { userId: person.id } });
  await tx.alertFeed.deleteMany({ where: { userId: person.id } });
  await tx.outboxMessage.deleteMany({ where: { to: person.email } });
  await eraseMentionsInOutbox(tx, person);
  await tx.questionnaireInvitation.updateMany({ where: { email: person.email }, data: { email: placeholder } });
  await tx.registration.updateMany({ where: { userId: person.id }, data: { email: placeholder } });
  // Scheduled sourcing invitations carry their addresses in the job's payload.
  const jobs = await tx.job.findMany({
    where: { payload: { contains: person.email } },
    select: { id: true, payload: true },
  });
  for (const job of jobs) {
    await tx.job.update({
      where: { id: job.id },
      data: { payload: job.payload.replaceAll(person.email, placeholder) },
    });
  }
  await tx.user.update({
    where: { id: person.id },
    data: {
      email: placeholder,
      name: REDACTED_TEXT,
      // No argon2 hash matches an empty string: no password opens the account again.
      passwordHash: "",
      emailVerifiedAt: null,
      isPlatformAdmin: false,
    },
  });
  // An attachment whose name named them stays reachable by its hash (app/record/attachment-erasure.ts).
  return redactPerson(tx, person, { ...ledger, annotate: (records) => attachmentNote(records, new Set()) });
}

/** After the erasure: the write-ahead log still holds the pages as they were; empty it. */
export async function forgetOldPages(): Promise<void> {
  if (!(await truncateWriteAheadLog())) {
    console.warn("[auth] erasure: the write-ahead log could not be emptied yet (a reader is busy)");
  }
}

async function personOf(userId: string): Promise<PersonToRedact | null> {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
}

export type ClosingResult = { ok: true } | { ok: false; field: "password" | "form"; message: string };

/** The account page's "Fermer mon compte": the password confirms it is really them. */
export async function closeOwnAccount(userId: string, password: string, now = new Date()): Promise<ClosingResult> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return { ok: false, field: "form", message: "Ce compte n'existe plus." };
  // Counted as a login attempt: a stolen session cannot guess the password here without limit.
  const allowed = await consumeLimits([{ rule: LIMITS.loginPerAccount, key: addressKey(user.email) }], now);
  if (!allowed.ok) return { ok: false, field: "password", message: `Trop de tentatives. ${allowed.retryMessage}` };
  if (!(await verifyPassword(user.passwordHash, password)))
    return { ok: false, field: "password", message: WRONG_PASSWORD_MESSAGE };
  const blocking = await organizationsNeedingAnotherAdmin(user.id);
  if (blocking.length > 0) return { ok: false, field: "form", message: soleAdminMessage(blocking, "you") };
  await cancelUpcomingRegistrations(user.id, now);
  const person = (await personOf(user.id))!;
  const scan = await scanForPerson(person);
  await write((tx) =>
    erasePerson(tx, person, {
      scan,
      reason: "account_closed",
      // Not the person: their name must not appear in the record of their own erasure.
      actor: { userId: null, label: "Amont (fermeture de compte)" },
      now,
    }),
  );
  await forgetOldPages();
  console.log(`[auth] account ${user.id} closed by its owner`);
  return { ok: true };
}

export interface ErasurePreview extends RedactionPreview {
  userId: string;
  memberships: string[];
  /** Why it cannot be done yet, if so. */
  refusal: string | null;
}

export type ErasureLookup = { ok: true; preview: ErasurePreview } | { ok: false; message: string };

/** What an erasure on request would do, for the person with this address (platform admins). */
export async function previewErasure(email: string, adminId: string): Promise<ErasureLookup> {
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      memberships: { select: { organization: { select: { name: true } } } },
    },
  });
  if (!user) return { ok: false, message: UNKNOWN_PERSON_MESSAGE };
  if (user.id === adminId)
    return {
      ok: false,
      message: "C'est votre propre compte : fermez-le depuis « Mon compte », avec votre mot de passe.",
    };
  const blocking = await organizationsNeedingAnotherAdmin(user.id);
  const preview = await previewRedaction(await scanForPerson(user));
  return {
    ok: true,
    preview: {
      ...preview,
      userId: user.id,
      memberships: user.memberships.map((membership) => membership.organization.name),
      refusal: blocking.length > 0 ? soleAdminMessage(blocking, "them") : null,
    },
  };
}

export type ErasureResult = { ok: true; records: number } | { ok: false; message: string };

/** The erasure a platform admin makes on a GDPR request (the person asked; the admin acts). */
export async function eraseOnRequest(
  admin: { id: string; name: string },
  email: string,
  now = new Date(),
): Promise<ErasureResult> {
  const lookup = await previewErasure(email, admin.id);
  if (!lookup.ok) return lookup;
  if (lookup.preview.refusal) return { ok: false, message: lookup.preview.refusal };
  const userId = lookup.preview.userId;
  await cancelUpcomingRegistrations(userId, now);
  const person = await personOf(userId);
  if (!person) return { ok: false, message: UNKNOWN_PERSON_MESSAGE };
  const scan = await scanForPerson(person);
  const result = await write((tx) =>
    erasePerson(tx, person, { scan, reason: "gdpr_request", actor: { userId: admin.id, label: admin.name }, now }),
  );
  await forgetOldPages();
  console.log(`[auth] account ${userId} erased on request by platform admin ${admin.id}`);
  return { ok: true, records: result.redacted.length };
}

/** What the closing page tells the person before they confirm. */
export async function closingOverview(user: { id: string; email: string }) {
  const [blocking, procurementContacts] = await Promise.all([
    organizationsNeedingAnotherAdmin(user.id),
    db.plannedProcurement.count({ where: { contactEmail: user.email } }),
  ]);
  return {
    blocking,
    blockingMessage: blocking.length > 0 ? soleAdminMessage(blocking, "you") : null,
    procurementContacts,
  };
}
