// Demo sourcing questionnaires (issue 4), built through the domain (createQuestionnaire,
// publishQuestionnaire, saveAnswers, askClarification, answerClarification) so that the ledger
// and the outbox hold what real use would:
// - the Métropole Rhône-Confluence's open questionnaire, published in two versions, with a
//   published clarification and about ten answers; ess@amont.test's Jardins de la Confluence
//   answered both versions, Logiciels Civiques answered version 1 only and may update, and
//   fournisseur@amont.test's Menuiserie Perrin has not answered yet (it can, until the deadline);
// - a closed questionnaire of the Agglomération Picardie-Somme, whose deadline has passed.
// Deadlines come from the buyer's calendar (at least 10 open days, on an allowed day).
import { loadBlockPolicies, loadCalendarContext } from "../app/calendar/calendar.server";
import { addDays, todayInParis } from "../app/calendar/dates";
import { earliestDeadline, nextAllowedDate } from "../app/calendar/rules";
import { db, write } from "../app/db/db.server";
import { answerClarification, askClarification } from "../app/sourcing/clarifications.server";
import type { Question, QuestionnaireContent } from "../app/sourcing/content";
import { checkQuestionnaireDeadline, SOURCING_MIN_OPEN_DAYS } from "../app/sourcing/deadline";
import { runDueJobs } from "../app/jobs/worker.server";
import { inviteSuppliers, SOURCING_INVITATIONS_JOB, sendSourcingInvitations } from "../app/sourcing/invitations.server";
import {
  applyDraftOperation,
  createQuestionnaire,
  publishQuestionnaire,
  saveDraftDetails,
  type BuyerOrganization,
} from "../app/sourcing/questionnaires.server";
import { saveAnswers, type Supplier } from "../app/sourcing/responses.server";

export interface DemoSourcingSummary {
  questionnaires: number;
  ledgerRecords: number;
}

function q(id: string, type: Question["type"], label: string, extra: Partial<Question> = {}): Question {
  return { id, type, label, help: "", required: false, unit: "", min: null, max: null, choices: [], ...extra };
}

const OPEN_CONTENT: QuestionnaireContent = {
  sections: [
    {
      id: "s-entreprise",
      title: "Votre structure",
      questions: [
        q("q-activite", "short_text", "Quelle est votre activité principale ?", { required: true }),
        q("q-effectif", "number", "Combien de personnes pourraient intervenir sur ce type de prestation ?", {
          unit: "personnes",
          min: 1,
          max: 500,
          required: true,
        }),
        q("q-statut", "single_choice", "Sous quelle forme répondriez-vous le plus probablement à la consultation ?", {
          choices: [
            { id: "c-seul", label: "Seuls" },
            { id: "c-groupement", label: "En groupement" },
            { id: "c-sous-traitance", label: "Avec de la sous-traitance" },
          ],
        }),
      ],
    },
    {
      id: "s-marche",
      title: "Le marché",
      questions: [
        q("q-delai", "single_choice", "Quel délai de préparation est habituel dans votre secteur avant de démarrer ?", {
          choices: [
            { id: "c-1m", label: "Moins d'un mois" },
            { id: "c-3m", label: "Un à trois mois" },
            { id: "c-plus", label: "Plus de trois mois" },
          ],
        }),
        q("q-materiaux", "multiple_choice", "Quelles pratiques environnementales sont courantes chez vous ?", {
          choices: [
            { id: "c-bois", label: "Bois certifié ou local" },
            { id: "c-reemploi", label: "Réemploi de matériaux" },
            { id: "c-dechets", label: "Tri des déchets de chantier" },
          ],
        }),
        q("q-allotissement", "yes_no", "Un découpage en plusieurs lots faciliterait-il votre réponse ?"),
        q("q-clarte", "scale", "Le besoin décrit vous paraît-il clair ?", {
          help: "1 : pas du tout, 5 : tout à fait.",
        }),
        q("q-remarques", "long_text", "Qu'est-ce qui vous empêcherait de répondre à cette consultation ?"),
      ],
    },
  ],
};

const ACTIVITIES = [
  "Menuiserie bois",
  "Insertion par les espaces verts",
  "Travail temporaire d'insertion",
  "Cyclologistique",
  "Maçonnerie",
  "Électricité",
  "Génie climatique",
  "Construction en coopérative",
  "Menuiserie aluminium",
  "Couverture",
];

async function organizationBySlug(slug: string) {
  const organization = await db.organization.findUnique({
    where: { slug },
    select: {
      id: true,
      name: true,
      departement: true,
      memberships: {
        where: { role: "admin" },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { user: { select: { id: true, name: true } } },
      },
    },
  });
  const admin = organization?.memberships[0]?.user;
  if (!organization || !admin) throw new Error(`Demo organisation ${slug} or its administrator is missing`);
  return {
    organization: {
      id: organization.id,
      name: organization.name,
      departement: organization.departement,
    } satisfies BuyerOrganization,
    admin,
  };
}

async function supplier(slug: string): Promise<Supplier> {
  const { organization, admin } = await organizationBySlug(slug);
  return {
    userId: admin.id,
    userName: admin.name,
    organizationId: organization.id,
    organizationName: organization.name,
  };
}

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`Demo sourcing: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

async function revisionOf(id: string) {
  return (await db.questionnaire.findUniqueOrThrow({ where: { id }, select: { draftRevision: true } })).draftRevision;
}

function answersFor(index: number): Record<string, string | string[]> {
  return {
    "q-activite": ACTIVITIES[index % ACTIVITIES.length]!,
    "q-effectif": String(3 + ((index * 7) % 40)),
    "q-statut": ["c-seul", "c-groupement", "c-sous-traitance"][index % 3]!,
    "q-delai": ["c-1m", "c-3m", "c-3m", "c-plus"][index % 4]!,
    "q-materiaux": index % 2 ? ["c-bois", "c-dechets"] : ["c-dechets"],
    "q-allotissement": index % 3 ? "yes" : "no",
    "q-clarte": String(2 + (index % 4)),
    "q-remarques":
      index % 2
        ? "Des délais de paiement courts et un allotissement par secteur géographique."
        : "Une visite du site avant la consultation nous aiderait.",
  };
}

export async function seedDemoSourcing(): Promise<DemoSourcingSummary> {
  const ledgerBefore = await db.ledgerRecord.count();
  const today = todayInParis();

  // ---- the open questionnaire: Métropole Rhône-Confluence -------------------------------------
  const metropole = await organizationBySlug("metropole-rhone-confluence");
  const actor = { id: metropole.admin.id, name: metropole.admin.name };
  const procurement = await db.plannedProcurement.findFirst({
    where: { organizationId: metropole.organization.id, status: { not: "abandoned" }, category: "travaux" },
    orderBy: { expectedPublicationDate: "asc" },
    select: { id: true, title: true },
  });
  if (!procurement) throw new Error("Demo sourcing: the Métropole has no planned works procurement");
  const ctx = await loadCalendarContext(metropole.organization.departement, metropole.organization.id);
  // Two open weeks more than the minimum, on the first allowed day.
  const deadline = nextAllowedDate(ctx, earliestDeadline(ctx, today, SOURCING_MIN_OPEN_DAYS + 2), "response_deadline");
  const created = must(
    await createQuestionnaire(actor, metropole.organization, {
      plannedProcurementId: procurement.id,
      title: `Connaître le marché avant « ${procurement.title} »`,
      introduction: "",
    }),
    "creating the open questionnaire",
  );
  const introduction =
    "La Métropole prépare cette opération et souhaite comprendre comment les entreprises du territoire, petites ou grandes, y répondraient : " +
    "organisation habituelle, délais, pratiques environnementales, obstacles.\n\n" +
    "Vos réponses nous aident à écrire un cahier des charges réaliste et à découper le marché en lots accessibles. Elles ne sont pas une offre et ne vous engagent à rien.";
  must(
    await saveDraftDetails(metropole.organization, created.id, 0, {
      title: `Connaître le marché avant « ${procurement.title} »`,
      introduction,
      deadline,
    }),
    "setting the deadline",
  );
  await write((tx) =>
    tx.questionnaire.update({ where: { id: created.id }, data: { draftContent: JSON.stringify(OPEN_CONTENT) } }),
  );
  must(
    await publishQuestionnaire(actor, metropole.organization, created.id, { revision: await revisionOf(created.id) }),
    "publishing version 1",
  );

  const firstWave = [
    "logiciels-civiques",
    "jardins-de-la-confluence",
    "interim-solidaire-rhone",
    "coursiers-confluence",
    "maconnerie-da-silva",
    "electricite-garnier",
  ];
  const secondWave = ["thermi-loire", "batisseurs-val-de-saone", "rhin-menuiseries-alu", "toitures-hoffmann"];
  for (const [index, slug] of firstWave.entries()) {
    must(
      await saveAnswers(
        await supplier(slug),
        created.id,
        1,
        answersFor(index),
        index === firstWave.length - 1 ? "draft" : "submit",
      ),
      `answer of ${slug}`,
    );
  }
  must(
    await inviteSuppliers(
      actor,
      metropole.organization,
      created.id,
      {
        emails: [],
        organizationIds: [
          (await supplier("thermi-loire")).organizationId,
          (await supplier("batisseurs-val-de-saone")).organizationId,
        ],
      },
      { ip: "seed" },
    ),
    "inviting suppliers",
  );
  // The server's worker would send them within seconds; the demo starts with them sent.
  await runDueJobs(
    { [SOURCING_INVITATIONS_JOB]: sendSourcingInvitations },
    {
      workerId: "seed",
      kinds: [SOURCING_INVITATIONS_JOB],
    },
  );
  const asker = await supplier("jardins-de-la-confluence");
  const asked = must(
    await askClarification(
      asker,
      created.id,
      "Nous sommes un chantier d'insertion : pouvons-nous répondre seulement pour une partie des travaux, et une visite du site est-elle prévue ?",
    ),
    "asking a clarification",
  );
  must(
    await answerClarification(actor, metropole.organization, asked.id, {
      publishedQuestion:
        "Peut-on répondre pour une partie seulement des travaux, et une visite du site est-elle prévue ?",
      answer:
        "Oui : le marché sera découpé en lots et vous pourrez répondre à un seul lot. Une visite ouverte à toutes les entreprises sera organisée pendant la consultation ; sa date sera publiée sur cette page.",
    }),
    "answering the clarification",
  );
  // Version 2: one question reworded, one added. Everyone who answered version 1 is told.
  must(
    await applyDraftOperation(metropole.organization.id, created.id, await revisionOf(created.id), {
      op: "update_question",
      questionId: "q-effectif",
      question: q(
        "q-effectif",
        "number",
        "Combien de personnes, sous-traitants compris, pourraient intervenir sur ce type de prestation ?",
        { unit: "personnes", min: 1, max: 500, required: true },
      ),
    }),
    "editing a question",
  );
  must(
    await applyDraftOperation(metropole.organization.id, created.id, await revisionOf(created.id), {
      op: "add_question",
      sectionId: "s-marche",
      question: q("q-disponibilite", "date", "À partir de quand pourriez-vous démarrer au plus tôt ?"),
    }),
    "adding a question",
  );
  must(
    await publishQuestionnaire(actor, metropole.organization, created.id, {
      revision: await revisionOf(created.id),
      changeNote:
        "La question sur les effectifs inclut désormais les sous-traitants, et une question sur la date de démarrage possible a été ajoutée.",
    }),
    "publishing version 2",
  );
  // Two first-wave suppliers update on version 2; the others may still do so.
  for (const [index, slug] of ["jardins-de-la-confluence", "interim-solidaire-rhone"].entries()) {
    must(
      await saveAnswers(
        await supplier(slug),
        created.id,
        2,
        { ...answersFor(index + 1), "q-disponibilite": addDays(deadline, 60) },
        "submit",
      ),
      `update of ${slug}`,
    );
  }
  for (const [index, slug] of secondWave.entries()) {
    must(
      await saveAnswers(
        await supplier(slug),
        created.id,
        2,
        { ...answersFor(index + 6), "q-disponibilite": addDays(deadline, 45 + index * 10) },
        "submit",
      ),
      `answer of ${slug}`,
    );
  }

  // ---- the closed questionnaire: Agglomération Picardie-Somme ---------------------------------
  const agglo = await organizationBySlug("agglo-picardie-somme");
  const aggloActor = { id: agglo.admin.id, name: agglo.admin.name };
  const aggloProcurement = await db.plannedProcurement.findFirst({
    where: { organizationId: agglo.organization.id, status: { not: "abandoned" } },
    orderBy: { expectedPublicationDate: "asc" },
    select: { id: true, title: true },
  });
  if (!aggloProcurement) throw new Error("Demo sourcing: the Agglomération has no planned procurement");
  const aggloCtx = await loadCalendarContext(agglo.organization.departement, agglo.organization.id);
  const policies = await loadBlockPolicies(agglo.organization.id);
  // Published eight weeks ago (an allowed day), closed on the first allowed day after its minimum window.
  const publishedOn = nextAllowedDate(aggloCtx, addDays(today, -56), "publication");
  const closedDeadline = nextAllowedDate(
    aggloCtx,
    earliestDeadline(aggloCtx, publishedOn, SOURCING_MIN_OPEN_DAYS),
    "response_deadline",
  );
  const closedCheck = checkQuestionnaireDeadline(aggloCtx, policies, {
    deadline: closedDeadline,
    publicationDay: publishedOn,
  });
  if (!closedCheck.ok || closedDeadline >= today)
    throw new Error(`Demo sourcing: no past deadline fits the calendar (${closedDeadline})`);
  const publishedAt = new Date(`${publishedOn}T09:30:00Z`);
  const closed = must(
    await createQuestionnaire(aggloActor, agglo.organization, {
      plannedProcurementId: aggloProcurement.id,
      title: `Sourcing clos : « ${aggloProcurement.title} »`,
      introduction: "",
    }),
    "creating the closed questionnaire",
  );
  must(
    await saveDraftDetails(
      agglo.organization,
      closed.id,
      0,
      {
        title: `Sourcing clos : « ${aggloProcurement.title} »`,
        introduction:
          "L'Agglomération a interrogé les entreprises du territoire avant de rédiger son cahier des charges. Merci à toutes celles qui ont répondu.",
        deadline: closedDeadline,
      },
      publishedOn,
    ),
    "setting the closed deadline",
  );
  const closedContent: QuestionnaireContent = {
    sections: [{ id: "s1", title: "", questions: OPEN_CONTENT.sections[1]!.questions.slice(0, 3) }],
  };
  await write((tx) =>
    tx.questionnaire.update({ where: { id: closed.id }, data: { draftContent: JSON.stringify(closedContent) } }),
  );
  must(
    await publishQuestionnaire(
      aggloActor,
      agglo.organization,
      closed.id,
      { revision: await revisionOf(closed.id) },
      publishedAt,
    ),
    "publishing the closed questionnaire",
  );
  for (const [index, slug] of ["table-de-somme", "picardie-proprete", "somme-paysages"].entries()) {
    const answers = answersFor(index);
    must(
      await saveAnswers(
        await supplier(slug),
        closed.id,
        1,
        {
          "q-delai": answers["q-delai"]!,
          "q-materiaux": answers["q-materiaux"]!,
          "q-allotissement": answers["q-allotissement"]!,
        },
        "submit",
        new Date(publishedAt.getTime() + (index + 2) * 86_400_000),
      ),
      `closed answer of ${slug}`,
    );
  }

  return { questionnaires: 2, ledgerRecords: (await db.ledgerRecord.count()) - ledgerBefore };
}
