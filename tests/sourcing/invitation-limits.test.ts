// Inviting many suppliers: capped per post and per day, queued by the post and sent by the job
// worker in small batches (so that one post never holds the writer for long), once per address.
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS, MAX_INVITATIONS_PER_REQUEST } from "~/auth/limits";
import { invalidateCalendarCache } from "~/calendar/calendar.server";
import { db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { closeQuestionnaireEarly } from "~/sourcing/closing.server";
import { INVITATIONS_PER_JOB, inviteSuppliers, SOURCING_INVITATIONS_JOB } from "~/sourcing/invitations.server";
import { sendQueuedInvitations } from "../support/invitations";
import { must } from "../support/must";
import { publishedQuestionnaire } from "./fixtures";

const here = { ip: "10.0.0.1" };
const addresses = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, "0")}@exemple.fr`);

beforeAll(() => invalidateCalendarCache());

describe("bulk sourcing invitations", () => {
  it("queues the invitations; the worker sends them in batches, each with its message and ledger record", async () => {
    const setup = await publishedQuestionnaire();
    const emails = addresses("lot", 25);
    const result = must(
      await inviteSuppliers(
        setup.buyer.actor,
        setup.organization,
        setup.questionnaireId,
        { emails, organizationIds: [] },
        here,
      ),
    );
    expect(result).toEqual({ ok: true, queued: 25, skipped: 0 });
    // Nothing sent yet: the post only queued.
    expect(await db.questionnaireInvitation.count({ where: { questionnaireId: setup.questionnaireId } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { template: "sourcing-invitation" } })).toBe(0);
    const jobs = await db.job.findMany({ where: { kind: SOURCING_INVITATIONS_JOB, status: "pending" } });
    expect(jobs).toHaveLength(Math.ceil(25 / INVITATIONS_PER_JOB));

    expect((await sendQueuedInvitations()).done).toBe(jobs.length);
    const mails = await db.outboxMessage.findMany({ where: { template: "sourcing-invitation", to: { in: emails } } });
    expect(mails.map((mail) => mail.to).sort()).toEqual(emails);
    expect(new Set(mails.map((mail) => mail.html)).size).toBe(1);
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.invitation_sent", plannedProcurementId: setup.procurementId },
      }),
    ).toBe(25);
    expect(await verifyLedger()).toMatchObject({ ok: true });
  });

  it("sends one invitation per address even when the same list is posted twice before the worker runs", async () => {
    const setup = await publishedQuestionnaire();
    const emails = ["double@exemple.fr", "doublon@exemple.fr"];
    for (let i = 0; i < 2; i++)
      must(
        await inviteSuppliers(
          setup.buyer.actor,
          setup.organization,
          setup.questionnaireId,
          { emails, organizationIds: [] },
          here,
        ),
      );
    await sendQueuedInvitations();
    expect(await db.outboxMessage.count({ where: { template: "sourcing-invitation", to: { in: emails } } })).toBe(2);
    expect(await db.questionnaireInvitation.count({ where: { questionnaireId: setup.questionnaireId } })).toBe(2);
  });

  it(`refuses more than ${MAX_INVITATIONS_PER_REQUEST} addresses in one post, and queues nothing`, async () => {
    const setup = await publishedQuestionnaire();
    const result = await inviteSuppliers(
      setup.buyer.actor,
      setup.organization,
      setup.questionnaireId,
      { emails: addresses("trop", MAX_INVITATIONS_PER_REQUEST + 1), organizationIds: [] },
      here,
    );
    expect(result).toEqual({
      ok: false,
      message: `Au plus ${MAX_INVITATIONS_PER_REQUEST} adresses par envoi : vous en avez indiqué ${MAX_INVITATIONS_PER_REQUEST + 1}. Rien n'a été envoyé ; invitez-les en plusieurs fois.`,
    });
    expect(await db.job.count({ where: { kind: SOURCING_INVITATIONS_JOB, status: "pending" } })).toBe(0);
  });

  it("caps an organisation's invitations per day, says how many are left and when to retry", async () => {
    const setup = await publishedQuestionnaire();
    const start = new Date();
    const post = (emails: string[], hours: number) =>
      inviteSuppliers(
        setup.buyer.actor,
        setup.organization,
        setup.questionnaireId,
        { emails, organizationIds: [] },
        { ip: `10.2.0.${hours}`, now: new Date(start.getTime() + hours * 3_600_000) },
      );
    const daily = LIMITS.sourcingInvitePerOrganization.limit;
    for (let batch = 0; batch * MAX_INVITATIONS_PER_REQUEST < daily - 10; batch++)
      must(
        await post(
          addresses(
            `jour${batch}-`,
            Math.min(MAX_INVITATIONS_PER_REQUEST, daily - 10 - batch * MAX_INVITATIONS_PER_REQUEST),
          ),
          0,
        ),
      );
    const refused = await post(addresses("depasse", 11), 5);
    expect(refused).toEqual({
      ok: false,
      message: `Limite de ${daily} invitations par 24 heures atteinte pour votre organisation : rien n'a été envoyé. Il en reste 10 : invitez moins d'entreprises, ou patientez. Réessayez dans 19 heures.`,
      retryAfterSeconds: 19 * 3600,
    });
    must(await post(addresses("depasse", 10), 5));
    expect(await post(["encore@exemple.fr"], 23)).toMatchObject({ ok: false });
    // A new window the next day.
    expect(await post(["lendemain@exemple.fr"], 24)).toMatchObject({ ok: true, queued: 1 });
  });

  it("sends nothing more once the questionnaire is closed", async () => {
    const setup = await publishedQuestionnaire();
    must(
      await inviteSuppliers(
        setup.buyer.actor,
        setup.organization,
        setup.questionnaireId,
        { emails: ["tardive@exemple.fr"], organizationIds: [] },
        here,
      ),
    );
    must(
      await closeQuestionnaireEarly(
        setup.buyer.actor,
        setup.organization,
        setup.questionnaireId,
        "Le projet est reporté à l'année prochaine, nous vous consulterons de nouveau.",
      ),
    );
    await sendQueuedInvitations();
    expect(await db.outboxMessage.count({ where: { template: "sourcing-invitation", to: "tardive@exemple.fr" } })).toBe(
      0,
    );
  });
});
