// Claims: registering a SIRET that is already on Amont is never a dead end. The person asks to join;
// the organisation's admins and the platform admins are told; an admin of the organisation or a
// platform admin accepts (the claimant becomes a member) or refuses with a reason. Each step is on
// the ledger, and nobody else may decide.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { personalDataExport } from "~/auth/personal-data.server";
import { db, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import {
  CLAIM_NOT_FOUND_MESSAGE,
  claimOrganization,
  decideClaim,
  findClaimableOrganization,
  pendingClaimsOf,
} from "~/organizations/claims.server";
import { createOrganization } from "~/organizations/organizations.server";
import { organizationSchema } from "~/organizations/schemas";
import { must } from "../support/must";
import { makeSiren, makeSiret } from "../support/siret";
import { freshRequest } from "../support/request-context";

/** The capability with a fresh client address (abuse limits are tested on their own). */
type Registration = Parameters<typeof createOrganization>;
const registerOrganization = (actor: Registration[0], input: Registration[1]) =>
  createOrganization(actor, input, freshRequest());
type Claim = Parameters<typeof claimOrganization>;
const sendClaim = (actor: Claim[0], organizationId: Claim[1], message: Claim[2]) =>
  claimOrganization(actor, organizationId, message, freshRequest());

async function person(name: string, options: { isPlatformAdmin?: boolean; verified?: boolean } = {}) {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}-${randomUUID().slice(0, 6)}@exemple.fr`;
  return write((tx) =>
    tx.user.create({
      data: {
        name,
        email,
        passwordHash: "x",
        emailVerifiedAt: options.verified === false ? null : new Date(),
        isPlatformAdmin: options.isPlatformAdmin,
      },
    }),
  );
}

const platformAdmin = await person("Camille Roux", { isPlatformAdmin: true });

let seed = 800;
async function registeredSupplier(name: string) {
  const founder = await person(`Gérant ${name}`);
  const siret = makeSiret(seed++);
  const created = must(
    await registerOrganization(
      founder,
      organizationSchema.parse({ kind: "supplier", name, siret, size: "TPE", essStatus: "none", departement: "69" }),
    ),
  );
  return { founder, siret, id: created.id, name };
}

const MESSAGE = "Je suis conducteur de travaux dans l'entreprise depuis 2019 et je réponds aux consultations.";

describe("registering a SIRET that is already on Amont", () => {
  it("points to the organisation to ask to join instead of refusing silently", async () => {
    const supplier = await registeredSupplier("Menuiserie Revendiquée");
    const newcomer = await person("Karim Haddad");
    const again = await registerOrganization(
      newcomer,
      organizationSchema.parse({
        kind: "supplier",
        name: "Menuiserie Revendiquée (bis)",
        siret: supplier.siret,
        size: "TPE",
        essStatus: "none",
        departement: "69",
      }),
    );
    expect(again).toMatchObject({
      ok: false,
      field: "siret",
      message: expect.stringMatching(/demandez à la rejoindre/),
      claimable: { id: supplier.id, name: "Menuiserie Revendiquée" },
    });
    expect(await findClaimableOrganization({ siret: supplier.siret })).toMatchObject({ id: supplier.id });
    expect(await findClaimableOrganization({ siret: makeSiret(99_999) })).toBeNull();
    expect(await findClaimableOrganization({ siret: "pas un siret" })).toBeNull();
  });

  it("sends a claim to the organisation's admins and the platform admins, on the ledger, once", async () => {
    const supplier = await registeredSupplier("Peintures Réclamées");
    const claimant = await person("Nadia Benali");
    const before = await db.ledgerRecord.count();
    const claim = must(await sendClaim(claimant, supplier.id, MESSAGE));

    expect(await db.organizationClaim.findUniqueOrThrow({ where: { id: claim.claimId } })).toMatchObject({
      organizationId: supplier.id,
      userId: claimant.id,
      status: "pending",
      message: MESSAGE,
    });
    const mail = await db.outboxMessage.findMany({
      where: { template: "organization-claim-requested", subject: { contains: "Peintures Réclamées" } },
    });
    const byRecipient = new Map(mail.map((message) => [message.to, message.text]));
    expect([...byRecipient.keys()].sort()).toEqual([supplier.founder.email, platformAdmin.email].sort());
    expect(byRecipient.get(supplier.founder.email)).toContain(`/organisations/${supplier.id}/demandes`);
    expect(byRecipient.get(platformAdmin.email)).toContain("/admin/organisations");
    expect(byRecipient.get(supplier.founder.email)).toContain(claimant.email);
    expect(byRecipient.get(supplier.founder.email)).toContain(MESSAGE);

    const records = await db.ledgerRecord.findMany({ where: { sequence: { gt: before } }, include: { parties: true } });
    expect(records.map((record) => record.kind)).toEqual(["organization.claim_made"]);
    expect(records[0]!.parties.map((party) => party.organizationId)).toEqual([supplier.id]);
    expect(records[0]!.actorUserId).toBe(claimant.id);

    // A second claim while the first waits, a claim by a member, a claim from an unverified address: refused, nothing written.
    expect(await sendClaim(claimant, supplier.id, MESSAGE)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/déjà demandé/),
    });
    expect(await sendClaim(supplier.founder, supplier.id, MESSAGE)).toMatchObject({
      ok: false,
      message: "Vous faites déjà partie de cette organisation.",
    });
    const unverified = await person("Sans Vérification", { verified: false });
    expect(await sendClaim(unverified, supplier.id, MESSAGE)).toMatchObject({ ok: false });
    expect(await db.organizationClaim.count({ where: { organizationId: supplier.id } })).toBe(1);
    expect(await db.ledgerRecord.count()).toBe(before + 1);
  });

  it("is accepted by an admin of the organisation: the claimant becomes a member and is told", async () => {
    const supplier = await registeredSupplier("Électricité Acceptée");
    const claimant = await person("Bastien Ollivier");
    const claim = must(await sendClaim(claimant, supplier.id, MESSAGE));
    expect((await pendingClaimsOf(supplier.id)).map((row) => row.id)).toEqual([claim.claimId]);

    // Neither a plain member, nor the admin of another organisation, nor a claim id of another organisation.
    const member = await person("Simple Membre");
    await write((tx) =>
      tx.membership.create({ data: { userId: member.id, organizationId: supplier.id, role: "member" } }),
    );
    const stranger = await registeredSupplier("Autre Entreprise");
    const asMember = { id: member.id, name: member.name, isPlatformAdmin: false };
    const asStranger = { id: stranger.founder.id, name: stranger.founder.name, isPlatformAdmin: false };
    expect(await decideClaim(asMember, claim.claimId, { accept: true })).toEqual({
      ok: false,
      message: CLAIM_NOT_FOUND_MESSAGE,
      notFound: true,
    });
    expect(await decideClaim(asStranger, claim.claimId, { accept: true })).toMatchObject({ notFound: true });
    expect(await decideClaim(asStranger, claim.claimId, { accept: true }, stranger.id)).toMatchObject({
      notFound: true,
    });

    const asAdmin = { id: supplier.founder.id, name: supplier.founder.name, isPlatformAdmin: false };
    expect(await decideClaim(asAdmin, claim.claimId, { accept: true }, supplier.id)).toEqual({
      ok: true,
      claimantName: "Bastien Ollivier",
      organizationName: "Électricité Acceptée",
    });
    expect(
      await db.membership.findUniqueOrThrow({
        where: { userId_organizationId: { userId: claimant.id, organizationId: supplier.id } },
      }),
    ).toMatchObject({ role: "member" });
    expect(await db.organizationClaim.findUniqueOrThrow({ where: { id: claim.claimId } })).toMatchObject({
      status: "accepted",
      decidedById: supplier.founder.id,
    });
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { template: "organization-claim-decided", to: claimant.email },
    });
    expect(mail.subject).toBe("Vous avez rejoint Électricité Acceptée sur Amont");
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "organization.claim_accepted" },
      orderBy: { sequence: "desc" },
    });
    expect(record.summary).toContain("Bastien Ollivier");
    expect(JSON.parse(record.payload)).toMatchObject({ claimId: claim.claimId, decision: "accepted", role: "member" });

    // Decided once.
    expect(await decideClaim(asAdmin, claim.claimId, { accept: false, reason: "Changement d'avis." })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/déjà reçu une réponse/),
    });
    expect(await pendingClaimsOf(supplier.id)).toEqual([]);
  });

  it("is refused by the platform admin with a reason: the claimant gets the reason and joins nothing", async () => {
    const supplier = await registeredSupplier("Charpentes Refusées");
    const claimant = await person("Inconnu du Bataillon");
    const claim = must(await sendClaim(claimant, supplier.id, MESSAGE));
    const reason = "Le gérant ne connaît personne de ce nom dans l'entreprise.";
    must(
      await decideClaim({ id: platformAdmin.id, name: platformAdmin.name, isPlatformAdmin: true }, claim.claimId, {
        accept: false,
        reason,
      }),
    );
    expect(await db.membership.count({ where: { userId: claimant.id } })).toBe(0);
    expect(await db.organizationClaim.findUniqueOrThrow({ where: { id: claim.claimId } })).toMatchObject({
      status: "refused",
      refusalReason: reason,
      decidedById: platformAdmin.id,
    });
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { template: "organization-claim-decided", to: claimant.email },
    });
    expect(mail.subject).toContain("est refusée");
    expect(mail.text).toContain(reason);
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "organization.claim_refused" },
      orderBy: { sequence: "desc" },
    });
    expect(record.actorLabel).toBe("Camille Roux (équipe Amont)");
    expect(record.summary).toContain(reason);

    // Refused, the person may ask again (a new claim), for instance with a better explanation.
    must(await sendClaim(claimant, supplier.id, `${MESSAGE} Mon responsable est M. Dupont.`));

    // Both claims, the refusal's reason and the answer's ledger record are in the person's data download.
    const data = await personalDataExport(claimant.id);
    expect(data?.organizationClaims.map((row) => [row.status, row.refusalReason])).toEqual([
      ["refused", reason],
      ["pending", null],
    ]);
    expect(data?.ledgerRecords.map((row) => row.kind)).toEqual([
      "organization.claim_made",
      "organization.claim_refused",
      "organization.claim_made",
    ]);
  });

  it("also works on a buyer's SIREN", async () => {
    const founder = await person("Thomas Bernard");
    const siren = makeSiren(4_242);
    const buyer = must(
      await registerOrganization(
        founder,
        organizationSchema.parse({
          kind: "buyer",
          name: "Commune Revendiquée",
          siren,
          buyerKind: "commune",
          departement: "80",
        }),
      ),
    );
    expect(await findClaimableOrganization({ siren })).toMatchObject({ id: buyer.id, kind: "buyer" });
    const colleague = await person("Hélène Dumont");
    const claim = must(await sendClaim(colleague, buyer.id, MESSAGE));
    must(
      await decideClaim({ id: founder.id, name: founder.name, isPlatformAdmin: false }, claim.claimId, {
        accept: true,
      }),
    );
    expect(await db.membership.count({ where: { organizationId: buyer.id } })).toBe(2);
    expect((await verifyLedger()).ok).toBe(true);
  });
});
