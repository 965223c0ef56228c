// Sourcing over real HTTP on the built server, without JavaScript: the public pages for visitors,
// answering (errors next to the field, input kept, nothing saved), tampered forms, who can read the
// answers and the exports, and the builder's revision check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { sessionCookie, visibleHtml } from "../support/http";
import { sendAllQueuedInvitations } from "../support/invitations";
import { startServer, type RunningServer } from "../support/server";
import { dayFr, nextChristmas } from "../support/days";
import { createBuyer, createSupplier, OPEN_DEADLINE, publishedQuestionnaire, VALID_ANSWERS } from "./fixtures";

let server: RunningServer;
let setup: Awaited<ReturnType<typeof publishedQuestionnaire>>;

beforeAll(async () => {
  server = await startServer();
  setup = await publishedQuestionnaire();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

function post(path: string, cookie: string, fields: [string, string][]) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: cookie },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

function answerFields(answers: Record<string, string>, organizationId: string, intent = "submit"): [string, string][] {
  return [
    ["version", "1"],
    ["organizationId", organizationId],
    ["intent", intent],
    ...Object.entries(answers).map(([id, value]): [string, string] => [`a.${id}`, value]),
  ];
}

describe("public pages", () => {
  it("shows open questionnaires and the frozen version with number and hash to a visitor", async () => {
    const list = visibleHtml(await (await get("/sourcing")).text());
    expect(list).toContain("Toitures : connaître le marché");
    const page = await get(`/sourcing/${setup.questionnaireId}`);
    expect(page.status).toBe(200);
    const html = visibleHtml(await page.text());
    const version = await db.questionnaireVersion.findFirstOrThrow({
      where: { questionnaireId: setup.questionnaireId },
    });
    expect(html).toContain(version.contentHash);
    expect(html).toContain("n° 1, publiée le");
    expect(html).toContain("Quel délai de mobilisation est habituel dans votre secteur ?");
    expect(html).toContain("connectez-vous");
    expect((await get("/sourcing/nexistepas")).status).toBe(404);
  });
});

describe("links from the procurement pages", () => {
  it("the buyer's procurement page lists its questionnaire; the public procurement page links to the open one", async () => {
    const cookie = await sessionCookie(setup.buyer.user.id, setup.organization.id);
    const buyerPage = visibleHtml(await (await get(`/acheteur/achats/${setup.procurementId}`, cookie)).text());
    expect(buyerPage).toContain("Questionnaire de sourcing");
    expect(buyerPage).toContain(`href="/acheteur/sourcing/${setup.questionnaireId}"`);
    const { publishEdition } = await import("~/plan/editions.server");
    const edition = await publishEdition(setup.buyer.actor, setup.organization.id, { year: 2027, half: 1 });
    expect(edition.ok).toBe(true);
    const publicPage = visibleHtml(await (await get(`/plan/${setup.procurementId}`)).text());
    expect(publicPage).toContain(`href="/sourcing/${setup.questionnaireId}"`);
  });
});

describe("answering without JavaScript", () => {
  it("refuses an out-of-bounds number next to the field, keeps the input, saves nothing; then submits", async () => {
    const { user, organization } = await createSupplier("Couvreurs du Rhône");
    const cookie = await sessionCookie(user.id, organization.id);
    const refused = await post(
      `/sourcing/${setup.questionnaireId}`,
      cookie,
      answerFields({ ...VALID_ANSWERS, q2: "9000" }, organization.id),
    );
    expect(refused.status).toBe(400);
    const html = visibleHtml(await refused.text());
    expect(html).toMatch(/id="answer-q2-error"><li>Le nombre doit être au plus 500 personnes\.<\/li>/);
    expect(html).toContain('value="Couverture et zinguerie"');
    expect(await db.questionnaireResponse.count({ where: { supplierOrganizationId: organization.id } })).toBe(0);

    const tampered = await post(
      `/sourcing/${setup.questionnaireId}`,
      cookie,
      answerFields(VALID_ANSWERS, setup.organization.id),
    );
    expect(tampered.status).toBe(403);
    expect(visibleHtml(await tampered.text())).toContain("au nom d'une autre organisation");
    const foreign = await post(
      `/sourcing/${setup.questionnaireId}`,
      cookie,
      answerFields({ ...VALID_ANSWERS, q_from_elsewhere: "x" }, organization.id),
    );
    expect(foreign.status).toBe(400);
    expect(await db.questionnaireResponse.count({ where: { supplierOrganizationId: organization.id } })).toBe(0);

    const saved = await post(
      `/sourcing/${setup.questionnaireId}`,
      cookie,
      answerFields(VALID_ANSWERS, organization.id),
    );
    expect(saved.status).toBe(302);
    const after = visibleHtml(await (await get(`/sourcing/${setup.questionnaireId}`, cookie)).text());
    expect(after).toContain("Réponse déposée le");
    expect(after).toContain("Mettre à jour ma réponse");
  });
});

describe("a new version", () => {
  it("refuses an answer posted to the old version (409, the new version shown, typed answers kept), keeps the old answer readable and pre-fills the new form", async () => {
    const own = await publishedQuestionnaire();
    const { user, organization } = await createSupplier("Couvertures Fidèles");
    const cookie = await sessionCookie(user.id, organization.id);
    expect(
      (await post(`/sourcing/${own.questionnaireId}`, cookie, answerFields(VALID_ANSWERS, organization.id))).status,
    ).toBe(302);
    const { applyDraftOperation, publishQuestionnaire } = await import("~/sourcing/questionnaires.server");
    const { CONTENT } = await import("./fixtures");
    const revision = async () =>
      (await db.questionnaire.findUniqueOrThrow({ where: { id: own.questionnaireId } })).draftRevision;
    await applyDraftOperation(own.organization.id, own.questionnaireId, await revision(), {
      op: "update_question",
      questionId: "q2",
      question: { ...CONTENT.sections[0]!.questions[1]!, label: "Combien de salariés, intérimaires compris ?" },
    });
    expect(
      (
        await publishQuestionnaire(own.buyer.actor, own.organization, own.questionnaireId, {
          revision: await revision(),
          changeNote: "La question 2 compte les intérimaires.",
        })
      ).ok,
    ).toBe(true);

    const stale = await post(
      `/sourcing/${own.questionnaireId}`,
      cookie,
      answerFields({ ...VALID_ANSWERS, q1: "Texte tapé pendant la publication" }, organization.id),
    );
    expect(stale.status).toBe(409);
    const staleHtml = visibleHtml(await stale.text());
    expect(staleHtml).toContain("L'acheteur vient de publier la version n° 2");
    expect(staleHtml).toContain("Combien de salariés, intérimaires compris ?");
    expect(staleHtml).toContain('value="Texte tapé pendant la publication"');
    expect(await db.questionnaireResponse.count({ where: { supplierOrganizationId: organization.id } })).toBe(1);

    const page = visibleHtml(await (await get(`/sourcing/${own.questionnaireId}`, cookie)).text());
    expect(page).toContain("Votre réponse à la version n° 1 (déposée le");
    expect(page).toContain("La question 2 compte les intérimaires.");
    expect(page).toContain('value="Couverture et zinguerie"'); // carried over: question 1 did not change
    expect(page).toContain("Mettre à jour ma réponse");
  });
});

describe("who reads the answers", () => {
  it("another supplier never sees them; another buyer gets 404 on the answers, a response and the export; the owner reads and exports", async () => {
    const a = await createSupplier("Secret Toitures");
    must(
      await post(
        `/sourcing/${setup.questionnaireId}`,
        await sessionCookie(a.user.id, a.organization.id),
        answerFields({ ...VALID_ANSWERS, q1: "Réponse confidentielle A" }, a.organization.id),
      ),
    );
    const response = await db.questionnaireResponse.findFirstOrThrow({
      where: { supplierOrganizationId: a.organization.id },
    });

    const b = await createSupplier("Concurrent Toitures");
    const bCookie = await sessionCookie(b.user.id, b.organization.id);
    expect(visibleHtml(await (await get(`/sourcing/${setup.questionnaireId}`, bCookie)).text())).not.toContain(
      "Réponse confidentielle A",
    );
    expect((await get(`/acheteur/sourcing/${setup.questionnaireId}/reponses`, bCookie)).status).toBe(403);
    expect((await get(`/acheteur/sourcing/${setup.questionnaireId}/export.csv`, bCookie)).status).toBe(403);
    expect((await post(`/acheteur/sourcing/${setup.questionnaireId}/export.csv`, bCookie, [])).status).toBe(403);

    const stranger = await createBuyer({ name: "Autre collectivité", departement: "69" });
    const strangerCookie = await sessionCookie(stranger.user.id, stranger.organization.id);
    for (const path of [
      `/acheteur/sourcing/${setup.questionnaireId}/reponses`,
      `/acheteur/sourcing/${setup.questionnaireId}/reponses/${response.id}`,
      `/acheteur/sourcing/${setup.questionnaireId}/export.csv`,
      `/acheteur/sourcing/${setup.questionnaireId}/export.json`,
    ]) {
      const res = await get(path, strangerCookie);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("Réponse confidentielle A");
    }
    for (const path of [
      `/acheteur/sourcing/${setup.questionnaireId}/export.csv`,
      `/acheteur/sourcing/${setup.questionnaireId}/export.json`,
    ]) {
      const res = await post(path, strangerCookie, []);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("Réponse confidentielle A");
    }

    const ownerCookie = await sessionCookie(setup.buyer.user.id, setup.organization.id);
    const answers = await get(`/acheteur/sourcing/${setup.questionnaireId}/reponses/${response.id}`, ownerCookie);
    expect(answers.status).toBe(200);
    expect(visibleHtml(await answers.text())).toContain("Réponse confidentielle A");
    const csv = await post(`/acheteur/sourcing/${setup.questionnaireId}/export.csv`, ownerCookie, []);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("Réponse confidentielle A");
    expect(
      await db.ledgerRecord.count({ where: { kind: "sourcing.exported", plannedProcurementId: setup.procurementId } }),
    ).toBe(1);
  });
});

/** A member (not an administrator) of the questionnaire's buyer organisation. */
async function buyerMemberCookie(organizationId: string) {
  const member = await write((tx) =>
    tx.user.create({
      data: {
        name: "Agent membre",
        email: `membre-${organizationId}-${Date.now()}@exemple.fr`,
        passwordHash: "x",
        emailVerifiedAt: new Date(),
        memberships: { create: { organizationId, role: "member" } },
      },
    }),
  );
  return sessionCookie(member.id, organizationId);
}

describe("a supplier's draft", () => {
  it("is never shown to the buyer: its detail page is a 404, the list and the counts leave it out", async () => {
    const own = await publishedQuestionnaire();
    const drafting = await createSupplier("Zinguerie Discrète");
    const draft = await post(
      `/sourcing/${own.questionnaireId}`,
      await sessionCookie(drafting.user.id, drafting.organization.id),
      answerFields({ ...VALID_ANSWERS, q1: "Brouillon confidentiel" }, drafting.organization.id, "draft"),
    );
    expect(draft.status).toBe(302);
    const response = await db.questionnaireResponse.findFirstOrThrow({
      where: { supplierOrganizationId: drafting.organization.id, status: "draft" },
    });

    const cookie = await buyerMemberCookie(own.organization.id);
    const detail = await get(`/acheteur/sourcing/${own.questionnaireId}/reponses/${response.id}`, cookie);
    expect(detail.status).toBe(404);
    expect(await detail.text()).not.toContain("Brouillon confidentiel");
    const list = await get(`/acheteur/sourcing/${own.questionnaireId}/reponses`, cookie);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).not.toContain("Zinguerie Discrète");
    expect(html).not.toContain(response.id);
    expect(visibleHtml(html)).not.toContain("Brouillons");
  });
});

describe("no change on a GET", () => {
  it("exports only on a POST (a form on the results page): the GET writes nothing and sends no file", async () => {
    const own = await publishedQuestionnaire();
    const answering = await createSupplier("Charpentes Exportées");
    must(
      await post(
        `/sourcing/${own.questionnaireId}`,
        await sessionCookie(answering.user.id, answering.organization.id),
        answerFields({ ...VALID_ANSWERS, q1: "Réponse à exporter" }, answering.organization.id),
      ),
    );
    const cookie = await buyerMemberCookie(own.organization.id);
    const exports = () =>
      db.ledgerRecord.count({ where: { kind: "sourcing.exported", plannedProcurementId: own.procurementId } });

    const page = await (await get(`/acheteur/sourcing/${own.questionnaireId}/reponses`, cookie)).text();
    expect(page).toMatch(
      new RegExp(`<form[^>]*method="post"[^>]*action="/acheteur/sourcing/${own.questionnaireId}/export\\.csv"`),
    );
    expect(page).toMatch(
      new RegExp(`<form[^>]*method="post"[^>]*action="/acheteur/sourcing/${own.questionnaireId}/export\\.json"`),
    );

    for (const format of ["csv", "json"]) {
      const path = `/acheteur/sourcing/${own.questionnaireId}/export.${format}`;
      const read = await get(path, cookie);
      expect(read.status, path).toBe(303);
      expect(read.headers.get("location")).toBe(`/acheteur/sourcing/${own.questionnaireId}/reponses`);
      expect(await read.text()).not.toContain("Réponse à exporter");
    }
    expect(await exports()).toBe(0);

    const csv = await post(`/acheteur/sourcing/${own.questionnaireId}/export.csv`, cookie, [["version", "1"]]);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="reponses-sourcing-${own.questionnaireId}.csv"`,
    );
    expect(await csv.text()).toContain("Réponse à exporter");
    const json = await post(`/acheteur/sourcing/${own.questionnaireId}/export.json`, cookie, []);
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(json.headers.get("content-disposition")).toContain("attachment");
    expect(await json.text()).toContain("Réponse à exporter");
    expect(await exports()).toBe(2);

    // A form posted from another site is refused before anything is written.
    const forged = await fetch(`${server.url}/acheteur/sourcing/${own.questionnaireId}/export.csv`, {
      method: "POST",
      headers: { Origin: "https://evil.example", Cookie: cookie },
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(await exports()).toBe(2);
  });

  it("records that a supplier opened the questionnaire on a POST from the page, never on the GET", async () => {
    const own = await publishedQuestionnaire();
    const reader = await createSupplier("Couvertures Curieuses");
    const cookie = await sessionCookie(reader.user.id, reader.organization.id);
    const openings = () =>
      db.questionnaireOpening.count({
        where: { questionnaireId: own.questionnaireId, organizationId: reader.organization.id },
      });

    const page = await get(`/sourcing/${own.questionnaireId}`, cookie);
    expect(page.status).toBe(200);
    await page.text();
    expect(await openings()).toBe(0);

    const path = `/sourcing/${own.questionnaireId}/ouvert`;
    const other = await createSupplier("Autre Entreprise");
    expect((await post(path, cookie, [["organizationId", other.organization.id]])).status).toBe(403);
    expect((await get(path, cookie)).status).not.toBe(204);
    expect(await openings()).toBe(0);
    for (let time = 0; time < 2; time++) {
      expect((await post(path, cookie, [["organizationId", reader.organization.id]])).status).toBe(204);
    }
    expect(await openings()).toBe(1);
    const withdrawn = await post(`/sourcing/nexistepas/ouvert`, cookie, [["organizationId", reader.organization.id]]);
    expect(withdrawn.status).toBe(404);
  });
});

describe("builder", () => {
  it("moves a question with a submit button, and refuses a form built on an older revision", async () => {
    const cookie = await sessionCookie(setup.buyer.user.id, setup.organization.id);
    const page = await get(`/acheteur/sourcing/${setup.questionnaireId}`, cookie);
    expect(page.status).toBe(200);
    const revision = String(
      (await db.questionnaire.findUniqueOrThrow({ where: { id: setup.questionnaireId } })).draftRevision,
    );
    const moved = await post(`/acheteur/sourcing/${setup.questionnaireId}`, cookie, [
      ["revision", revision],
      ["questionId", "q3"],
      ["intent", "move_up"],
    ]);
    expect(moved.status).toBe(302);
    const stale = await post(`/acheteur/sourcing/${setup.questionnaireId}`, cookie, [
      ["revision", revision],
      ["questionId", "q1"],
      ["intent", "remove_question"],
    ]);
    expect(stale.status).toBe(409);
    expect(visibleHtml(await stale.text())).toContain(
      "Un autre membre de votre organisation a modifié ce questionnaire",
    );
    const draft = JSON.parse(
      (await db.questionnaire.findUniqueOrThrow({ where: { id: setup.questionnaireId } })).draftContent,
    );
    expect(draft.sections[0].questions.map((q: { id: string }) => q.id)).toEqual(["q1", "q3", "q2", "q4", "q5"]);
    // The public page still shows version 1's order.
    const publicHtml = visibleHtml(await (await get(`/sourcing/${setup.questionnaireId}`)).text());
    expect(publicHtml.indexOf("Combien de salariés")).toBeLessThan(publicHtml.indexOf("Quel délai de mobilisation"));
  });
});

describe("buyer forms without JavaScript", () => {
  it("refuses a Christmas deadline with a one-click proposal, then publishes version 2 only with a justification for a price question", async () => {
    const own = await publishedQuestionnaire();
    const cookie = await sessionCookie(own.buyer.user.id, own.organization.id);
    const path = `/acheteur/sourcing/${own.questionnaireId}`;
    const revision = async () =>
      String((await db.questionnaire.findUniqueOrThrow({ where: { id: own.questionnaireId } })).draftRevision);
    const christmas = nextChristmas(40);
    const details: [string, string][] = [
      ["intent", "details"],
      ["title", "Toitures : connaître le marché"],
      ["introduction", "Quels sont vos tarifs habituels ?"],
      ["deadline", christmas.date],
    ];
    const refused = await post(path, cookie, [...details, ["revision", await revision()]]);
    expect(refused.status).toBe(400);
    const refusedHtml = visibleHtml(await refused.text());
    expect(refusedHtml).toContain(`Date refusée : le ${dayFr(christmas.date)}`);
    expect(refusedHtml).toMatch(
      new RegExp(
        `<button[^>]*name="useDeadline"[^>]*value="${christmas.nextAllowed}"[^>]*>Utiliser le ${dayFr(christmas.nextAllowed)}</button>`,
      ),
    );
    expect(await db.questionnaire.findUniqueOrThrow({ where: { id: own.questionnaireId } })).toMatchObject({
      deadline: OPEN_DEADLINE,
    });
    expect(
      (await post(path, cookie, [...details, ["useDeadline", christmas.nextAllowed], ["revision", await revision()]]))
        .status,
    ).toBe(302);
    expect(await db.questionnaire.findUniqueOrThrow({ where: { id: own.questionnaireId } })).toMatchObject({
      deadline: christmas.nextAllowed,
    });

    const page = visibleHtml(await (await get(path, cookie)).text());
    expect(page).toContain("Attention : ce texte semble parler de prix ou de conditions du contrat");
    expect(page).toContain("Introduction — Demande de prix ou de tarif");
    const withoutJustification = await post(path, cookie, [
      ["intent", "publish"],
      ["revision", await revision()],
      ["changeNote", "Nouvelle date limite et introduction."],
    ]);
    expect(withoutJustification.status).toBe(400);
    expect(visibleHtml(await withoutJustification.text())).toContain("Reformulez les passages signalés");
    const published = await post(path, cookie, [
      ["intent", "publish"],
      ["revision", await revision()],
      ["changeNote", "Nouvelle date limite et introduction."],
      ["guardJustification", "Ordre de grandeur demandé au secteur, validé par le service juridique."],
    ]);
    expect(published.status).toBe(302);
    expect(await db.questionnaireVersion.count({ where: { questionnaireId: own.questionnaireId } })).toBe(2);
  });

  it("sends identical invitations, each on the ledger, and shows a waiting clarification with its age", async () => {
    const own = await publishedQuestionnaire();
    const cookie = await sessionCookie(own.buyer.user.id, own.organization.id);
    const ess = await createSupplier("Ressourcerie Solidaire", { departement: "42", essStatus: "ess" });
    const directory = visibleHtml(
      await (await get(`/acheteur/sourcing/${own.questionnaireId}/invitations?departement=42&ess=ess`, cookie)).text(),
    );
    expect(directory).toContain("Ressourcerie Solidaire");
    const bad = await post(`/acheteur/sourcing/${own.questionnaireId}/invitations`, cookie, [
      ["emails", "pas-une-adresse"],
      ["organizationId", ess.organization.id],
    ]);
    expect(bad.status).toBe(400);
    expect(visibleHtml(await bad.text())).toContain("Adresse(s) invalide(s) : pas-une-adresse. Rien n'a été envoyé.");
    const sent = await post(`/acheteur/sourcing/${own.questionnaireId}/invitations`, cookie, [
      ["emails", "contact@couvreur-invite.fr"],
      ["organizationId", ess.organization.id],
    ]);
    expect(sent.status).toBe(302);
    // Queued by the post, sent by the job worker (run here rather than waiting for the server's timer).
    await sendAllQueuedInvitations();
    const mails = await db.outboxMessage.findMany({
      where: { template: "sourcing-invitation", to: { in: ["contact@couvreur-invite.fr", ess.user.email] } },
    });
    expect(mails).toHaveLength(2);
    expect(mails[0]!.html).toBe(mails[1]!.html);
    expect(
      await db.ledgerRecord.count({
        where: { kind: "sourcing.invitation_sent", plannedProcurementId: own.procurementId },
      }),
    ).toBe(2);

    const asker = await createSupplier("Couvreur Curieux");
    const asked = await post(
      `/sourcing/${own.questionnaireId}`,
      await sessionCookie(asker.user.id, asker.organization.id),
      [
        ["intent", "ask"],
        ["organizationId", asker.organization.id],
        ["question", "La charpente a-t-elle été diagnostiquée ?"],
      ],
    );
    expect(asked.status).toBe(302);
    // Three days and an hour ago: "3 jours" whatever the few seconds between this clock and the server's.
    await write((tx) =>
      tx.clarification.updateMany({
        where: { questionnaireId: own.questionnaireId },
        data: { askedAt: new Date(Date.now() - 3 * 86_400_000 - 3_600_000) },
      }),
    );
    const pending = visibleHtml(
      await (await get(`/acheteur/sourcing/${own.questionnaireId}/precisions`, cookie)).text(),
    );
    expect(pending).toContain("La charpente a-t-elle été diagnostiquée ?");
    expect(pending).toContain("en attente depuis 3 jours");
  });
});

function must(response: Response): Response {
  if (response.status !== 302) throw new Error(`expected a redirect, got ${response.status}`);
  return response;
}

describe("closing before the deadline", () => {
  it("asks for a reason next to the field (input kept, nothing closed), then closes: the public page shows why and answers are refused", async () => {
    const own = await publishedQuestionnaire();
    const answering = await createSupplier("Couvertures du Beaujolais");
    const supplierCookie = await sessionCookie(answering.user.id, answering.organization.id);
    expect(
      (
        await post(
          `/sourcing/${own.questionnaireId}`,
          supplierCookie,
          answerFields(VALID_ANSWERS, answering.organization.id),
        )
      ).status,
    ).toBe(302);

    const buyerCookie = await sessionCookie(own.buyer.user.id, own.organization.id);
    const builder = visibleHtml(await (await get(`/acheteur/sourcing/${own.questionnaireId}`, buyerCookie)).text());
    expect(builder).toContain(`href="/acheteur/sourcing/${own.questionnaireId}/clore"`);
    const page = visibleHtml(await (await get(`/acheteur/sourcing/${own.questionnaireId}/clore`, buyerCookie)).text());
    expect(page).toContain(
      "1 adresse (entreprises qui ont répondu, commencé une réponse ou été invitées) recevra le même message",
    );

    const short = await post(`/acheteur/sourcing/${own.questionnaireId}/clore`, buyerCookie, [["reason", "Reporté"]]);
    expect(short.status).toBe(400);
    const shortHtml = visibleHtml(await short.text());
    expect(shortHtml).toMatch(/id="clore-reason-error"[^>]*><li>[^<]*au moins 20 caractères/);
    expect(shortHtml).toContain(">Reporté</textarea>");
    expect((await db.questionnaire.findUniqueOrThrow({ where: { id: own.questionnaireId } })).closedEarlyAt).toBeNull();

    const stranger = await createBuyer({ name: "Syndicat voisin", departement: "69" });
    const strangerCookie = await sessionCookie(stranger.user.id, stranger.organization.id);
    expect(
      (
        await post(`/acheteur/sourcing/${own.questionnaireId}/clore`, strangerCookie, [
          ["reason", "Une raison assez longue pour passer la validation."],
        ])
      ).status,
    ).toBe(404);

    const reason = "Le conseil a reporté les travaux de toiture à 2028 ; nous vous consulterons de nouveau.";
    const closed = await post(`/acheteur/sourcing/${own.questionnaireId}/clore`, buyerCookie, [["reason", reason]]);
    expect(closed.status).toBe(302);
    expect(closed.headers.get("location")).toBe(`/acheteur/sourcing/${own.questionnaireId}`);

    const publicPage = visibleHtml(await (await get(`/sourcing/${own.questionnaireId}`)).text());
    expect(publicPage).toContain("Questionnaire clos par l'acheteur le");
    expect(publicPage).toContain(reason);
    expect(visibleHtml(await (await get("/sourcing")).text())).not.toContain(`/sourcing/${own.questionnaireId}"`);

    const late = await post(
      `/sourcing/${own.questionnaireId}`,
      supplierCookie,
      answerFields({ ...VALID_ANSWERS, q2: "40" }, answering.organization.id),
    );
    expect(late.status).toBe(400);
    expect(visibleHtml(await late.text())).toContain("L'acheteur a clos ce questionnaire avant la date prévue");
    const stored = await db.questionnaireResponse.findFirstOrThrow({ where: { questionnaireId: own.questionnaireId } });
    expect(JSON.parse(stored.answers)).toMatchObject({ q2: 12 });
  });
});
