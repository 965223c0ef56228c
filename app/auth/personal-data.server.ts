// Everything Amont holds about one person, as one JSON document: the right of access and the right
// to data portability (RGPD articles 15 and 20) from the account page, without asking anyone.
//
// What is left out, and why:
// - secrets and their hashes (password hash, session ids, which are token hashes, verification and
//   invitation token hashes): they identify nothing about the person and would help an attacker
//   who got hold of the file;
// - the bodies and subjects of messages that carried a code or a single-use link (a verification
//   code is in the subject): the envelope stays, with a note;
// - the abuse-limit counters of IP addresses (even paired with the person's address): they may be
//   someone else's, and only their hash is kept anyway.
import { criteriaOfRow } from "~/alerts/schema";
import { db } from "~/db/db.server";
import { addressKey, idKey } from "./rate-limit.server";

/** SQLite limits the depth of an expression: match ledger payloads against ids in batches. */
const LEDGER_MATCH_BATCH = 100;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function ledgerRecordsNaming(userId: string, email: string, ownRecordIds: string[]) {
  // Quoted, so that an id or address matches a whole JSON string and never a part of another one.
  const fragments = [email, ...ownRecordIds].map((value) => `"${value}"`);
  const batches: Promise<Awaited<ReturnType<typeof db.ledgerRecord.findMany>>>[] = [
    db.ledgerRecord.findMany({ where: { actorUserId: userId } }),
  ];
  for (let start = 0; start < fragments.length; start += LEDGER_MATCH_BATCH) {
    const batch = fragments.slice(start, start + LEDGER_MATCH_BATCH);
    batches.push(
      db.ledgerRecord.findMany({ where: { OR: batch.map((fragment) => ({ payload: { contains: fragment } })) } }),
    );
  }
  const bySequence = new Map((await Promise.all(batches)).flat().map((record) => [record.sequence, record]));
  return [...bySequence.values()]
    .sort((a, b) => a.sequence - b.sequence)
    .map((record) => ({
      sequence: record.sequence,
      kind: record.kind,
      occurredAt: record.occurredAt,
      actor: record.actorLabel,
      youActed: record.actorUserId === userId,
      organizationIds: parseJson(record.organizationIds),
      summary: record.summary,
      payload: parseJson(record.payload),
      hash: record.hash,
    }));
}

export type PersonalDataExport = NonNullable<Awaited<ReturnType<typeof personalDataExport>>>;

/** The person's data, or null when the user no longer exists. */
export async function personalDataExport(userId: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      emailVerifiedAt: true,
      isPlatformAdmin: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!user) return null;

  const [
    memberships,
    sessions,
    verifications,
    limitCounters,
    invitationsReceived,
    invitationsSent,
    responses,
    clarifications,
    registrations,
    bookings,
    waitlistEntries,
    procurementContacts,
    messages,
    organizationClaims,
    verificationRequests,
  ] = await Promise.all([
    db.membership.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        role: true,
        createdAt: true,
        organization: {
          select: { id: true, name: true, kind: true, slug: true, departement: true, siret: true, siren: true },
        },
        // A relay member's choice of the edition notices and what was sent (the links' hashes left out).
        relayNoticeOptOut: { select: { createdAt: true } },
        relayNoticeDeliveries: {
          orderBy: { createdAt: "asc" },
          select: { editionId: true, createdAt: true, unsubscribedAt: true },
        },
      },
    }),
    db.session.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, expiresAt: true, userAgent: true, activeOrganizationId: true },
    }),
    db.verification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { purpose: true, createdAt: true, expiresAt: true, usedAt: true, attempts: true },
    }),
    // Counters keyed by the person's address or account (login tries, codes, requests for emails).
    db.rateLimit.findMany({
      where: { key: { in: [addressKey(user.email), idKey("user", user.id)] } },
      orderBy: { action: "asc" },
      select: { action: true, count: true, resetAt: true },
    }),
    db.invitation.findMany({
      where: { email: user.email },
      orderBy: { createdAt: "asc" },
      select: {
        role: true,
        createdAt: true,
        expiresAt: true,
        acceptedAt: true,
        organization: { select: { id: true, name: true } },
      },
    }),
    db.invitation.findMany({
      where: { invitedById: userId },
      orderBy: { createdAt: "asc" },
      select: {
        email: true,
        role: true,
        createdAt: true,
        expiresAt: true,
        acceptedAt: true,
        organization: { select: { id: true, name: true } },
      },
    }),
    // A response belongs to the supplier organisation; it is listed here when this person saved it last.
    db.questionnaireResponse.findMany({
      where: { updatedById: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        status: true,
        answers: true,
        answersHash: true,
        submittedAt: true,
        createdAt: true,
        updatedAt: true,
        supplierOrganization: { select: { id: true, name: true } },
        questionnaire: { select: { id: true, title: true } },
        version: { select: { number: true } },
      },
    }),
    db.clarification.findMany({
      where: { askedById: userId },
      orderBy: { askedAt: "asc" },
      select: {
        id: true,
        question: true,
        askedAt: true,
        askedByOrganizationId: true,
        publishedQuestion: true,
        answer: true,
        publishedAt: true,
        questionnaire: { select: { id: true, title: true } },
      },
    }),
    db.registration.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        organizationId: true,
        email: true,
        status: true,
        waitingPosition: true,
        attendance: true,
        createdAt: true,
        promotedAt: true,
        cancelledAt: true,
        event: { select: { id: true, title: true, startsAt: true, endsAt: true } },
      },
    }),
    db.booking.findMany({
      where: { bookedById: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        source: true,
        attendance: true,
        createdAt: true,
        supplierOrganization: { select: { id: true, name: true } },
        slot: {
          select: {
            startsAt: true,
            endsAt: true,
            stand: { select: { name: true, event: { select: { id: true, title: true } } } },
          },
        },
      },
    }),
    db.standWaitlistEntry.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        supplierOrganizationId: true,
        position: true,
        createdAt: true,
        stand: { select: { name: true, event: { select: { id: true, title: true } } } },
      },
    }),
    // The buyer publishes the contact of a planned procurement with its plan.
    db.plannedProcurement.findMany({
      where: { contactEmail: user.email },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, contactName: true, contactEmail: true, organizationId: true, status: true },
    }),
    db.outboxMessage.findMany({ where: { to: user.email }, orderBy: { createdAt: "asc" } }),
    // Requests to join an organisation already registered, with what the person wrote.
    db.organizationClaim.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        message: true,
        status: true,
        createdAt: true,
        decidedAt: true,
        refusalReason: true,
        organization: { select: { id: true, name: true } },
      },
    }),
    // Organisations this person registered as a buyer or a relay, and the platform's verification.
    db.organization.findMany({
      where: { verificationRequestedById: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        kind: true,
        createdAt: true,
        verificationStatus: true,
        verificationDecidedAt: true,
        verificationRefusalReason: true,
        verificationNote: true,
      },
    }),
  ]);

  // The person's alerts and what was sent for them (the links' hashes are left out, as every secret's).
  const alerts = await db.supplierAlert.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: {
      deliveries: {
        orderBy: { createdAt: "asc" },
        select: { deliveryKey: true, itemCount: true, createdAt: true, unsubscribedAt: true },
      },
    },
  });

  // Records about the person's own registrations, bookings and claims (a promotion, attendance, an
  // answer to a claim) name them by id even when someone else acted; responses and questions
  // belong to the organisation.
  const ledgerRecords = await ledgerRecordsNaming(userId, user.email, [
    ...registrations.map((registration) => registration.id),
    ...bookings.map((booking) => booking.id),
    ...organizationClaims.map((claim) => claim.id),
  ]);

  return {
    format: "amont-donnees-personnelles/1",
    generatedAt: now.toISOString(),
    about:
      "Toutes les données qu'Amont conserve sur vous. Les mots de passe, jetons et codes n'y figurent pas : seule leur empreinte est enregistrée, et elle ne sert qu'à les vérifier.",
    user,
    memberships: memberships.map((membership) => ({
      role: membership.role,
      since: membership.createdAt,
      organization: membership.organization,
      ...(membership.organization.kind === "relay"
        ? {
            editionNotices: {
              stoppedAt: membership.relayNoticeOptOut?.createdAt ?? null,
              sent: membership.relayNoticeDeliveries,
            },
          }
        : {}),
    })),
    sessions,
    verifications,
    abuseLimitCounters: limitCounters.map((counter) => ({
      action: counter.action,
      count: counter.count,
      until: counter.resetAt,
    })),
    invitationsReceived,
    invitationsSent,
    questionnaireResponses: responses.map(({ version, answers, ...response }) => ({
      ...response,
      versionNumber: version.number,
      answers: parseJson(answers),
    })),
    clarificationsAsked: clarifications,
    registrations,
    bookings,
    standWaitingLists: waitlistEntries,
    procurementContacts,
    organizationClaims,
    verificationRequests,
    alerts: alerts.map((alert) => ({
      id: alert.id,
      organizationId: alert.organizationId,
      name: alert.name,
      frequency: alert.frequency,
      emptyWeek: alert.emptyWeek,
      criteria: criteriaOfRow(alert),
      unsubscribedAt: alert.unsubscribedAt,
      createdAt: alert.createdAt,
      updatedAt: alert.updatedAt,
      sent: alert.deliveries,
    })),
    ledgerRecords,
    emails: messages.map((message) => {
      const envelope = {
        template: message.template,
        to: message.to,
        status: message.status,
        createdAt: message.createdAt,
        sentAt: message.sentAt,
      };
      // Marked when it was queued (secretProps in app/mail/render.server.ts).
      if (message.carriesSecret) {
        return {
          ...envelope,
          note: "Contenu non reproduit : ce message contenait un code ou un lien à usage unique.",
        };
      }
      return {
        ...envelope,
        subject: message.subject,
        text: message.text,
        attachments: parseAttachmentNames(message.attachments),
      };
    }),
  };
}

function parseAttachmentNames(stored: string): string[] {
  const parsed = parseJson(stored);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((attachment: unknown) =>
    attachment && typeof attachment === "object" && "filename" in attachment && typeof attachment.filename === "string"
      ? [attachment.filename]
      : [],
  );
}

/** The downloaded file's name: amont-mes-donnees-2026-12-07.json */
export function personalDataFilename(now = new Date()): string {
  return `amont-mes-donnees-${now.toISOString().slice(0, 10)}.json`;
}
