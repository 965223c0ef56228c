// Demo alerts (issue 16): three supplier members save alerts through the domain (createAlert), one
// immediate and two weekly, then the alert jobs the demo's publications scheduled are run, as the
// server's worker would within seconds: the demo outbox starts with the immediate alert emails and
// the relays' notices of the demo editions, and the weekly digests leave on the first Monday after
// the server starts.
import { createAlert } from "../app/alerts/alerts.server";
import { IMMEDIATE_ALERTS_JOB, sendImmediateAlerts } from "../app/alerts/delivery.server";
import { RELAY_EDITION_NOTICE_JOB, sendRelayEditionNotice } from "../app/relay/edition-notices.server";
import { alertSchema } from "../app/alerts/schema";
import { db } from "../app/db/db.server";
import { runDueJobs } from "../app/jobs/worker.server";

export interface DemoAlertsSummary {
  alerts: number;
  immediateMessages: number;
}

const DEMO_ALERTS = [
  {
    email: "fournisseur@amont.test",
    organizationSlug: "menuiserie-perrin",
    fields: {
      name: "Menuiserie et rénovation en Auvergne-Rhône-Alpes",
      frequency: "weekly",
      emptyWeek: "short-message",
      cpvDivisions: "45, 39",
      regions: ["84"],
      keywords: "menuiserie, fenêtres, rénovation, mobilier",
    },
  },
  {
    email: "ess@amont.test",
    organizationSlug: "jardins-de-la-confluence",
    fields: {
      name: "Espaces verts réservés à l'insertion",
      frequency: "immediate",
      cpvDivisions: "77",
      departements: "69, 01",
      conditions: ["reserve"],
    },
  },
  {
    email: "marches@table-de-somme.test",
    organizationSlug: "table-de-somme",
    fields: {
      name: "Restauration collective dans la Somme",
      frequency: "weekly",
      emptyWeek: "nothing",
      cpvDivisions: "55, 15",
      departements: "80",
    },
  },
] as const;

export async function seedDemoAlerts(): Promise<DemoAlertsSummary> {
  for (const alert of DEMO_ALERTS) {
    const [user, organization] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { email: alert.email }, select: { id: true } }),
      db.organization.findUniqueOrThrow({ where: { slug: alert.organizationSlug }, select: { id: true } }),
    ]);
    const created = await createAlert(
      { userId: user.id, organizationId: organization.id },
      alertSchema.parse(alert.fields),
    );
    if (!created.ok) throw new Error(`Demo alert "${alert.fields.name}": ${created.message}`);
  }
  // And the relays told of the editions of the buyers they follow.
  await runDueJobs(
    { [IMMEDIATE_ALERTS_JOB]: sendImmediateAlerts, [RELAY_EDITION_NOTICE_JOB]: sendRelayEditionNotice },
    { workerId: "seed", kinds: [IMMEDIATE_ALERTS_JOB, RELAY_EDITION_NOTICE_JOB], limit: 100 },
  );
  return {
    alerts: DEMO_ALERTS.length,
    immediateMessages: await db.outboxMessage.count({ where: { template: "alert-immediate" } }),
  };
}
