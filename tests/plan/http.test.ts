// The buyer's pages over real HTTP on the built server, without JavaScript: a refused date comes
// back with its reasons and a "Utiliser le …" button; pressing it puts the proposed date in the
// form; saving, adding a lot, publishing an edition, access control.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { sessionCookie, visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { BASE_INPUT, createBuyer } from "./fixtures";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

/** The name and value of the submit button whose text is `label` (in the page's raw HTML). */
function buttonNamed(html: string, label: string): { name: string; value: string } {
  const buttons = html.match(/<button\b[^>]*>[\s\S]*?<\/button>/g) ?? [];
  const button = buttons.find((candidate) => visibleHtml(candidate.replace(/<[^>]+>/g, "")).trim() === label);
  if (!button) throw new Error(`No button "${label}" in:\n${buttons.join("\n")}`);
  const attribute = (name: string) => visibleHtml(new RegExp(`\\s${name}="([^"]*)"`).exec(button)?.[1] ?? "");
  return { name: attribute("name"), value: attribute("value") };
}

function post(path: string, cookie: string, body: URLSearchParams) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: cookie },
    body,
    redirect: "manual",
  });
}

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields);
}

describe("buyer pages without JavaScript", () => {
  it("refuses a Christmas date with its reasons, proposes the next date in one click, then saves", async () => {
    const { user, organization } = await createBuyer({
      name: "Communauté de communes du Pays de l'Arbresle",
      departement: "69",
    });
    const cookie = await sessionCookie(user.id, organization.id);
    const fields = {
      ...BASE_INPUT,
      expectedPublicationDate: "2026-12-21",
      responseDeadline: "2027-02-12",
      reserved: "none",
    };

    const refused = await post("/acheteur/achats/nouveau", cookie, form(fields));
    expect(refused.status).toBe(400);
    const refusedRaw = await refused.text();
    const refusedHtml = visibleHtml(refusedRaw);
    expect(refusedHtml).toContain("Date refusée : le lundi 21 décembre 2026 tombe pendant Vacances de Noël (zone A)");
    expect(refusedHtml).toContain("Prochaine date possible : lundi 4 janvier 2027.");
    expect(refusedHtml).toContain('value="Réfection de la toiture du gymnase"'); // what was typed is kept
    const useProposal = buttonNamed(refusedRaw, "Utiliser le lundi 4 janvier 2027");
    expect(useProposal.name).toBe("__intent__");

    const proposed = await post(
      "/acheteur/achats/nouveau",
      cookie,
      form({ ...fields, [useProposal.name]: useProposal.value }),
    );
    expect(proposed.status).toBe(200);
    const proposedHtml = visibleHtml(await proposed.text());
    expect(proposedHtml).toMatch(
      /name="expectedPublicationDate"[^>]*value="2027-01-04"|value="2027-01-04"[^>]*name="expectedPublicationDate"/,
    );
    expect(proposedHtml).not.toContain("Date refusée");
    expect(proposedHtml).toContain('value="Réfection de la toiture du gymnase"');
    expect(await db.plannedProcurement.count({ where: { organizationId: organization.id } })).toBe(0);

    const saved = await post(
      "/acheteur/achats/nouveau",
      cookie,
      form({ ...fields, expectedPublicationDate: "2027-01-04" }),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/acheteur/achats");
    const stored = await db.plannedProcurement.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(stored.expectedPublicationDate).toBe("2027-01-04");

    const list = await fetch(`${server.url}/acheteur/achats`, { headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    const listHtml = visibleHtml(await list.text());
    expect(listHtml).toContain("Réfection de la toiture du gymnase");
    expect(listHtml).toContain("Publier la programmation du 1er semestre 2027");
  });

  it("adds a lot with the « Ajouter un lot » button", async () => {
    const { user, organization } = await createBuyer({ name: "Commune de Lentilly", departement: "69" });
    const cookie = await sessionCookie(user.id, organization.id);
    const page = await (await fetch(`${server.url}/acheteur/achats/nouveau`, { headers: { Cookie: cookie } })).text();
    const add = buttonNamed(page, "Ajouter un lot");
    const withOneRaw = await (
      await post("/acheteur/achats/nouveau", cookie, form({ ...BASE_INPUT, [add.name]: add.value }))
    ).text();
    const withOne = visibleHtml(withOneRaw);
    expect(withOne).toContain("Intitulé du lot 1");
    expect(withOne).not.toContain("Donnez un intitulé à ce lot.");
    const addAgain = buttonNamed(withOneRaw, "Ajouter un lot");
    const withTwo = visibleHtml(
      await (
        await post(
          "/acheteur/achats/nouveau",
          cookie,
          form({ ...BASE_INPUT, "lots[0].title": "Désamiantage", [addAgain.name]: addAgain.value }),
        )
      ).text(),
    );
    expect(withTwo).toContain("Intitulé du lot 2");
    expect(withTwo).toContain('value="Désamiantage"');
  });

  it("publishes an edition from the preview page", async () => {
    const { user, organization } = await createBuyer({ name: "Commune de Sain-Bel", departement: "69" });
    const cookie = await sessionCookie(user.id, organization.id);
    expect((await post("/acheteur/achats/nouveau", cookie, form({ ...BASE_INPUT }))).status).toBe(302);
    const preview = visibleHtml(
      await (
        await fetch(`${server.url}/acheteur/programmation?semestre=2027-S1`, { headers: { Cookie: cookie } })
      ).text(),
    );
    expect(preview).toContain("Première édition du 1er semestre 2027");
    expect(preview).toContain("Publier l'édition n° 1");
    const published = await post("/acheteur/programmation", cookie, form({ semestre: "2027-S1" }));
    expect(published.status).toBe(302);
    expect(await db.planEdition.count({ where: { organizationId: organization.id, number: 1, isLatest: true } })).toBe(
      1,
    );
    const again = await post("/acheteur/programmation", cookie, form({ semestre: "2027-S1" }));
    expect(again.status).toBe(400);
    expect(visibleHtml(await again.text())).toContain("Rien n'a changé depuis l'édition n° 1");
  });

  it("renders the edit page, the calendar settings and the territory view, and withdraws with a reason", async () => {
    const { user, organization } = await createBuyer({ name: "Commune de Savigny", departement: "69" });
    const cookie = await sessionCookie(user.id, organization.id);
    expect(
      (await post("/acheteur/achats/nouveau", cookie, form({ ...BASE_INPUT, "lots[0].title": "Couverture" }))).status,
    ).toBe(302);
    const { id } = await db.plannedProcurement.findFirstOrThrow({ where: { organizationId: organization.id } });

    const edit = visibleHtml(
      await (await fetch(`${server.url}/acheteur/achats/${id}`, { headers: { Cookie: cookie } })).text(),
    );
    expect(edit).toContain('value="Couverture"');
    expect(edit).toContain("Retirer l'achat");
    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });
    expect(
      (
        await fetch(`${server.url}/acheteur/achats/${id}`, {
          headers: { Cookie: await sessionCookie(stranger.user.id, stranger.organization.id) },
        })
      ).status,
    ).toBe(404);

    const tooShort = await post(`/acheteur/achats/${id}`, cookie, form({ _form: "withdraw", reason: "Non" }));
    expect(tooShort.status).toBe(400);
    expect(visibleHtml(await tooShort.text())).toContain("Expliquez le motif en une phrase");
    const withdrawn = await post(
      `/acheteur/achats/${id}`,
      cookie,
      form({ _form: "withdraw", reason: "Le besoin est couvert par le syndicat intercommunal." }),
    );
    expect(withdrawn.status).toBe(302);
    const after = visibleHtml(
      await (await fetch(`${server.url}/acheteur/achats/${id}`, { headers: { Cookie: cookie } })).text(),
    );
    expect(after).toContain("Achat retiré");
    expect(after).toContain("Le besoin est couvert par le syndicat intercommunal.");

    const calendar = visibleHtml(
      await (await fetch(`${server.url}/acheteur/calendrier`, { headers: { Cookie: cookie } })).text(),
    );
    expect(calendar).toContain("Accepter avec une justification écrite");
    expect(calendar).toContain("Vacances de Noël (zone A)");
    const added = await post(
      "/acheteur/calendrier",
      cookie,
      form({ _action: "add-period", label: "Fermeture estivale", startDate: "2027-08-02", endDate: "2027-08-20" }),
    );
    expect(added.status).toBe(302);
    expect(
      await db.organizationBlockedPeriod.count({
        where: { organizationId: organization.id, label: "Fermeture estivale" },
      }),
    ).toBe(1);

    const territory = visibleHtml(
      await (
        await fetch(`${server.url}/territoire?territoire=r-84&debut=2026-12-21`, { headers: { Cookie: cookie } })
      ).text(),
    );
    expect(territory).toContain("la région Auvergne-Rhône-Alpes");
    expect(territory).toContain("Semaine entièrement bloquée.");
  });

  it("answers 403 in French to members of an organisation that is not a buyer, and shows the territory to relays", async () => {
    const { user, organization } = await createBuyer({
      name: "CCI Test",
      departement: "69",
      kind: "relay",
      territory: ["69", "42"],
    });
    const cookie = await sessionCookie(user.id, organization.id);
    const response = await fetch(`${server.url}/acheteur/achats`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(403);
    expect(visibleHtml(await response.text())).toContain("Cette page est réservée aux membres d'un acheteur public.");
    const territory = await fetch(`${server.url}/territoire`, { headers: { Cookie: cookie } });
    expect(territory.status).toBe(200);
    const html = visibleHtml(await territory.text());
    expect(html).toContain("Lancements prévus sur le territoire");
    expect(html).toContain("votre territoire (");
  });

  it("lets only organisation admins change the calendar policies", async () => {
    const { user, organization } = await createBuyer({
      name: "Commune de Fleurieux",
      departement: "69",
      role: "member",
    });
    const cookie = await sessionCookie(user.id, organization.id);
    const page = await fetch(`${server.url}/acheteur/calendrier`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(visibleHtml(await page.text())).toContain(
      "Seuls les administrateurs de votre organisation peuvent changer ces choix.",
    );
    const attempt = await post(
      "/acheteur/calendrier",
      cookie,
      form({
        _action: "policies",
        policySchoolHoliday: "refuse",
        policyPublicHoliday: "refuse",
        policyQuietPeriod: "refuse",
        policyOwnPeriod: "refuse",
      }),
    );
    expect(attempt.status).toBe(403);
    expect((await db.organization.findUniqueOrThrow({ where: { id: organization.id } })).policySchoolHoliday).toBe(
      "justify",
    );
  });
});
