// Buyers, suppliers, procurements and questionnaires written straight to the test database.
import { randomUUID } from "node:crypto";
import { write } from "~/db/db.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import type { QuestionnaireContent } from "~/sourcing/content";
import { createQuestionnaire, publishQuestionnaire, saveDraftDetails } from "~/sourcing/questionnaires.server";
import type { Supplier } from "~/sourcing/responses.server";
import { createBuyer, input } from "../plan/fixtures";
import { openDayFrom } from "../support/days";

export { createBuyer };

export async function createSupplier(
  name: string,
  options: { departement?: string; size?: string; essStatus?: string } = {},
) {
  const suffix = randomUUID().slice(0, 8);
  return write(async (tx) => {
    const user = await tx.user.create({
      data: {
        name: `Gérant ${name}`,
        email: `contact-${suffix}@entreprise.fr`,
        passwordHash: "x",
        emailVerifiedAt: new Date(),
      },
    });
    const organization = await tx.organization.create({
      data: {
        kind: "supplier",
        name,
        slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}`,
        departement: options.departement ?? "69",
        siret: String(Math.floor(Math.random() * 1e14)).padStart(14, "0"),
        size: options.size ?? "TPE",
        essStatus: options.essStatus ?? "none",
        verificationStatus: "approved",
        memberships: { create: { userId: user.id, role: "admin" } },
      },
    });
    const supplier: Supplier = {
      userId: user.id,
      userName: user.name,
      organizationId: organization.id,
      organizationName: organization.name,
    };
    return { user, organization, supplier };
  });
}

export const CONTENT: QuestionnaireContent = {
  sections: [
    {
      id: "s1",
      title: "Votre entreprise",
      questions: [
        {
          id: "q1",
          type: "short_text",
          label: "Quel est votre domaine d'activité principal ?",
          help: "",
          required: true,
          unit: "",
          min: null,
          max: null,
          choices: [],
        },
        {
          id: "q2",
          type: "number",
          label: "Combien de salariés interviennent sur ce type de chantier ?",
          help: "",
          required: true,
          unit: "personnes",
          min: 1,
          max: 500,
          choices: [],
        },
        {
          id: "q3",
          type: "single_choice",
          label: "Quel délai de mobilisation est habituel dans votre secteur ?",
          help: "",
          required: false,
          unit: "",
          min: null,
          max: null,
          choices: [
            { id: "c1", label: "Moins d'un mois" },
            { id: "c2", label: "Un à trois mois" },
            { id: "c3", label: "Plus de trois mois" },
          ],
        },
        {
          id: "q4",
          type: "yes_no",
          label: "Travaillez-vous avec des matériaux biosourcés ?",
          help: "",
          required: false,
          unit: "",
          min: null,
          max: null,
          choices: [],
        },
        {
          id: "q5",
          type: "scale",
          label: "Ce besoin vous paraît-il clair ?",
          help: "",
          required: false,
          unit: "",
          min: null,
          max: null,
          choices: [],
        },
      ],
    },
  ],
};

/** A deadline on an open day about six weeks from today (more than the 10 open days required). */
export const OPEN_DEADLINE = openDayFrom(45);

/** A buyer with a planned procurement and a questionnaire published as version 1. */
export async function publishedQuestionnaire(options: { content?: QuestionnaireContent; buyerName?: string } = {}) {
  const buyer = await createBuyer({
    name: options.buyerName ?? `Communauté de communes ${randomUUID().slice(0, 4)}`,
    departement: "69",
  });
  const organization = { id: buyer.organization.id, name: buyer.organization.name, departement: "69" };
  const procurement = await createPlannedProcurement(buyer.actor, organization, input());
  if (!procurement.ok) throw new Error(JSON.stringify(procurement));
  const created = await createQuestionnaire(buyer.actor, organization, {
    plannedProcurementId: procurement.id,
    title: "Toitures : connaître le marché",
    introduction: "Nous préparons la réfection d'une toiture.",
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const details = await saveDraftDetails(organization, created.id, 0, {
    title: "Toitures : connaître le marché",
    introduction: "Nous préparons la réfection d'une toiture.",
    deadline: OPEN_DEADLINE,
  });
  if (!details.ok) throw new Error(JSON.stringify(details));
  await write((tx) =>
    tx.questionnaire.update({
      where: { id: created.id },
      data: { draftContent: JSON.stringify(options.content ?? CONTENT) },
    }),
  );
  const published = await publishQuestionnaire(buyer.actor, organization, created.id, { revision: details.revision });
  if (!published.ok) throw new Error(JSON.stringify(published));
  return { buyer, organization, procurementId: procurement.id, questionnaireId: created.id };
}

export async function draftRevision(questionnaireId: string): Promise<number> {
  const { db } = await import("~/db/db.server");
  return (await db.questionnaire.findUniqueOrThrow({ where: { id: questionnaireId }, select: { draftRevision: true } }))
    .draftRevision;
}

export const VALID_ANSWERS = { q1: "Couverture et zinguerie", q2: "12", q3: "c2", q4: "yes", q5: "4" };
