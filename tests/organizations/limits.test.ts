// Abuse limits on the organisation forms that email other people: registering an organisation (a
// buyer or a relay emails every platform admin) and asking to join one (its admins are emailed).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LIMITS } from "~/auth/limits";
import { db, write } from "~/db/db.server";
import { claimOrganization } from "~/organizations/claims.server";
import { createOrganization } from "~/organizations/organizations.server";
import { organizationSchema } from "~/organizations/schemas";
import { must } from "../support/must";
import { makeSiren, makeSiret } from "../support/siret";

async function person(name: string) {
  return write((tx) =>
    tx.user.create({
      data: {
        name,
        email: `${randomUUID().slice(0, 8)}@exemple.fr`,
        passwordHash: "x",
        emailVerifiedAt: new Date(),
      },
    }),
  );
}

let seed = 3_000;
const buyer = (name: string) =>
  organizationSchema.parse({ kind: "buyer", name, siren: makeSiren(seed++), buyerKind: "commune", departement: "69" });

describe("registering organisations", () => {
  it("is limited per account: past the limit in 24 hours, refused with when to retry, and nobody is emailed", async () => {
    const founder = await person("Agent Pressé");
    const limit = LIMITS.organizationCreatePerAccount.limit;
    for (let i = 0; i < limit; i++)
      must(await createOrganization(founder, buyer(`Commune n° ${i}`), { ip: `203.0.113.${i + 1}` }));
    const mailBefore = await db.outboxMessage.count();
    const refused = await createOrganization(founder, buyer("Commune de trop"), { ip: "203.0.113.200" });
    expect(refused).toMatchObject({
      ok: false,
      field: null,
      message: expect.stringMatching(/^Limite de 5 organisations inscrites par 24 heures atteinte\. Réessayez dans/),
      retryAfterSeconds: expect.any(Number),
    });
    expect(await db.organization.count({ where: { name: "Commune de trop" } })).toBe(0);
    expect(await db.outboxMessage.count()).toBe(mailBefore);
  });

  it("is limited per IP address across accounts", async () => {
    const limit = LIMITS.organizationCreatePerIp.limit;
    const request = { ip: "2001:db8:1:2::17" };
    for (let i = 0; i < limit; i++)
      must(await createOrganization(await person(`Agent ${i}`), buyer(`Ville n° ${i}`), request));
    // Another address of the same /64 is the same client.
    const refused = await createOrganization(await person("Agent suivant"), buyer("Ville de trop"), {
      ip: "2001:db8:1:2::99",
    });
    expect(refused).toMatchObject({ ok: false, field: null });
  });
});

describe("asking to join organisations", () => {
  it("is limited per account: past the limit in 24 hours, refused with when to retry, and nobody is emailed", async () => {
    const claimant = await person("Demandeur Insistant");
    const limit = LIMITS.organizationClaimPerAccount.limit;
    const organizations = [];
    for (let i = 0; i <= limit; i++) {
      const founder = await person(`Gérant ${i}`);
      organizations.push(
        must(
          await createOrganization(
            founder,
            organizationSchema.parse({
              kind: "supplier",
              name: `Entreprise n° ${i}`,
              siret: makeSiret(seed++),
              size: "TPE",
              essStatus: "none",
              departement: "69",
            }),
            { ip: `192.0.2.${i + 1}` },
          ),
        ),
      );
    }
    const message = "Je travaille dans cette entreprise depuis cinq ans.";
    for (const organization of organizations.slice(0, limit))
      must(await claimOrganization(claimant, organization.id, message, { ip: "192.0.2.100" }));
    const mailBefore = await db.outboxMessage.count();
    const refused = await claimOrganization(claimant, organizations[limit]!.id, message, { ip: "192.0.2.101" });
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Limite de 5 demandes pour rejoindre une organisation par 24 heures atteinte\./),
      retryAfterSeconds: expect.any(Number),
    });
    expect(await db.organizationClaim.count({ where: { userId: claimant.id } })).toBe(limit);
    expect(await db.outboxMessage.count()).toBe(mailBefore);
  });
});
