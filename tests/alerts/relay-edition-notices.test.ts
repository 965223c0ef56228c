// Relay notifications: when a buyer a relay follows (by name, by département or by région)
// publishes an edition, each member of the relay gets one email listing what changed; a second run
// sends nothing more. A member who stopped them is skipped; every message carries the member's own
// one-click unsubscribe link and its RFC 8058 headers.
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "~/auth/tokens.server";
import { parseHeaders } from "~/mail/outbox.server";
import { RELAY_EDITION_NOTICE_JOB } from "~/relay/edition-notices.server";
import { setEditionNotices } from "~/relay/notice-settings.server";
import { relaysFollowingBuyer } from "~/relay/relays.server";
import { connectDatabase, db, write } from "~/db/db.server";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { runDueJobs } from "~/jobs/worker.server";
import { publishEdition } from "~/plan/editions.server";
import { getPlannedProcurement, updatePlannedProcurement } from "~/plan/plan.server";
import { semesterOf } from "~/plan/vocabulary";
import { createBuyer, input } from "../plan/fixtures";
import { buyerWithEdition, LATER_DAY, PUBLICATION_DAY } from "./fixtures";

const run = (now = new Date(Date.now() + 60_000)) =>
  runDueJobs(JOB_HANDLERS, { workerId: "test-relays", now, limit: 100, kinds: [RELAY_EDITION_NOTICE_JOB] });

beforeAll(async () => {
  await connectDatabase();
});

describe("relay notifications", () => {
  it("tell each member of the relays following the buyer, once per edition, what changed", async () => {
    const cci = await createBuyer({
      name: "CCI du Rhône-Test",
      departement: "69",
      kind: "relay",
      territory: ["69", "01"],
    });
    const cma = await createBuyer({
      name: "CMA de la Somme-Test",
      departement: "80",
      kind: "relay",
      territory: ["80"],
    });
    // A second member of the CCI, who is also a member of a second relay following Lyon.
    const colleague = await write((tx) =>
      tx.user.create({
        data: {
          name: "Conseillère CCI",
          email: "conseillere.cci@exemple.fr",
          passwordHash: "x",
          memberships: { create: { organizationId: cci.organization.id, role: "member" } },
        },
      }),
    );
    const network = await createBuyer({
      name: "Réseau Rhône-Test",
      departement: "69",
      kind: "relay",
      territory: ["69"],
    });
    await write((tx) =>
      tx.membership.create({ data: { userId: colleague.id, organizationId: network.organization.id, role: "member" } }),
    );

    // Two relays far away: one follows the whole Auvergne-Rhône-Alpes région, one the buyer by name.
    const regional = await createBuyer({ name: "Réseau régional-Test", departement: "63", kind: "relay" });
    await write((tx) => tx.relayRegion.create({ data: { organizationId: regional.organization.id, region: "84" } }));
    const national = await createBuyer({
      name: "Réseau national-Test",
      departement: "75",
      kind: "relay",
      territory: ["75"],
    });

    const buyer = await buyerWithEdition("Ville de Villeurbanne-Test", "69", [
      { title: "Rénovation du gymnase des Buers", category: "travaux", cpvCode: "45212200-8" },
      { title: "Nettoyage de l'hôtel de ville", category: "services", cpvCode: "90911200-8" },
    ]);
    await write((tx) =>
      tx.relayFollowedBuyer.create({ data: { relayId: national.organization.id, buyerId: buyer.organization.id } }),
    );
    const following = await relaysFollowingBuyer(buyer.organization);
    expect(following).toHaveLength(4);
    expect(following).toEqual(
      expect.arrayContaining([
        { slug: cci.organization.slug, name: "CCI du Rhône-Test", how: "departement" },
        { slug: national.organization.slug, name: "Réseau national-Test", how: "buyer" },
        { slug: regional.organization.slug, name: "Réseau régional-Test", how: "region" },
        { slug: network.organization.slug, name: "Réseau Rhône-Test", how: "departement" },
      ]),
    );
    expect(
      await db.job.count({
        where: { dedupeKey: `${RELAY_EDITION_NOTICE_JOB}:${buyer.edition.id}`, status: "pending" },
      }),
    ).toBe(1);
    await run();

    const notices = await db.outboxMessage.findMany({ where: { template: "relay-edition-notice" } });
    expect(notices.map((message) => message.to).sort()).toEqual(
      [
        cci.user.email,
        network.user.email,
        regional.user.email,
        national.user.email,
        "conseillere.cci@exemple.fr",
      ].sort(),
    );
    expect(notices.some((message) => message.to === cma.user.email)).toBe(false);
    const [first] = notices;
    expect(first!.subject).toBe(
      "Ville de Villeurbanne-Test a publié l’édition n°\u00a01 de sa programmation du " +
        `${semesterOf(PUBLICATION_DAY).half === 1 ? "1er" : "2e"} semestre ${semesterOf(PUBLICATION_DAY).year}`,
    );
    expect(first!.text).toContain("2 ajoutés");
    expect(first!.text).toContain("Rénovation du gymnase des Buers");
    expect(first!.text).toContain("Nettoyage de l'hôtel de ville");

    // Run again: nothing more.
    await run(new Date(Date.now() + 120_000));
    expect(await db.outboxMessage.count({ where: { template: "relay-edition-notice" } })).toBe(5);

    // A second edition moves the gymnasium: the notice says it moved, and nothing else.
    const [gymId] = buyer.procurementIds;
    const gym = await getPlannedProcurement(buyer.organization.id, gymId!);
    const laterDay = LATER_DAY;
    const moved = await updatePlannedProcurement(
      buyer.actor,
      buyer.organization,
      gymId!,
      input({
        title: gym!.title,
        category: "travaux",
        cpvCode: gym!.cpvCode,
        expectedPublicationDate: laterDay,
        responseDeadline: undefined,
      }),
      gym!.updatedAt.toISOString(),
    );
    if (!moved.ok) throw new Error(JSON.stringify(moved));
    const second = await publishEdition(buyer.actor, buyer.organization.id, semesterOf(laterDay));
    if (!second.ok) throw new Error(second.message);
    await run(new Date(Date.now() + 180_000));
    const latest = await db.outboxMessage.findFirstOrThrow({
      where: { template: "relay-edition-notice", to: cci.user.email, subject: { contains: "n°\u00a02" } },
    });
    expect(latest.text).toContain("1 déplacé");
    expect(latest.text).toContain("Déplacés");
    expect(latest.text).toContain("Rénovation du gymnase des Buers");
    expect(latest.text).not.toContain("Nettoyage de l'hôtel de ville");
  });

  it("are not sent when no relay follows the buyer", async () => {
    const before = await db.outboxMessage.count({ where: { template: "relay-edition-notice" } });
    // Finistère: no relay of these tests follows Bretagne or this buyer.
    await buyerWithEdition("Commune du Finistère-Test", "29", [
      { title: "Déneigement des routes", category: "services", cpvCode: "90620000-9" },
    ]);
    const summary = await run(new Date(Date.now() + 240_000));
    expect(summary.done).toBeGreaterThanOrEqual(1);
    expect(await db.outboxMessage.count({ where: { template: "relay-edition-notice" } })).toBe(before);
  });

  it("skip a member who stopped them and still tell the others, each with their own one-click link", async () => {
    // Loire-Atlantique: no other relay of these tests follows it.
    const cci = await createBuyer({ name: "CCI Nantes-Test", departement: "44", kind: "relay", territory: ["44"] });
    const colleague = await addMember(cci.organization.id, "Conseiller qui ne veut plus@exemple.fr");
    expect(await setEditionNotices({ userId: colleague.id, relayId: cci.organization.id }, false)).toBe(true);

    const buyer = await buyerWithEdition("Ville de Nantes-Test", "44", [
      { title: "Entretien des quais de Loire", category: "services", cpvCode: "90911200-8" },
    ]);
    await run(new Date(Date.now() + 300_000));
    const job = await db.job.findUniqueOrThrow({
      where: { dedupeKey: `${RELAY_EDITION_NOTICE_JOB}:${buyer.edition.id}` },
    });
    expect(job.status).toBe("done");
    const sent = await noticesTo([cci.user.email, colleague.email]);
    expect(sent.map((message) => message.to)).toEqual([cci.user.email]);

    // The message's own link: in the text, in the RFC 8058 headers, stored as a hash only, masked for the admins.
    const [notice] = sent;
    const link = /https?:\/\/\S+\/relais\/desabonnement\/([a-z2-7]+)/.exec(notice!.text);
    expect(link).not.toBeNull();
    const [url, token] = [link![0], link![1]!];
    expect(parseHeaders(notice!.headers)).toEqual({
      "List-Unsubscribe": `<${url}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(notice!.carriesSecret).toBe(true);
    expect(notice!.maskedText).not.toContain(token);
    expect(notice!.text).toContain("se désabonner en un clic");
    expect(notice!.text).toContain(`/organisations/${cci.organization.id}/relais#avis`);
    const deliveries = await db.relayNoticeDelivery.findMany({ where: { editionId: buyer.edition.id } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.unsubscribeTokenHash).toBe(hashToken(token));
    expect(JSON.stringify(deliveries)).not.toContain(token);

    // Turned back on afterwards, the colleague is not sent this edition's notice late: the job is done.
    expect(await setEditionNotices({ userId: colleague.id, relayId: cci.organization.id }, true)).toBe(true);
    await run(new Date(Date.now() + 360_000));
    expect((await noticesTo([cci.user.email, colleague.email])).map((message) => message.to)).toEqual([cci.user.email]);

    // The next edition reaches both, each with a link of their own.
    const next = await buyerWithEdition("Ville de Rezé-Test", "44", [
      { title: "Réfection du pont de Rezé", category: "travaux", cpvCode: "45221111-3" },
    ]);
    await run(new Date(Date.now() + 420_000));
    const both = await db.outboxMessage.findMany({
      where: { template: "relay-edition-notice", subject: { startsWith: "Ville de Rezé-Test" } },
    });
    expect(both.map((message) => message.to).sort()).toEqual([cci.user.email, colleague.email].sort());
    const hashes = await db.relayNoticeDelivery.findMany({
      where: { editionId: next.edition.id },
      select: { unsubscribeTokenHash: true },
    });
    expect(new Set(hashes.map((row) => row.unsubscribeTokenHash)).size).toBe(2);
  });

  it("reach a person who stopped one relay's notices through another relay that follows the buyer", async () => {
    const chamber = await createBuyer({ name: "CMA Vendée-Test", departement: "85", kind: "relay", territory: ["85"] });
    const network = await createBuyer({
      name: "Réseau Vendée-Test",
      departement: "85",
      kind: "relay",
      territory: ["85"],
    });
    const person = await addMember(chamber.organization.id, "Membre de deux réseaux@exemple.fr");
    await write((tx) =>
      tx.membership.create({ data: { userId: person.id, organizationId: network.organization.id, role: "member" } }),
    );
    expect(await setEditionNotices({ userId: person.id, relayId: chamber.organization.id }, false)).toBe(true);
    await buyerWithEdition("Ville de La Roche-sur-Yon-Test", "85", [
      { title: "Nettoyage des écoles", category: "services", cpvCode: "90911200-8" },
    ]);
    await run(new Date(Date.now() + 480_000));
    const received = await noticesTo([person.email]);
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toContain("membre de Réseau Vendée-Test");
    expect(received[0]!.text).not.toContain("CMA Vendée-Test");
  });
});

/** A plain member added to a relay (its address from the name, to read the outbox by). */
async function addMember(relayId: string, address: string) {
  const email = address.toLowerCase().replace(/\s+/g, ".");
  const user = await write((tx) =>
    tx.user.create({
      data: {
        name: address.split("@")[0]!,
        email,
        passwordHash: "x",
        memberships: { create: { organizationId: relayId, role: "member" } },
      },
    }),
  );
  return { id: user.id, email };
}

function noticesTo(addresses: string[]) {
  return db.outboxMessage.findMany({
    where: { template: "relay-edition-notice", to: { in: addresses } },
    orderBy: { createdAt: "asc" },
  });
}
