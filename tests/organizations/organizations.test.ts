import { describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { organizationSchema } from "~/organizations/schemas";
import {
  acceptInvitation,
  createOrganization,
  inviteMember,
  switchActiveOrganization,
} from "~/organizations/organizations.server";
import { LIMITS } from "~/auth/limits";
import { createSession } from "~/auth/session.server";
import { completeLuhn } from "~/organizations/identifiers";
import { makeSiret } from "../support/siret";
import { freshRequest } from "../support/request-context";

/** The capability with a fresh client address (abuse limits are tested on their own). */
type Registration = Parameters<typeof createOrganization>;
const registerOrganization = (actor: Registration[0], input: Registration[1]) =>
  createOrganization(actor, input, freshRequest());

async function person(name: string, email: string) {
  return write((tx) => tx.user.create({ data: { name, email, passwordHash: "x", emailVerifiedAt: new Date() } }));
}

describe("organisation forms", () => {
  it("refuses a SIRET with a bad checksum, saying so", () => {
    const valid = makeSiret(42);
    const broken = valid.slice(0, 13) + String((Number(valid[13]) + 1) % 10);
    const result = organizationSchema.safeParse({
      kind: "supplier",
      name: "Menuiserie Test",
      siret: broken,
      size: "TPE",
      essStatus: "none",
      departement: "69",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["siret"]);
    expect(result.error?.issues[0]?.message).toMatch(/clé de contrôle/);
  });

  it("accepts spaces in a SIRET and a NAF code without its dot", () => {
    const siret = makeSiret(7);
    const typed = `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
    const result = organizationSchema.parse({
      kind: "supplier",
      name: "Atelier",
      siret: typed,
      nafCode: "4332a",
      size: "PME",
      essStatus: "siae",
      departement: "2a",
    });
    expect(result).toMatchObject({ siret, nafCode: "43.32A", departement: "2A" });
  });
});

describe("organisations", () => {
  it("creates a supplier with its creator as admin and records it on the ledger", async () => {
    const founder = await person("Julie Perrin", "julie@perrin.fr");
    const input = organizationSchema.parse({
      kind: "supplier",
      name: "Perrin Menuiserie",
      siret: makeSiret(1),
      size: "TPE",
      essStatus: "none",
      departement: "69",
    });
    const result = await registerOrganization(founder, input);
    if (!result.ok) throw new Error(result.message);
    const membership = await db.membership.findFirstOrThrow({ where: { organizationId: result.id } });
    expect(membership).toMatchObject({ userId: founder.id, role: "admin" });
    const record = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "organization.created" },
      include: { parties: true },
    });
    expect(record.summary).toContain("Perrin Menuiserie");
    expect(record.parties.map((party) => party.organizationId)).toEqual([result.id]);

    const again = await registerOrganization(founder, input);
    expect(again).toMatchObject({ ok: false, field: "siret" });
  });

  it("invites by email; accepting adds the member, records it and switches the active organisation", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "julie@perrin.fr" } });
    const organization = await db.organization.findFirstOrThrow({ where: { kind: "supplier" } });
    expect(
      await inviteMember(admin, organization.id, { email: "marc@perrin.fr", role: "member" }, { ip: "10.0.0.1" }),
    ).toEqual({ ok: true });
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: "marc@perrin.fr" } });
    expect(message.template).toBe("organization-invitation");
    const token = /\/invitations\/([a-z0-9]+)/.exec(message.text)?.[1];
    expect(token).toBeTruthy();

    const stranger = await person("Autre Personne", "autre@exemple.fr");
    expect(await acceptInvitation(stranger, token!)).toMatchObject({ ok: false });

    const marc = await person("Marc Perrin", "marc@perrin.fr");
    const { session } = await write((tx) => createSession(tx, marc.id));
    expect(await acceptInvitation(marc, token!)).toEqual({ ok: true, organizationId: organization.id });
    expect(await acceptInvitation(marc, token!)).toMatchObject({ ok: false });
    expect(await db.membership.count({ where: { organizationId: organization.id } })).toBe(2);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).activeOrganizationId).toBe(
      organization.id,
    );
    expect(await db.ledgerRecord.count({ where: { kind: "organization.member_joined" } })).toBe(1);
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 2 });
  });

  it("creates buyers and relays (recorded as verification requests, not as creations), and only switches to organisations one belongs to", async () => {
    const user = await person("Agnès Lefort", "agnes@metropole.fr");
    const buyer = await registerOrganization(
      user,
      organizationSchema.parse({
        kind: "buyer",
        name: "Commune de Test",
        siren: completeLuhn("21800123"),
        buyerKind: "commune",
        departement: "80",
      }),
    );
    if (!buyer.ok) throw new Error(buyer.message);
    expect(await db.organization.findUniqueOrThrow({ where: { id: buyer.id } })).toMatchObject({
      kind: "buyer",
      buyerKind: "commune",
      slug: "commune-de-test",
    });
    const relay = await registerOrganization(
      user,
      organizationSchema.parse({
        kind: "relay",
        name: "CCI Test",
        relayKind: "cci",
        departement: "80",
        territory: ["80", "60", "02"],
      }),
    );
    if (!relay.ok) throw new Error(relay.message);
    expect(await db.relayTerritory.count({ where: { organizationId: relay.id } })).toBe(3);
    const { session } = await write((tx) => createSession(tx, user.id));
    const foreign = await db.organization.findFirstOrThrow({ where: { kind: "supplier" } });
    expect(await switchActiveOrganization(session.id, user.id, foreign.id)).toBe(false);
    expect(await switchActiveOrganization(session.id, user.id, relay.id)).toBe(true);
    expect(await db.ledgerRecord.count({ where: { kind: "organization.created" } })).toBe(1);
    expect(await db.ledgerRecord.count({ where: { kind: "organization.verification_requested" } })).toBe(2);
  });
});

describe("invitation limits", () => {
  const DAY = 24 * 60 * 60 * 1000;

  it("sends one address at most 3 invitations a day, then says when to retry", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "julie@perrin.fr" } });
    const organization = await db.organization.findFirstOrThrow({ where: { kind: "supplier" } });
    const start = new Date();
    const invite = (email: string, hours: number, ip = "10.0.0.1") =>
      inviteMember(
        admin,
        organization.id,
        { email, role: "member" },
        { ip, now: new Date(start.getTime() + hours * 3_600_000) },
      );
    for (let i = 0; i < LIMITS.memberInvitePerAddress.limit; i++)
      expect(await invite("relancee@exemple.fr", i)).toEqual({ ok: true });
    expect(await invite("relancee@exemple.fr", 5, "10.0.0.2")).toEqual({
      ok: false,
      field: null,
      message: "Cette adresse a déjà reçu 3 invitations en 24 heures. Réessayez dans 19 heures.",
      retryAfterSeconds: 19 * 3600,
    });
    expect(await db.outboxMessage.count({ where: { to: "relancee@exemple.fr" } })).toBe(3);
    expect(await db.invitation.count({ where: { email: "relancee@exemple.fr" } })).toBe(3);
    expect(await invite("relancee@exemple.fr", 24)).toEqual({ ok: true });
  });

  it("limits the invitations one account sends a day", async () => {
    const admin = await person("Inviteur Prolifique", "prolifique@exemple.fr");
    const organization = await db.organization.findFirstOrThrow({ where: { kind: "supplier" } });
    await write((tx) =>
      tx.membership.create({ data: { userId: admin.id, organizationId: organization.id, role: "admin" } }),
    );
    const now = new Date(Date.now() + 3 * DAY);
    for (let i = 0; i < LIMITS.memberInvitePerAccount.limit; i++)
      expect(
        await inviteMember(
          admin,
          organization.id,
          { email: `collegue${i}@exemple.fr`, role: "member" },
          { ip: `10.1.0.${i}`, now },
        ),
      ).toEqual({ ok: true });
    expect(
      await inviteMember(
        admin,
        organization.id,
        { email: "un-de-trop@exemple.fr", role: "member" },
        { ip: "10.1.1.1", now },
      ),
    ).toMatchObject({
      ok: false,
      field: null,
      message: "Limite de 30 invitations par 24 heures atteinte. Réessayez dans 24 heures.",
    });
  });
});
