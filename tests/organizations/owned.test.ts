// "Load a record owned by the caller's organisation or answer 404": the shared helper and the
// capabilities' loaders built on it give the owner the record, and anyone else the same 404 with the
// page's French message (exactly what the pages answered before the helper existed).
import { describe, expect, it } from "vitest";
import {
  organizerStandPage,
  requireOrganizedEvent,
  requireOrganizedStand,
  STAND_NOT_FOUND_MESSAGE,
} from "~/meetings/organizer.server";
import { ORGANIZATION_ADMINS_ONLY_MESSAGE, requireOrganizationAdmin } from "~/organizations/organizations.server";
import { requireOwned } from "~/organizations/owned.server";
import { requireBuyerRecord } from "~/plan/access.server";
import { requireOwnedProcurement } from "~/plan/plan.server";
import { requireBuyerQuestionnaire } from "~/sourcing/questionnaires.server";
import { notFound } from "~/ui/not-found.server";
import { write } from "~/db/db.server";
import { publishedFair } from "../meetings/fair-fixtures";
import { createBuyer } from "../plan/fixtures";
import { publishedQuestionnaire } from "../sourcing/fixtures";
import { sessionCookie } from "../support/http";

const ORIGIN = "http://localhost:3000";

async function requestAs(member: { user: { id: string }; organization: { id: string } }) {
  return new Request(`${ORIGIN}/acheteur`, {
    headers: { Cookie: await sessionCookie(member.user.id, member.organization.id) },
  });
}

/** The Response a loader threw, or a failure if it returned. */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Response)) throw new Error(`expected a thrown Response, got ${String(outcome)}`);
  return outcome;
}

async function expectNotFound(promise: Promise<unknown>, message: string) {
  const response = await thrown(promise);
  expect(response.status).toBe(404);
  expect(await response.text()).toBe(message);
}

describe("notFound and requireOwned", () => {
  it("throws a 404 with the message", async () => {
    await expectNotFound(
      Promise.resolve().then(() => notFound("Rien ici.")),
      "Rien ici.",
    );
  });

  it("asks with the caller's organisation and returns what it finds, or answers 404", async () => {
    const asked: string[] = [];
    const find = (organizationId: string) => {
      asked.push(organizationId);
      return Promise.resolve(organizationId === "org-a" ? { id: "r1" } : null);
    };
    expect(await requireOwned("org-a", find, "Introuvable.")).toEqual({ id: "r1" });
    await expectNotFound(requireOwned("org-b", find, "Introuvable."), "Introuvable.");
    expect(asked).toEqual(["org-a", "org-b"]);
  });
});

describe("the capabilities' loaders of owned records", () => {
  it("a procurement and a questionnaire: the owner gets them, another buyer the page's 404", async () => {
    const setup = await publishedQuestionnaire();
    const owner = await requestAs({ user: setup.buyer.user, organization: setup.buyer.organization });
    const stranger = await requestAs(await createBuyer({ name: "Commune voisine", departement: "69" }));

    const procurement = await requireOwnedProcurement(owner, setup.procurementId);
    expect(procurement.procurement.id).toBe(setup.procurementId);
    expect(procurement.buyer.organization.id).toBe(setup.organization.id);
    await expectNotFound(
      requireOwnedProcurement(stranger, setup.procurementId),
      "Cet achat n'existe pas, ou n'appartient pas à votre organisation.",
    );
    await expectNotFound(
      requireOwnedProcurement(owner, "inconnu"),
      "Cet achat n'existe pas, ou n'appartient pas à votre organisation.",
    );

    expect((await requireBuyerQuestionnaire(owner, setup.questionnaireId)).questionnaire.id).toBe(
      setup.questionnaireId,
    );
    await expectNotFound(
      requireBuyerQuestionnaire(stranger, setup.questionnaireId),
      "Ce questionnaire n'existe pas, ou n'appartient pas à votre organisation.",
    );

    // The generic form, for records a capability has no loader of its own for.
    const found = await requireBuyerRecord(owner, (organizationId) => Promise.resolve({ organizationId }), "x");
    expect(found.record).toEqual({ organizationId: setup.organization.id });
  });

  it("an event and its stands: the organiser gets them, another buyer the page's 404", async () => {
    const fair = await publishedFair();
    const owner = await requestAs(fair.buyer);
    const other = await createBuyer({ name: "Commune voisine", departement: "69" });
    const stranger = await requestAs(other);

    expect((await requireOrganizedEvent(owner, fair.eventId)).event.id).toBe(fair.eventId);
    await expectNotFound(
      requireOrganizedEvent(stranger, fair.eventId),
      "Cet événement n'existe pas, ou votre organisation ne l'organise pas.",
    );

    const standPage = await organizerStandPage(fair.buyer.organization, fair.eventId, fair.standId);
    expect(standPage).toMatchObject({
      stand: { id: fair.standId, name: "Entretien des bâtiments" },
      locked: false,
      defaults: { opensAt: "09:00", closesAt: "10:00", slotMinutes: "20", breaks: "" },
    });
    expect(await organizerStandPage(other.organization, fair.eventId, fair.standId)).toBeNull();
    // The stand form's action checks the stand first, before reading what was posted.
    expect((await requireOrganizedStand(owner, fair.eventId, fair.standId)).standId).toBe(fair.standId);
    await expectNotFound(requireOrganizedStand(stranger, fair.eventId, fair.standId), STAND_NOT_FOUND_MESSAGE);
    await expectNotFound(requireOrganizedStand(owner, "autre-evenement", fair.standId), STAND_NOT_FOUND_MESSAGE);
    expect(STAND_NOT_FOUND_MESSAGE).toBe("Ce stand n'existe pas, ou votre organisation n'organise pas ce salon.");
  });
});

describe("requireOrganizationAdmin", () => {
  it("gives an organisation's admin its organisation, and anyone else the same 404", async () => {
    const admin = await createBuyer({ name: "Commune de Meyzieu", departement: "69" });
    const member = await write(async (tx) => {
      const user = await tx.user.create({
        data: { name: "Agent", email: `agent-${Math.random()}@exemple.fr`, passwordHash: "x" },
      });
      await tx.membership.create({ data: { userId: user.id, organizationId: admin.organization.id, role: "member" } });
      return user;
    });
    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });

    const found = await requireOrganizationAdmin(await requestAs(admin), admin.organization.id);
    expect(found.organization.id).toBe(admin.organization.id);
    expect(found.user.id).toBe(admin.user.id);
    for (const request of [
      await requestAs({ user: member, organization: admin.organization }),
      await requestAs(stranger),
    ]) {
      await expectNotFound(requireOrganizationAdmin(request, admin.organization.id), ORGANIZATION_ADMINS_ONLY_MESSAGE);
    }
    expect(ORGANIZATION_ADMINS_ONLY_MESSAGE).toBe("Cette page est réservée aux administrateurs de l'organisation.");
  });
});
