// Sending alerts: two kinds of jobs in the durable queue (app/jobs, decision 0010).
//
// - alerts.immediate: scheduled in the transaction that publishes an edition, a questionnaire's
//   first version or an event; sends one email per immediate alert that the publication matches.
// - alerts.weekly_digest: one job per ISO week, due the next Monday at 07:00 (Paris); sends each
//   weekly alert the new or changed planned procurements, questionnaires and events of the week
//   that match it, or the short "nothing new" message when its owner asked for it. When done, it
//   schedules the next week's job in the same transaction; the server also makes sure, at every
//   start, that the current week's job exists (a restart never loses the schedule).
//
// Exactly once: every message is written with its AlertDelivery row (unique per alert and week or
// publication) in the same transaction. Alerts are read in pages and their messages rendered
// outside any transaction, then committed ALERTS_PER_TRANSACTION at a time, each batch checking
// that this worker still holds the job (holdJob) and skipping alerts already served: a job run twice,
// taken over after its worker died, or resumed after a crash half-way sends each message once, and
// the writer is never held for more than one small batch.
import { z } from "zod";
import { db, write } from "~/db/db.server";
import { holdJob, RescheduleJob, schedule, type ClaimedJob, type JobHandler } from "~/jobs/queue.server";
import { prepareEmailWithBlanks, queueEmails, type RenderedEmail } from "~/mail/outbox.server";
import type { WriteTransaction } from "~/db/db.server";
import { semesterLabel } from "~/plan/vocabulary";
import { newUnsubscribeToken, UNSUBSCRIBE_LINK_RETENTION_MS, unsubscribeHeaders } from "~/mail/unsubscribe.server";
import { alertsPageUrl, unsubscribeUrl } from "./alerts.server";
import {
  editionChanges,
  eventsPublishedBetween,
  openQuestionnaire,
  procurementChangesBetween,
  questionnairesPublishedBetween,
  upcomingEvent,
  type EventMatchable,
  type Matchable,
  type ProcurementMatchable,
  type QuestionnaireMatchable,
} from "./items.server";
import { yieldToEventLoop } from "./event-loop.server";
import { indexItems, matchingItems, type ItemIndex } from "./matching";
import { criteriaOfRow, type Frequency } from "./schema";
import { currentWeekKey, digestWeek, nextWeekKey, weekLabel } from "./weeks";

/** French typography in subjects: a no-break space inside « ». */
const NBSP = "\u00a0";

export const IMMEDIATE_ALERTS_JOB = "alerts.immediate";
export const WEEKLY_DIGEST_JOB = "alerts.weekly_digest";

/**
 * Messages committed per transaction (each: a delivery row and an outbox message, written by one
 * statement per table: 50 rows of the outbox's 15 columns stay under SQLite's 999 parameters).
 */
export const ALERTS_PER_TRANSACTION = 50;
/** Alerts read from the database at a time (their ids are then one query's parameters: SQLite takes 999). */
const ALERTS_PER_PAGE = 500;
/** Items listed in one message; the others are counted ("et 12 autres"). */
export const MAX_ITEMS_PER_MESSAGE = 20;

export type AlertSource = { kind: "edition" | "questionnaire" | "event"; id: string };

const sourceSchema = z.object({ kind: z.enum(["edition", "questionnaire", "event"]), id: z.string().min(1) });
const weekSchema = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/) });

/** In the publishing transaction: the immediate alerts of this publication will be sent (once). */
export function scheduleImmediateAlerts(tx: WriteTransaction, source: AlertSource, now: Date) {
  return schedule(tx, {
    kind: IMMEDIATE_ALERTS_JOB,
    dedupeKey: `${IMMEDIATE_ALERTS_JOB}:${source.kind}:${source.id}`,
    runAt: now,
    payload: source,
  });
}

function scheduleWeeklyDigest(tx: WriteTransaction, weekKey: string) {
  const week = digestWeek(weekKey);
  if (!week) throw new Error(`Not an ISO week: ${weekKey}`);
  return schedule(tx, {
    kind: WEEKLY_DIGEST_JOB,
    dedupeKey: `${WEEKLY_DIGEST_JOB}:${weekKey}`,
    runAt: week.sendAt,
    payload: { week: weekKey },
  });
}

/**
 * Makes sure the digest of the current week is scheduled (idempotent: the job's key is the week).
 * Called at every server start; each digest also schedules the next one when it completes.
 */
export async function ensureWeeklyDigestScheduled(now = new Date()): Promise<void> {
  const weekKey = currentWeekKey(now);
  const existing = await db.job.findUnique({ where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${weekKey}` } });
  if (!existing) await write((tx) => scheduleWeeklyDigest(tx, weekKey));
}

// ---- composing and committing, shared by both kinds ------------------------------------------------------

/** What an alert gets: a rendered message for its owner, with the hash of its unsubscribe link. */
interface Outgoing {
  alertId: string;
  to: string;
  itemCount: number;
  unsubscribeTokenHash: string;
  email: RenderedEmail;
}

interface AlertToServe {
  id: string;
  name: string;
  emptyWeek: string;
  email: string;
}

type Compose = (alert: AlertToServe, matches: Matchable[]) => Promise<Outgoing | null>;

/** Procurements by date, then questionnaires, then events; at most MAX_ITEMS_PER_MESSAGE, the rest counted. */
export function itemsForMessage(matches: readonly Matchable[]) {
  const procurements = matches.filter((item): item is ProcurementMatchable => item.kind === "procurement");
  const questionnaires = matches.filter((item): item is QuestionnaireMatchable => item.kind === "questionnaire");
  const events = matches.filter((item): item is EventMatchable => item.kind === "event");
  let room = MAX_ITEMS_PER_MESSAGE;
  const take = <T>(list: readonly T[]) => {
    const taken = list.slice(0, Math.max(0, room));
    room -= taken.length;
    return taken;
  };
  const listed = { procurements: take(procurements), questionnaires: take(questionnaires), events: take(events) };
  const moreCount = matches.length - (MAX_ITEMS_PER_MESSAGE - room);
  return {
    /** What the message lists: two alerts with the same key get the same words but for their blanks. */
    key: JSON.stringify(
      [...listed.procurements, ...listed.questionnaires, ...listed.events]
        .map((item) => item.key)
        .concat(String(moreCount)),
    ),
    props: {
      procurements: listed.procurements.map((item) => item.email),
      questionnaires: listed.questionnaires.map((item) => item.email),
      events: listed.events.map((item) => item.email),
      moreCount,
    },
  };
}

type Filler = Awaited<
  ReturnType<typeof prepareEmailWithBlanks<"alert-digest" | "alert-immediate", "alertName" | "unsubscribeUrl">>
>;

/**
 * Within one run, a message is rendered once per distinct content (many alerts list the same items,
 * or have nothing new) and filled in with each alert's name and unsubscribe link: byte for byte the
 * same as rendering each one (prepareEmailWithBlanks), at a fraction of the cost. Bounded in size.
 */
function renderingCache() {
  const entries = new Map<string, Filler>();
  const cache = {
    /** Distinct contents rendered so far. */
    rendered: 0,
    async get(key: string, make: () => Promise<Filler>): Promise<Filler> {
      let filler = entries.get(key);
      if (!filler) {
        // A rendered message is some 20 kB: a few hundred keep memory small under the server's 128 MB heap.
        if (entries.size >= 300) entries.clear();
        filler = await make();
        entries.set(key, filler);
        cache.rendered++;
      }
      return filler;
    },
  };
  return cache;
}

/** An alert's name as a message shows it (one space between words: see prepareEmailWithBlanks). */
function nameInMessage(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** One alert's message: the rendered content filled in with its name and a new one-click unsubscribe link. */
function alertEmail(alert: { id: string; email: string; name: string }, itemCount: number, fill: Filler) {
  const { token, tokenHash } = newUnsubscribeToken();
  const url = unsubscribeUrl(token);
  return {
    alertId: alert.id,
    to: alert.email,
    itemCount,
    unsubscribeTokenHash: tokenHash,
    email: fill({ alertName: nameInMessage(alert.name), unsubscribeUrl: url }, { headers: unsubscribeHeaders(url) }),
  };
}

export interface DeliveryReport {
  alerts: number;
  messages: number;
  /** Alerts served by an earlier run of the same job (skipped). */
  alreadyServed: number;
}

/** Writes a batch: each message with its delivery row, unless the alert was served or stopped meanwhile. */
async function commitBatch(
  job: ClaimedJob,
  now: Date,
  frequency: Frequency,
  deliveryKey: string,
  batch: readonly Outgoing[],
): Promise<number> {
  if (batch.length === 0) return 0;
  return write(async (tx) => {
    await holdJob(tx, job, new Date(Math.max(now.getTime(), Date.now())));
    const ids = batch.map((outgoing) => outgoing.alertId);
    const [live, served] = await Promise.all([
      tx.supplierAlert.findMany({
        where: { id: { in: ids }, frequency, unsubscribedAt: null },
        select: { id: true },
      }),
      tx.alertDelivery.findMany({ where: { deliveryKey, alertId: { in: ids } }, select: { alertId: true } }),
    ]);
    const liveIds = new Set(live.map((row) => row.id));
    const servedIds = new Set(served.map((row) => row.alertId));
    const sending = batch.filter((outgoing) => liveIds.has(outgoing.alertId) && !servedIds.has(outgoing.alertId));
    if (sending.length === 0) return 0;
    // Two statements for the whole batch: the writer is held for as little as possible.
    await tx.alertDelivery.createMany({
      data: sending.map((outgoing) => ({
        alertId: outgoing.alertId,
        deliveryKey,
        itemCount: outgoing.itemCount,
        unsubscribeTokenHash: outgoing.unsubscribeTokenHash,
      })),
    });
    await queueEmails(
      tx,
      sending.map((outgoing) => ({ to: outgoing.to, email: outgoing.email })),
    );
    return sending.length;
  });
}

/**
 * Longest stretch of matching and rendering before the event loop gets a turn: they never wait on
 * I/O, so without it a page of alerts would hold every request until it is done.
 */
const MAX_BUSY_MS = 10;

/** Goes through every active alert of the frequency, page by page, and sends what `compose` makes. */
async function deliverToAlerts(
  job: ClaimedJob,
  now: Date,
  plan: { frequency: Frequency; deliveryKey: string; items: ItemIndex<Matchable>; compose: Compose },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { alerts: 0, messages: 0, alreadyServed: 0 };
  let cursor: string | undefined;
  for (;;) {
    const page = await db.supplierAlert.findMany({
      where: { frequency: plan.frequency, unsubscribedAt: null, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: ALERTS_PER_PAGE,
      select: {
        id: true,
        name: true,
        emptyWeek: true,
        cpvDivisions: true,
        departements: true,
        regions: true,
        categories: true,
        reservedOnly: true,
        environmental: true,
        social: true,
        keywords: true,
        user: { select: { email: true } },
      },
    });
    if (page.length === 0) break;
    cursor = page[page.length - 1]!.id;
    report.alerts += page.length;
    const served = new Set(
      (
        await db.alertDelivery.findMany({
          where: { deliveryKey: plan.deliveryKey, alertId: { in: page.map((alert) => alert.id) } },
          select: { alertId: true },
        })
      ).map((row) => row.alertId),
    );
    let batch: Outgoing[] = [];
    let busySince = performance.now();
    for (const alert of page) {
      if (performance.now() - busySince > MAX_BUSY_MS) {
        await yieldToEventLoop();
        busySince = performance.now();
      }
      if (served.has(alert.id)) {
        report.alreadyServed++;
        continue;
      }
      const matches = matchingItems(plan.items, criteriaOfRow(alert));
      const outgoing = await plan.compose(
        { id: alert.id, name: alert.name, emptyWeek: alert.emptyWeek, email: alert.user.email },
        matches,
      );
      if (!outgoing) continue;
      batch.push(outgoing);
      if (batch.length >= ALERTS_PER_TRANSACTION) {
        report.messages += await commitBatch(job, now, plan.frequency, plan.deliveryKey, batch);
        batch = [];
      }
    }
    report.messages += await commitBatch(job, now, plan.frequency, plan.deliveryKey, batch);
  }
  return report;
}

// ---- immediate alerts --------------------------------------------------------------------------------------

async function publicationOf(source: AlertSource, now: Date): Promise<{ headline: string; items: Matchable[] } | null> {
  switch (source.kind) {
    case "edition": {
      const changes = await editionChanges(source.id);
      if (!changes) return null;
      const { edition, buyer } = changes;
      const semester = semesterLabel({ year: edition.year, half: edition.half === 2 ? 2 : 1 });
      return {
        headline: `${buyer.name} a publié sa programmation du ${semester} (édition n° ${edition.number})`,
        items: changes.items,
      };
    }
    case "questionnaire": {
      const questionnaire = await openQuestionnaire(source.id, now);
      if (!questionnaire) return null;
      return {
        headline: `${questionnaire.email.buyerName} a ouvert le questionnaire «${NBSP}${questionnaire.email.title}${NBSP}»`,
        items: [questionnaire],
      };
    }
    case "event": {
      const event = await upcomingEvent(source.id, now);
      if (!event) return null;
      return {
        headline: `${event.email.organizerName} a publié l'événement «${NBSP}${event.email.title}${NBSP}»`,
        items: [event],
      };
    }
  }
}

/** The job: one email per immediate alert that the publication matches (nothing when none does). */
export const sendImmediateAlerts: JobHandler = async (job, { now }) => {
  const parsed = sourceSchema.safeParse(job.payload);
  if (!parsed.success) throw new Error("Alertes immédiates : contenu de la tâche illisible.");
  const source = parsed.data;
  // A questionnaire closed or an event cancelled since: nothing to announce any more.
  const publication = await publicationOf(source, now);
  if (!publication || publication.items.length === 0) return;
  const { headline } = publication;
  const cache = renderingCache();
  const report = await deliverToAlerts(job, now, {
    frequency: "immediate",
    deliveryKey: `${source.kind}:${source.id}`,
    items: indexItems(publication.items),
    compose: async (alert, matches) => {
      if (matches.length === 0) return null;
      const listed = itemsForMessage(matches);
      const fill = await cache.get(listed.key, () =>
        prepareEmailWithBlanks("alert-immediate", { headline, alertsUrl: alertsPageUrl(), ...listed.props }, [
          "alertName",
          "unsubscribeUrl",
        ]),
      );
      return alertEmail(alert, matches.length, fill);
    },
  });
  if (report.messages > 0)
    console.log(`[alerts] ${source.kind} ${source.id}: ${report.messages} immediate alert message(s) queued`);
};

// ---- the weekly digest ----------------------------------------------------------------------------------------

/** The week's items: procurements added, moved or modified, questionnaires opened, events published. */
export async function weekItems(weekKey: string, now: Date): Promise<Matchable[]> {
  const week = digestWeek(weekKey);
  if (!week) throw new Error(`Not an ISO week: ${weekKey}`);
  const [procurements, questionnaires, events] = await Promise.all([
    procurementChangesBetween(week.from, week.to),
    questionnairesPublishedBetween(week.from, week.to, now),
    eventsPublishedBetween(week.from, week.to, now),
  ]);
  return [...procurements, ...questionnaires, ...events];
}

/** The job of one week: every weekly alert's digest, then the next week's job (restart-safe). */
export const sendWeeklyDigest: JobHandler = async (job, { now }) => {
  const parsed = weekSchema.safeParse(job.payload);
  const week = parsed.success ? digestWeek(parsed.data.week) : null;
  if (!week) throw new Error("Récapitulatif hebdomadaire : semaine illisible dans la tâche.");
  // Only once the week is over (a job moved by hand to an earlier moment waits).
  if (now.getTime() < week.to.getTime()) throw new RescheduleJob(week.sendAt, "La semaine n'est pas finie.");
  const startedAt = performance.now();
  const items = indexItems(await weekItems(week.key, now));
  const label = weekLabel(week);
  const cache = renderingCache();
  const report = await deliverToAlerts(job, now, {
    frequency: "weekly",
    deliveryKey: `week:${week.key}`,
    items,
    compose: async (alert, matches) => {
      if (matches.length === 0 && alert.emptyWeek !== "short-message") return null;
      const listed = itemsForMessage(matches);
      const fill = await cache.get(listed.key, () =>
        prepareEmailWithBlanks("alert-digest", { weekLabel: label, alertsUrl: alertsPageUrl(), ...listed.props }, [
          "alertName",
          "unsubscribeUrl",
        ]),
      );
      return alertEmail(alert, matches.length, fill);
    },
  });
  console.log(
    `[alerts] weekly digest ${week.key}: ${report.messages} message(s) for ${report.alerts} weekly alert(s) against ${items.all.length} item(s)` +
      `${report.alreadyServed ? `, ${report.alreadyServed} already served` : ""} (${cache.rendered} distinct contents rendered) in ${Math.round(performance.now() - startedAt)} ms`,
  );
  const next = nextWeekKey(week.key);
  return async (tx) => {
    await scheduleWeeklyDigest(tx, next);
    await tx.alertDelivery.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - UNSUBSCRIBE_LINK_RETENTION_MS) } },
    });
  };
};
