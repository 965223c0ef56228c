// Organisation verification and claims through the real built server, posted as a browser without
// JavaScript does: who reaches /admin/organisations, the admin's approve and refuse forms, the
// buyer's notice and refused publication, and a claim from the registration form to its answer.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInParis } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { formatSiren } from "~/organizations/identifiers";
import { VERIFICATION_PENDING_MESSAGE } from "~/organizations/verification";
import { semesterKey, semesterOf } from "~/plan/vocabulary";
import { createBuyer } from "../plan/fixtures";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { makeSiren, makeSiret } from "../support/siret";

let server: RunningServer;
let adminCookie: string;

async function person(name: string, isPlatformAdmin = false) {
  return write((tx) =>
    tx.user.create({
      data: {
        name,
        email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}-${randomUUID().slice(0, 6)}@exemple.fr`,
        passwordHash: "x",
        emailVerifiedAt: new Date(),
        isPlatformAdmin,
      },
    }),
  );
}

beforeAll(async () => {
  server = await startServer();
  adminCookie = await sessionCookie((await person("Camille Roux", true)).id);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

function post(path: string, fields: Record<string, string>, cookie: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: cookie },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** A buyer registered through the form, as its founder would: pending, with a session acting for it. */
async function registerBuyer(name: string) {
  const founder = await person(`Agent ${name}`);
  const cookie = await sessionCookie(founder.id);
  const siren = makeSiren(Math.floor(Math.random() * 80_000_000));
  const response = await post(
    "/organisations/nouvelle/acheteur",
    { name, siren, buyerKind: "commune", departement: "80" },
    cookie,
  );
  expect(response.status).toBe(302);
  const organization = await db.organization.findFirstOrThrow({ where: { name } });
  return { founder, cookie: await sessionCookie(founder.id, organization.id), organization, siren };
}

describe("/admin/organisations", () => {
  it("is for platform admins only: a visitor is sent to log in, a buyer gets 403, an admin the page", async () => {
    const visitor = await get("/admin/organisations");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toBe("/connexion?redirectTo=%2Fadmin%2Forganisations");

    const buyer = await createBuyer({ name: "Acheteur curieux", departement: "69" });
    const buyerCookie = await sessionCookie(buyer.user.id, buyer.organization.id);
    expect((await get("/admin/organisations", buyerCookie)).status).toBe(403);
    const pending = await createBuyer({ name: "Commune à valider", departement: "69", verificationStatus: "pending" });
    const forged = await post(
      "/admin/organisations",
      { intent: "approve", organizationId: pending.organization.id },
      buyerCookie,
    );
    expect(forged.status).toBe(403);
    expect(
      (await db.organization.findUniqueOrThrow({ where: { id: pending.organization.id } })).verificationStatus,
    ).toBe("pending");

    const page = await get("/admin/organisations", adminCookie);
    expect(page.status).toBe(200);
    expect(visibleHtml(await page.text())).toContain("Organisations à vérifier");
  });

  it("lists a pending request with its details; refusing needs a reason, which is then emailed", async () => {
    const buyer = await registerBuyer("Commune de Rivebois-sur-Authie");
    const html = visibleHtml(await (await get("/admin/organisations", adminCookie)).text());
    expect(html).toContain("Commune de Rivebois-sur-Authie");
    expect(html).toContain(`SIREN ${formatSiren(buyer.siren)}`);
    expect(html).toContain("80 — Somme");
    expect(html).toContain(buyer.founder.email);
    expect(html).toContain("Acheteur public — Commune");

    const empty = await post(
      "/admin/organisations",
      { intent: "refuse", organizationId: buyer.organization.id, reason: "" },
      adminCookie,
    );
    expect(empty.status).toBe(400);
    expect(visibleHtml(await empty.text())).toContain("Écrivez le motif du refus, qui sera envoyé par courriel");
    expect((await db.organization.findUniqueOrThrow({ where: { id: buyer.organization.id } })).verificationStatus).toBe(
      "pending",
    );

    const reason = "Écrivez-nous depuis une adresse de la mairie pour confirmer votre mission.";
    const refused = await post(
      "/admin/organisations",
      { intent: "refuse", organizationId: buyer.organization.id, reason },
      adminCookie,
    );
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe("/admin/organisations");
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { template: "organization-verification-decided", to: buyer.founder.email },
    });
    expect(mail.text).toContain(reason);
    const history = visibleHtml(await (await get("/admin/organisations", adminCookie)).text());
    expect(history).toContain("Décisions récentes");
    expect(history).toContain(reason);

    // The buyer sees the reason on its organisation's page, and may ask again.
    const own = visibleHtml(await (await get(`/organisations/${buyer.organization.id}`, buyer.cookie)).text());
    expect(own).toContain(reason);
    expect(own).toContain("Demander un nouvel examen");
  });

  it("approves: until then the buyer's dashboard says so and publishing its plan is refused", async () => {
    const buyer = await registerBuyer("Commune de Valbonne-sur-Somme");
    const dashboard = visibleHtml(await (await get("/acheteur/achats", buyer.cookie)).text());
    expect(dashboard).toContain(VERIFICATION_PENDING_MESSAGE);
    const semestre = semesterKey(semesterOf(todayInParis()));
    const refused = await post("/acheteur/programmation", { semestre }, buyer.cookie);
    expect(refused.status).toBe(400);
    expect(visibleHtml(await refused.text())).toContain(VERIFICATION_PENDING_MESSAGE);

    const approved = await post(
      "/admin/organisations",
      { intent: "approve", organizationId: buyer.organization.id },
      adminCookie,
    );
    expect(approved.status).toBe(302);
    expect((await db.organization.findUniqueOrThrow({ where: { id: buyer.organization.id } })).verificationStatus).toBe(
      "approved",
    );
    expect(visibleHtml(await (await get("/acheteur/achats", buyer.cookie)).text())).not.toContain(
      VERIFICATION_PENDING_MESSAGE,
    );
  });
});

describe("a claim, from the registration form to its answer", () => {
  it("offers to ask to join, sends the request, and lets the organisation's admin accept it; nobody else", async () => {
    const founder = await person("Julien Perrin");
    const founderCookie = await sessionCookie(founder.id);
    const siret = makeSiret(77_777);
    const fields = { name: "Menuiserie Perrin", siret, size: "PME", essStatus: "none", departement: "69" };
    expect((await post("/organisations/nouvelle/fournisseur", fields, founderCookie)).status).toBe(302);
    const organization = await db.organization.findUniqueOrThrow({ where: { siret } });

    const claimant = await person("Léa Perrin");
    const claimantCookie = await sessionCookie(claimant.id);
    const duplicate = await post("/organisations/nouvelle/fournisseur", fields, claimantCookie);
    expect(duplicate.status).toBe(400);
    const form = visibleHtml(await duplicate.text());
    expect(form).toContain("Une organisation est déjà inscrite avec ce SIRET");
    expect(form).toContain(`href="/organisations/rejoindre?siret=${siret}"`);

    const claimPage = await get(`/organisations/rejoindre?siret=${siret}`, claimantCookie);
    expect(claimPage.status).toBe(200);
    expect(visibleHtml(await claimPage.text())).toContain("Demander à rejoindre « Menuiserie Perrin »");
    expect((await get(`/organisations/rejoindre?siret=${makeSiret(77_778)}`, claimantCookie)).status).toBe(404);
    const tooShort = await post(`/organisations/rejoindre?siret=${siret}`, { message: "moi" }, claimantCookie);
    expect(tooShort.status).toBe(400);
    expect(visibleHtml(await tooShort.text())).toContain("Expliquez votre lien avec cette organisation");
    const sent = await post(
      `/organisations/rejoindre?siret=${siret}`,
      { message: "Je chiffre les devis de la menuiserie depuis trois ans." },
      claimantCookie,
    );
    expect(sent.status).toBe(302);
    const claim = await db.organizationClaim.findFirstOrThrow({ where: { organizationId: organization.id } });

    // The organisation's page tells its admin; the requests page is the admins' only.
    const adminCookieOfOrg = await sessionCookie(founder.id, organization.id);
    expect(visibleHtml(await (await get(`/organisations/${organization.id}`, adminCookieOfOrg)).text())).toContain(
      "Une personne demande à rejoindre l'organisation.",
    );
    const member = await person("Simple Membre");
    await write((tx) =>
      tx.membership.create({ data: { userId: member.id, organizationId: organization.id, role: "member" } }),
    );
    const memberCookie = await sessionCookie(member.id, organization.id);
    expect((await get(`/organisations/${organization.id}/demandes`, memberCookie)).status).toBe(404);
    expect(
      (
        await post(
          `/organisations/${organization.id}/demandes`,
          { intent: "accept-claim", claimId: claim.id },
          memberCookie,
        )
      ).status,
    ).toBe(404);
    const other = await createBuyer({ name: "Autre organisation", departement: "69", kind: "supplier" });
    const otherCookie = await sessionCookie(other.user.id, other.organization.id);
    expect(
      (
        await post(
          `/organisations/${other.organization.id}/demandes`,
          { intent: "accept-claim", claimId: claim.id },
          otherCookie,
        )
      ).status,
    ).toBe(404);
    expect((await db.organizationClaim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("pending");

    const requests = await get(`/organisations/${organization.id}/demandes`, adminCookieOfOrg);
    expect(requests.status).toBe(200);
    expect(visibleHtml(await requests.text())).toContain(claimant.email);
    const accepted = await post(
      `/organisations/${organization.id}/demandes`,
      { intent: "accept-claim", claimId: claim.id },
      adminCookieOfOrg,
    );
    expect(accepted.status).toBe(302);
    expect(
      await db.membership.findUniqueOrThrow({
        where: { userId_organizationId: { userId: claimant.id, organizationId: organization.id } },
      }),
    ).toMatchObject({ role: "member" });

    // The platform admin sees the answered claim in the history.
    const history = visibleHtml(await (await get("/admin/organisations", adminCookie)).text());
    expect(history).toContain("Demandes pour rejoindre traitées");
    expect(history).toContain(claimant.email);
  });
});
