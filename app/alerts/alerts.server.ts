// A supplier member's alerts: saved, changed, deleted by their owner only; stopped by the one-click
// unsubscribe link of any alert email; and the personal iCal feed's secret link.
//
// An alert belongs to one person acting for one supplier organisation: another member of the same
// organisation does not see it (404, like a missing one). Alerts are private settings, not exchanges
// with a buyer: they do not go on the exchange ledger (docs/decisions/0026-supplier-alerts.md).
import { generateToken, hashOfWellFormedToken, hashToken } from "~/auth/tokens.server";
import { db, write } from "~/db/db.server";
import { requireOwned } from "~/organizations/owned.server";
import { env } from "~/env.server";
import type { AlertCriteria } from "./matching";
import {
  criteriaOf,
  criteriaOfRow,
  MAX_ALERTS_PER_USER,
  rowOfCriteria,
  type AlertFormValue,
  type EmptyWeekChoice,
  type Frequency,
} from "./schema";

export const ALERT_NOT_FOUND_MESSAGE = "Cette alerte n'existe pas, ou ce n'est pas la vôtre.";
const SUPPLIERS_ONLY_MESSAGE = "Les alertes sont réservées aux membres d'une entreprise.";

/** Who owns an alert: a user, acting for a supplier organisation. */
export interface AlertOwner {
  userId: string;
  organizationId: string;
}

export interface SupplierAlertView {
  id: string;
  name: string;
  frequency: Frequency;
  emptyWeek: EmptyWeekChoice;
  criteria: AlertCriteria;
  unsubscribedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type AlertRow = NonNullable<Awaited<ReturnType<typeof db.supplierAlert.findFirst>>>;

export function toAlertView(row: AlertRow): SupplierAlertView {
  return {
    id: row.id,
    name: row.name,
    frequency: row.frequency === "immediate" ? "immediate" : "weekly",
    emptyWeek: row.emptyWeek === "short-message" ? "short-message" : "nothing",
    criteria: criteriaOfRow(row),
    unsubscribedAt: row.unsubscribedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The owner's alerts, oldest first. */
export async function listAlerts(owner: AlertOwner): Promise<SupplierAlertView[]> {
  const rows = await db.supplierAlert.findMany({
    where: { userId: owner.userId, organizationId: owner.organizationId },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toAlertView);
}

/** The owner's alert, or a 404 with the same message as for a missing one. */
export async function requireOwnedAlert(owner: AlertOwner, id: string): Promise<SupplierAlertView> {
  const row = await requireOwned(
    owner.organizationId,
    (organizationId) => db.supplierAlert.findFirst({ where: { id, organizationId, userId: owner.userId } }),
    ALERT_NOT_FOUND_MESSAGE,
  );
  return toAlertView(row);
}

export type AlertSaveResult = { ok: true; id: string } | { ok: false; message: string; notFound?: boolean };

function columnsOf(value: AlertFormValue) {
  return {
    name: value.name,
    frequency: value.frequency,
    // Only a weekly digest can be empty; an immediate alert only ever writes when something matches.
    emptyWeek: value.frequency === "weekly" ? value.emptyWeek : "nothing",
    ...rowOfCriteria(criteriaOf(value)),
  };
}

/** Saves a new alert for the owner (a member of a supplier organisation), at most MAX_ALERTS_PER_USER. */
export async function createAlert(owner: AlertOwner, value: AlertFormValue): Promise<AlertSaveResult> {
  return write(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: owner.userId, organizationId: owner.organizationId } },
      select: { organization: { select: { kind: true } } },
    });
    if (!membership || membership.organization.kind !== "supplier")
      return { ok: false, message: SUPPLIERS_ONLY_MESSAGE };
    const count = await tx.supplierAlert.count({
      where: { userId: owner.userId, organizationId: owner.organizationId },
    });
    if (count >= MAX_ALERTS_PER_USER)
      return {
        ok: false,
        message: `Vous avez déjà ${MAX_ALERTS_PER_USER} alertes : modifiez ou supprimez-en une avant d'en créer une autre.`,
      };
    const created = await tx.supplierAlert.create({
      data: { userId: owner.userId, organizationId: owner.organizationId, ...columnsOf(value) },
      select: { id: true },
    });
    return { ok: true, id: created.id };
  });
}

/** Changes the owner's alert; saving it also turns it back on if an unsubscribe link had stopped it. */
export async function updateAlert(owner: AlertOwner, id: string, value: AlertFormValue): Promise<AlertSaveResult> {
  return write(async (tx) => {
    const { count } = await tx.supplierAlert.updateMany({
      where: { id, userId: owner.userId, organizationId: owner.organizationId },
      data: { ...columnsOf(value), unsubscribedAt: null },
    });
    if (count === 0) return { ok: false, message: ALERT_NOT_FOUND_MESSAGE, notFound: true };
    return { ok: true, id };
  });
}

/** Deletes the owner's alert (and, with it, its deliveries: their unsubscribe links stop working). */
export async function deleteAlert(owner: AlertOwner, id: string): Promise<boolean> {
  const { count } = await write((tx) =>
    tx.supplierAlert.deleteMany({ where: { id, userId: owner.userId, organizationId: owner.organizationId } }),
  );
  return count > 0;
}

/** Turns an alert stopped by an unsubscribe link back on. */
export async function resumeAlert(owner: AlertOwner, id: string): Promise<boolean> {
  const { count } = await write((tx) =>
    tx.supplierAlert.updateMany({
      where: { id, userId: owner.userId, organizationId: owner.organizationId },
      data: { unsubscribedAt: null },
    }),
  );
  return count > 0;
}

// ---- unsubscribe links ------------------------------------------------------------------------------

export function unsubscribeUrl(token: string): string {
  return `${env().appOrigin}/alertes/desabonnement/${token}`;
}

export function alertsPageUrl(): string {
  return `${env().appOrigin}/fournisseur/alertes`;
}

export type UnsubscribeLinkState =
  | { state: "invalid" }
  | { state: "ready"; alertName: string }
  | { state: "used"; alertName: string; usedAt: Date; stillStopped: boolean };

async function findDelivery(token: string) {
  const tokenHash = hashOfWellFormedToken(token);
  if (!tokenHash) return null;
  return db.alertDelivery.findUnique({
    where: { unsubscribeTokenHash: tokenHash },
    select: {
      id: true,
      unsubscribedAt: true,
      alert: { select: { id: true, name: true, unsubscribedAt: true } },
    },
  });
}

/** What an unsubscribe link would do, read only (a GET changes nothing, decision 0017). */
export async function checkUnsubscribeLink(token: string): Promise<UnsubscribeLinkState> {
  const delivery = await findDelivery(token);
  if (!delivery) return { state: "invalid" };
  if (delivery.unsubscribedAt)
    return {
      state: "used",
      alertName: delivery.alert.name,
      usedAt: delivery.unsubscribedAt,
      stillStopped: delivery.alert.unsubscribedAt !== null,
    };
  return { state: "ready", alertName: delivery.alert.name };
}

export type UnsubscribeOutcome =
  | { state: "invalid" }
  | { state: "done"; alertName: string }
  | { state: "used"; alertName: string; usedAt: Date; stillStopped: boolean };

/**
 * Uses an unsubscribe link: the alert stops sending and the link is spent, in one transaction. A
 * link works once: used again (a second click, a mail provider's retry) it changes nothing and says
 * when it was used; if its owner turned the alert back on since, it does not stop it again.
 */
export async function unsubscribe(token: string, now = new Date()): Promise<UnsubscribeOutcome> {
  const tokenHash = hashOfWellFormedToken(token);
  if (!tokenHash) return { state: "invalid" };
  return write(async (tx) => {
    const delivery = await tx.alertDelivery.findUnique({
      where: { unsubscribeTokenHash: tokenHash },
      select: { id: true, unsubscribedAt: true, alert: { select: { id: true, name: true, unsubscribedAt: true } } },
    });
    if (!delivery) return { state: "invalid" };
    if (delivery.unsubscribedAt)
      return {
        state: "used",
        alertName: delivery.alert.name,
        usedAt: delivery.unsubscribedAt,
        stillStopped: delivery.alert.unsubscribedAt !== null,
      };
    await tx.alertDelivery.update({ where: { id: delivery.id }, data: { unsubscribedAt: now } });
    await tx.supplierAlert.updateMany({
      where: { id: delivery.alert.id, unsubscribedAt: null },
      data: { unsubscribedAt: now },
    });
    return { state: "done", alertName: delivery.alert.name };
  });
}

// ---- the personal iCal feed's secret link ------------------------------------------------------------

export function alertFeedUrl(origin: string, token: string): string {
  return `${origin}/alertes/${token}.ics`;
}

export function alertFeedStatus(owner: AlertOwner) {
  return db.alertFeed.findUnique({
    where: { userId_organizationId: { userId: owner.userId, organizationId: owner.organizationId } },
    select: { createdAt: true },
  });
}

/** Creates or replaces the owner's feed link; returns its secret (shown once, only its hash is kept). */
export async function regenerateAlertFeedToken(
  owner: AlertOwner,
): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
  const token = generateToken();
  const tokenHash = hashToken(token);
  return write(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: owner.userId, organizationId: owner.organizationId } },
      select: { organization: { select: { kind: true } } },
    });
    if (!membership || membership.organization.kind !== "supplier")
      return { ok: false, message: SUPPLIERS_ONLY_MESSAGE };
    await tx.alertFeed.upsert({
      where: { userId_organizationId: { userId: owner.userId, organizationId: owner.organizationId } },
      create: { userId: owner.userId, organizationId: owner.organizationId, tokenHash },
      update: { tokenHash, createdAt: new Date() },
    });
    return { ok: true, token };
  });
}

/** The owner of a feed link, or null for an unknown or replaced one (nothing tells which). */
export async function alertFeedOwner(token: string): Promise<AlertOwner | null> {
  const tokenHash = hashOfWellFormedToken(token);
  if (!tokenHash) return null;
  return db.alertFeed.findUnique({
    where: { tokenHash },
    select: { userId: true, organizationId: true },
  });
}
