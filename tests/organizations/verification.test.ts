// Verified organisations: a buyer or relay created through the application waits for a platform
// admin; until approved it prepares drafts but every publishing path refuses, with the same French
// message and without writing anything. Decisions are emailed and recorded on the ledger.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { personalDataExport } from "~/auth/personal-data.server";
import { db, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { addStand, createEvent, publishEvent, updateEvent } from "~/meetings/events.server";
import { createOrganization } from "~/organizations/organizations.server";
import { organizationSchema } from "~/organizations/schemas";
import { VERIFICATION_PENDING_MESSAGE, VERIFICATION_REFUSED_MESSAGE } from "~/organizations/verification";
import {
  ALREADY_DECIDED_MESSAGE,
  decideVerification,
  mayPublish,
  requestVerificationAgain,
} from "~/organizations/verification.server";
import { previewEdition, publishEdition } from "~/plan/editions.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { getBuyerPublicPage } from "~/plan/public.server";
import { semesterOf } from "~/plan/vocabulary";
import {
  checkPublication,
  createQuestionnaire,
  publishQuestionnaire,
  saveDraftDetails,
} from "~/sourcing/questionnaires.server";
import { fairInput, standInput } from "../meetings/fair-fixtures";
import { createBuyer, input } from "../plan/fixtures";
import { CONTENT, OPEN_DEADLINE } from "../sourcing/fixtures";
import { openDayFrom } from "../support/days";
import { must } from "../support/must";
import { makeSiren } from "../support/siret";
import { freshRequest } from "../support/request-context";

/** The capability with a fresh client address (abuse limits are tested on their own). */
type Registration = Parameters<typeof createOrganization>;
const registerOrganization = (actor: Registration[0], input: Registration[1]) =>
  createOrganization(actor, input, freshRequest());

async function person(name: string, options: { isPlatformAdmin?: boolean } = {}) {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}-${randomUUID().slice(0, 6)}@exemple.fr`;
  return write((tx) =>
    tx.user.create({
      data: { name, email, passwordHash: "x", emailVerifiedAt: new Date(), isPlatformAdmin: options.isPlatformAdmin },
    }),
  );
}

const platformAdmin = await person("Camille Roux", { isPlatformAdmin: true });
const otherPlatformAdmin = await person("Paul Garnier", { isPlatformAdmin: true });
const admin = { id: platformAdmin.id, name: platformAdmin.name };

let sirenSeed = 500;
async function registerBuyer(name: string, founder?: { id: string; name: string; email: string }) {
  const user = founder ?? (await person(`Agent ${name}`));
  const result = must(
    await registerOrganization(
      user,
      organizationSchema.parse({
        kind: "buyer",
        name,
        siren: makeSiren(sirenSeed++),
        buyerKind: "commune",
        departement: "69",
      }),
    ),
  );
  const organization = { id: result.id, name, departement: "69" };
  return { user, actor: { id: user.id, name: user.name }, organization, status: result.verificationStatus };
}

const ledgerCount = () => db.ledgerRecord.count();

/** A buyer's draft of every kind of publication: a planned procurement, a questionnaire ready to publish, a fair with a stand. */
async function drafts(buyer: Awaited<ReturnType<typeof registerBuyer>>) {
  const expectedPublicationDate = openDayFrom(60);
  const procurement = must(
    await createPlannedProcurement(
      buyer.actor,
      buyer.organization,
      input({ expectedPublicationDate, responseDeadline: undefined }),
    ),
  );
  const questionnaire = must(
    await createQuestionnaire(buyer.actor, buyer.organization, {
      plannedProcurementId: procurement.id,
      title: "Toitures : connaître le marché",
      introduction: "Nous préparons la réfection d'une toiture.",
    }),
  );
  const details = must(
    await saveDraftDetails(buyer.organization, questionnaire.id, 0, {
      title: "Toitures : connaître le marché",
      introduction: "Nous préparons la réfection d'une toiture.",
      deadline: OPEN_DEADLINE,
    }),
  );
  await write((tx) =>
    tx.questionnaire.update({ where: { id: questionnaire.id }, data: { draftContent: JSON.stringify(CONTENT) } }),
  );
  const event = must(await createEvent(buyer.actor, buyer.organization, fairInput()));
  must(await addStand(buyer.actor, buyer.organization, event.id, standInput(buyer.organization.id)));
  return {
    semester: semesterOf(expectedPublicationDate),
    questionnaireId: questionnaire.id,
    revision: details.revision,
    eventId: event.id,
  };
}

describe("a buyer or a relay created through the application", () => {
  it("starts pending: its request is on the ledger and in every platform admin's mail; a supplier does not wait", async () => {
    const before = await ledgerCount();
    const buyer = await registerBuyer("Commune de Saint-Vérifié");
    expect(buyer.status).toBe("pending");
    const row = await db.organization.findUniqueOrThrow({ where: { id: buyer.organization.id } });
    expect(row).toMatchObject({ verificationStatus: "pending", verificationRequestedById: buyer.user.id });

    const records = await db.ledgerRecord.findMany({
      where: { sequence: { gt: before } },
      include: { parties: true },
    });
    expect(records.map((record) => record.kind)).toEqual(["organization.verification_requested"]);
    expect(records[0]!.parties.map((party) => party.organizationId)).toEqual([buyer.organization.id]);
    expect(records[0]!.summary).toContain("Commune de Saint-Vérifié");

    const mail = await db.outboxMessage.findMany({
      where: { template: "organization-verification-requested", text: { contains: "Saint-Vérifié" } },
    });
    expect(mail.map((message) => message.to).sort()).toEqual([platformAdmin.email, otherPlatformAdmin.email].sort());
    expect(mail[0]!.text).toContain(buyer.user.email);
    expect(mail[0]!.text).toContain("/admin/organisations");
    expect((await personalDataExport(buyer.user.id))?.verificationRequests).toEqual([
      expect.objectContaining({ id: buyer.organization.id, verificationStatus: "pending" }),
    ]);

    const relayFounder = await person("Sophie Lambert");
    const relay = must(
      await registerOrganization(
        relayFounder,
        organizationSchema.parse({
          kind: "relay",
          name: "CCI du Vérifié",
          relayKind: "cci",
          departement: "69",
          territory: ["69"],
        }),
      ),
    );
    expect(relay.verificationStatus).toBe("pending");

    const supplierFounder = await person("Julie Perrin");
    const supplier = must(
      await registerOrganization(
        supplierFounder,
        organizationSchema.parse({
          kind: "supplier",
          name: "Menuiserie Vérifiée",
          siret: "73282932000074",
          size: "TPE",
          essStatus: "none",
          departement: "69",
        }),
      ),
    );
    expect(supplier.verificationStatus).toBe("approved");
    expect(await mayPublish(db, supplier.id)).toEqual({ ok: true });
  });

  it("prepares drafts but publishes nothing until approved: each publishing path refuses and writes nothing", async () => {
    const buyer = await registerBuyer("Commune de Brouillonville");
    const draft = await drafts(buyer);
    const before = await ledgerCount();

    // The plan: the page shows why, and publishing is refused.
    expect((await previewEdition(buyer.organization.id, draft.semester))?.blocker).toBe(VERIFICATION_PENDING_MESSAGE);
    expect(await publishEdition(buyer.actor, buyer.organization.id, draft.semester)).toEqual({
      ok: false,
      message: VERIFICATION_PENDING_MESSAGE,
    });
    expect(await db.planEdition.count({ where: { organizationId: buyer.organization.id } })).toBe(0);

    // The questionnaire: the builder lists it among the problems, and publishing is refused.
    const questionnaire = await db.questionnaire.findUniqueOrThrow({ where: { id: draft.questionnaireId } });
    expect((await checkPublication(buyer.organization, questionnaire)).problems).toContain(
      VERIFICATION_PENDING_MESSAGE,
    );
    const refusedQuestionnaire = await publishQuestionnaire(buyer.actor, buyer.organization, draft.questionnaireId, {
      revision: draft.revision,
    });
    expect(refusedQuestionnaire).toMatchObject({ ok: false });
    expect(!refusedQuestionnaire.ok && refusedQuestionnaire.message).toContain(VERIFICATION_PENDING_MESSAGE);
    expect(await db.questionnaireVersion.count({ where: { questionnaireId: draft.questionnaireId } })).toBe(0);

    // The fair.
    expect(await publishEvent(buyer.actor, buyer.organization, draft.eventId)).toEqual({
      ok: false,
      message: VERIFICATION_PENDING_MESSAGE,
    });
    expect((await db.event.findUniqueOrThrow({ where: { id: draft.eventId } })).status).toBe("draft");

    expect(await ledgerCount()).toBe(before);
    expect(
      await getBuyerPublicPage(
        (await db.organization.findUniqueOrThrow({ where: { id: buyer.organization.id } })).slug,
      ),
    ).toBeNull();
  });

  it("is approved by a platform admin: its admins are told, the ledger records it, and every path publishes", async () => {
    const buyer = await registerBuyer("Commune de Validée-sur-Saône");
    const draft = await drafts(buyer);
    const colleague = await person("Léa Collègue");
    await write((tx) =>
      tx.membership.create({ data: { userId: colleague.id, organizationId: buyer.organization.id, role: "member" } }),
    );

    expect(await decideVerification(admin, buyer.organization.id, { approve: true })).toEqual({
      ok: true,
      organizationName: "Commune de Validée-sur-Saône",
    });
    const row = await db.organization.findUniqueOrThrow({ where: { id: buyer.organization.id } });
    expect(row).toMatchObject({ verificationStatus: "approved", verificationDecidedById: platformAdmin.id });
    expect(row.verificationDecidedAt).toBeInstanceOf(Date);

    // Only the organisation's admins get the decision (not the plain member).
    const mail = await db.outboxMessage.findMany({ where: { template: "organization-verification-decided" } });
    const forThisOne = mail.filter((message) => message.subject.includes("Validée-sur-Saône"));
    expect(forThisOne.map((message) => message.to)).toEqual([buyer.user.email]);
    expect(forThisOne[0]!.subject).toContain("vous pouvez publier");

    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "organization.verification_approved" },
      include: { parties: true },
      orderBy: { sequence: "desc" },
    });
    expect(record.actorUserId).toBe(platformAdmin.id);
    expect(record.parties.map((party) => party.organizationId)).toEqual([buyer.organization.id]);

    // A second decision (another admin, a double click) changes nothing.
    expect(
      await decideVerification(admin, buyer.organization.id, { approve: false, reason: "Trop tard pour refuser." }),
    ).toEqual({
      ok: false,
      message: ALREADY_DECIDED_MESSAGE,
    });

    must(await publishEdition(buyer.actor, buyer.organization.id, draft.semester));
    const questionnaire = await publishQuestionnaire(buyer.actor, buyer.organization, draft.questionnaireId, {
      revision: draft.revision,
    });
    must(questionnaire);
    must(await publishEvent(buyer.actor, buyer.organization, draft.eventId));
    expect(await getBuyerPublicPage(row.slug)).not.toBeNull();
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("is refused with a reason: the reason is emailed and recorded, and it still publishes nothing", async () => {
    const buyer = await registerBuyer("Commune de Refusée-les-Bains");
    const draft = await drafts(buyer);
    const reason = "Nous n'avons pas pu confirmer auprès de la mairie que vous agissez pour la commune.";

    must(await decideVerification(admin, buyer.organization.id, { approve: false, reason }));
    expect(await db.organization.findUniqueOrThrow({ where: { id: buyer.organization.id } })).toMatchObject({
      verificationStatus: "refused",
      verificationRefusalReason: reason,
    });
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { template: "organization-verification-decided", to: buyer.user.email },
    });
    expect(mail.subject).toContain("vérification refusée");
    expect(mail.text).toContain(reason);
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "organization.verification_refused" },
      orderBy: { sequence: "desc" },
    });
    expect(record.summary).toContain(reason);
    expect(JSON.parse(record.payload)).toMatchObject({ decision: "refused", reason });

    expect(await publishEdition(buyer.actor, buyer.organization.id, draft.semester)).toEqual({
      ok: false,
      message: VERIFICATION_REFUSED_MESSAGE,
    });
    expect(await publishEvent(buyer.actor, buyer.organization, draft.eventId)).toEqual({
      ok: false,
      message: VERIFICATION_REFUSED_MESSAGE,
    });
  });

  it("after a refusal, one of its admins asks again with a note: pending again, on the ledger and in the admins' mail", async () => {
    const buyer = await registerBuyer("Commune de Seconde-Chance");
    must(await decideVerification(admin, buyer.organization.id, { approve: false, reason: "Adresse personnelle." }));
    const member = await person("Simple Membre");
    await write((tx) =>
      tx.membership.create({ data: { userId: member.id, organizationId: buyer.organization.id, role: "member" } }),
    );
    const note = "Je vous écris depuis mon adresse de la mairie : secretariat@seconde-chance.fr.";
    expect(await requestVerificationAgain(member, buyer.organization.id, note)).toMatchObject({ ok: false });

    const before = await ledgerCount();
    expect(await requestVerificationAgain(buyer.user, buyer.organization.id, note)).toEqual({ ok: true });
    expect(await db.organization.findUniqueOrThrow({ where: { id: buyer.organization.id } })).toMatchObject({
      verificationStatus: "pending",
      verificationNote: note,
      verificationRefusalReason: null,
      verificationDecidedAt: null,
    });
    const record = await db.ledgerRecord.findFirstOrThrow({ where: { sequence: before + 1 } });
    expect(record.kind).toBe("organization.verification_requested");
    expect(record.summary).toContain(note);
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { template: "organization-verification-requested", to: platformAdmin.email, text: { contains: note } },
    });
    expect(mail.text).toContain("avait été refusée");
    // Asking twice does nothing more.
    expect(await requestVerificationAgain(buyer.user, buyer.organization.id, note)).toMatchObject({ ok: false });
    must(await decideVerification(admin, buyer.organization.id, { approve: true }));
  });
});

describe("what an unverified organisation makes public through others", () => {
  it("cannot co-host an event or hold a stand at another buyer's fair until verified", async () => {
    const organizer = await createBuyer({ name: "Métropole Organisatrice", departement: "69" });
    const pendingBuyer = await createBuyer({
      name: "Commune en attente",
      departement: "69",
      verificationStatus: "pending",
    });
    const pendingRelay = await createBuyer({
      name: "CCI en attente",
      departement: "69",
      kind: "relay",
      territory: ["69"],
      verificationStatus: "pending",
    });
    const organization = { id: organizer.organization.id, name: organizer.organization.name, departement: "69" };

    const withCoHost = await createEvent(
      organizer.actor,
      organization,
      fairInput({ coHostOrganizationId: pendingRelay.organization.id }),
    );
    expect(withCoHost).toMatchObject({ ok: false, fieldErrors: { coHostOrganizationId: [expect.any(String)] } });

    const event = must(await createEvent(organizer.actor, organization, fairInput()));
    expect(
      await addStand(organizer.actor, organization, event.id, standInput(pendingBuyer.organization.id)),
    ).toMatchObject({ ok: false, fieldErrors: { organizationId: [expect.any(String)] } });
    expect(
      await updateEvent(
        organizer.actor,
        organization,
        event.id,
        fairInput({ coHostOrganizationId: pendingRelay.organization.id }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { coHostOrganizationId: [expect.any(String)] } });

    await write((tx) =>
      tx.organization.updateMany({
        where: { id: { in: [pendingBuyer.organization.id, pendingRelay.organization.id] } },
        data: { verificationStatus: "approved" },
      }),
    );
    must(await addStand(organizer.actor, organization, event.id, standInput(pendingBuyer.organization.id)));
    must(
      await updateEvent(
        organizer.actor,
        organization,
        event.id,
        fairInput({ coHostOrganizationId: pendingRelay.organization.id }),
      ),
    );
  });
});

describe("a buyer's SIREN", () => {
  it("is required and checked with its Luhn key", () => {
    const base = { kind: "buyer", name: "Commune de Test", buyerKind: "commune", departement: "80" };
    const missing = organizationSchema.safeParse(base);
    expect(missing.error?.issues[0]).toMatchObject({ path: ["siren"], message: expect.stringMatching(/SIREN/) });
    const valid = makeSiren(7);
    const broken = valid.slice(0, 8) + String((Number(valid[8]) + 1) % 10);
    const wrong = organizationSchema.safeParse({ ...base, siren: broken });
    expect(wrong.error?.issues[0]).toMatchObject({
      path: ["siren"],
      message: expect.stringMatching(/clé de contrôle/),
    });
    const short = organizationSchema.safeParse({ ...base, siren: "12345678" });
    expect(short.error?.issues[0]?.message).toMatch(/9\u00a0chiffres/);
  });

  it("is unique among buyers: a second registration is refused and offered to ask to join the first", async () => {
    const first = await registerBuyer("Commune d'Unicité");
    const siren = (await db.organization.findUniqueOrThrow({ where: { id: first.organization.id } })).siren!;
    const someoneElse = await person("Autre Agent");
    const again = await registerOrganization(
      someoneElse,
      organizationSchema.parse({
        kind: "buyer",
        name: "Mairie d'Unicité",
        siren,
        buyerKind: "commune",
        departement: "69",
      }),
    );
    expect(again).toMatchObject({
      ok: false,
      field: "siren",
      message: expect.stringMatching(/déjà inscrit avec ce SIREN/),
      claimable: { id: first.organization.id, name: "Commune d'Unicité" },
    });
    expect(await db.organization.count({ where: { kind: "buyer", siren } })).toBe(1);
  });

  it("two registrations at the same moment with the same SIREN make one buyer", async () => {
    const siren = makeSiren(9_001);
    const [a, b] = await Promise.all([person("Agent A"), person("Agent B")]);
    const register = (user: typeof a, name: string) =>
      registerOrganization(
        user,
        organizationSchema.parse({ kind: "buyer", name, siren, buyerKind: "commune", departement: "69" }),
      );
    const results = await Promise.all([register(a, "Commune parallèle A"), register(b, "Commune parallèle B")]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([expect.objectContaining({ ok: false, field: "siren" })]);
    expect(await db.organization.count({ where: { kind: "buyer", siren } })).toBe(1);
    expect(
      await db.ledgerRecord.count({
        where: { kind: "organization.verification_requested", summary: { contains: "Commune parallèle" } },
      }),
    ).toBe(1);
  });

  it("is free again once the platform admin refused the organisation that held it", async () => {
    const impostor = await registerBuyer("Ville usurpée");
    const siren = (await db.organization.findUniqueOrThrow({ where: { id: impostor.organization.id } })).siren!;
    must(
      await decideVerification(admin, impostor.organization.id, {
        approve: false,
        reason: "Cette personne n'agit pas pour la ville.",
      }),
    );
    const real = await person("Vraie Secrétaire");
    must(
      await registerOrganization(
        real,
        organizationSchema.parse({
          kind: "buyer",
          name: "Ville de Vérité",
          siren,
          buyerKind: "commune",
          departement: "69",
        }),
      ),
    );
    expect((await verifyLedger()).ok).toBe(true);
  });
});
