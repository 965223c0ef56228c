// Inviting suppliers to answer: by email address or from the supplier directory. Every invitation
// carries the same message (rendered once) and is recorded on the ledger in the same transaction.
// An invitation only points to the public questionnaire: it gives no advantage.
import { formatDateFr } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { questionnaireUrl, type Actor, type BuyerOrganization } from "./questionnaires.server";

export interface DirectoryFilters {
  cpvDivision?: string;
  departement?: string;
  size?: string;
  essStatus?: string;
}

/**
 * Supplier organisations matching the filters. Organisations carry no CPV code (their NAF code is
 * another nomenclature), so the CPV division filter keeps suppliers that have already submitted an
 * answer to a questionnaire about a procurement of that division: a fact, not a guess.
 */
export function supplierDirectory(filters: DirectoryFilters, limit = 50) {
  return db.organization.findMany({
    where: {
      kind: "supplier",
      ...(filters.departement ? { departement: filters.departement } : {}),
      ...(filters.size ? { size: filters.size } : {}),
      ...(filters.essStatus ? { essStatus: filters.essStatus } : {}),
      ...(filters.cpvDivision
        ? {
            sourcingResponses: {
              some: {
                status: "submitted",
                questionnaire: { plannedProcurement: { cpvCode: { startsWith: filters.cpvDivision } } },
              },
            },
          }
        : {}),
    },
    orderBy: { name: "asc" },
    take: limit,
    select: {
      id: true,
      name: true,
      departement: true,
      size: true,
      essStatus: true,
      memberships: {
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
        take: 1,
        select: { user: { select: { email: true } } },
      },
    },
  });
}

export function listInvitations(questionnaireId: string) {
  return db.questionnaireInvitation.findMany({ where: { questionnaireId }, orderBy: { createdAt: "desc" } });
}

export type InviteResult = { ok: true; invited: number; skipped: number } | { ok: false; message: string };

/**
 * Invites each address (and each directory organisation, through its first administrator's
 * address). Addresses already invited are skipped. Only a published questionnaire can be sent.
 */
export async function inviteSuppliers(
  actor: Actor,
  organization: BuyerOrganization,
  questionnaireId: string,
  input: { emails: string[]; organizationIds: string[] },
): Promise<InviteResult> {
  const questionnaire = await db.questionnaire.findFirst({
    where: { id: questionnaireId, organizationId: organization.id },
    select: {
      id: true,
      status: true,
      title: true,
      openUntil: true,
      closedEarlyAt: true,
      plannedProcurementId: true,
      plannedProcurement: { select: { title: true } },
    },
  });
  if (!questionnaire)
    return { ok: false, message: "Ce questionnaire n'existe pas, ou n'appartient pas à votre organisation." };
  if (questionnaire.status !== "published" || !questionnaire.openUntil)
    return { ok: false, message: "Publiez le questionnaire avant d'inviter des entreprises." };
  if (questionnaire.closedEarlyAt)
    return {
      ok: false,
      message: "Ce questionnaire est clos : il ne prend plus de réponses, personne ne peut plus y être invité.",
    };
  const directory = input.organizationIds.length
    ? await db.organization.findMany({
        where: { id: { in: input.organizationIds }, kind: "supplier" },
        select: {
          id: true,
          memberships: {
            orderBy: [{ role: "asc" }, { createdAt: "asc" }],
            take: 1,
            select: { user: { select: { email: true } } },
          },
        },
      })
    : [];
  if (directory.length !== new Set(input.organizationIds).size)
    return { ok: false, message: "Une des entreprises choisies n'existe pas dans l'annuaire. Rien n'a été envoyé." };
  const targets = new Map<string, string | null>();
  for (const email of input.emails) targets.set(email.trim().toLowerCase(), null);
  for (const supplier of directory) {
    const email = supplier.memberships[0]?.user.email;
    if (email) targets.set(email.toLowerCase(), supplier.id);
  }
  if (targets.size === 0)
    return { ok: false, message: "Indiquez au moins une adresse ou choisissez au moins une entreprise." };
  const email = await prepareEmail("sourcing-invitation", {
    buyerName: organization.name,
    questionnaireTitle: questionnaire.title,
    procurementTitle: questionnaire.plannedProcurement.title,
    deadline: formatDateFr(questionnaire.openUntil),
    questionnaireUrl: questionnaireUrl(questionnaireId),
  });
  return write(async (tx) => {
    const already = new Set(
      (
        await tx.questionnaireInvitation.findMany({
          where: { questionnaireId, email: { in: [...targets.keys()] } },
          select: { email: true },
        })
      ).map((row) => row.email),
    );
    let invited = 0;
    for (const [address, supplierOrganizationId] of [...targets].sort(([a], [b]) => a.localeCompare(b))) {
      if (already.has(address)) continue;
      const invitation = await tx.questionnaireInvitation.create({
        data: { questionnaireId, email: address, supplierOrganizationId, invitedById: actor.id },
      });
      await queueEmail(tx, address, email);
      await appendExchange(tx, {
        kind: "sourcing.invitation_sent",
        actor: { userId: actor.id, label: actor.name },
        organizationIds: [organization.id, ...(supplierOrganizationId ? [supplierOrganizationId] : [])],
        plannedProcurementId: questionnaire.plannedProcurementId,
        summary: `${actor.name} a invité ${address} à répondre au questionnaire « ${questionnaire.title} » (message identique pour toutes les entreprises invitées).`,
        payload: {
          questionnaireId,
          invitationId: invitation.id,
          email: address,
          supplierOrganizationId,
          subject: email.subject,
        },
      });
      invited++;
    }
    return { ok: true, invited, skipped: targets.size - invited };
  });
}
