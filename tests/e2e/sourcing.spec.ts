// Fair sourcing end to end, in a real browser: a buyer builds a questionnaire for a planned
// procurement; the price guard fires on a price question; the buyer rewrites it and publishes.
// Supplier A asks a clarification; the buyer answers it for everyone; supplier B sees the answer;
// both submit; the buyer reads the summary and exports the CSV (a button: a POST), then closes the questionnaire
// early and supplier B sees why. Then the procurement's record: a phone call written down with a PDF,
// the launch, the PDF, CSV and signed JSON exports, the JSON checked on /registre/verifier and by the
// offline verifier. axe finds no serious or critical violation on /sourcing, /sourcing/:id, the
// builder, the closing page, the record page and the verification page.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { randomBytes, randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import Database from "better-sqlite3";
import { openDayFrom } from "./days";
import { createVerifiedUser, e2eDatabaseFile, expect, logInAs, test, expectNoSeriousViolations } from "./fixtures";

const now = () => new Date().toISOString().replace("Z", "+00:00");
const newId = () => `e2e${randomUUID().replaceAll("-", "")}`;

/** An organisation with `userId` as administrator (and, for a buyer, one planned procurement), written straight to the e2e database. */
function createOrganization(
  userId: string,
  kind: "buyer" | "supplier",
  name: string,
): { id: string; procurementId: string | null } {
  const suffix = randomBytes(3).toString("hex");
  const id = newId();
  const procurementId = kind === "buyer" ? newId() : null;
  const database = new Database(e2eDatabaseFile(), { fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  try {
    database.transaction(() => {
      if (kind === "buyer") {
        database
          .prepare(
            `INSERT INTO Organization (id, kind, name, slug, departement, siren, buyerKind, verificationStatus, createdAt, updatedAt) VALUES (?, 'buyer', ?, ?, '69', '216902563', 'commune', 'approved', ?, ?)`,
          )
          .run(id, name, `acheteur-${suffix}`, now(), now());
        database
          .prepare(
            `INSERT INTO PlannedProcurement (id, organizationId, title, need, category, cpvCode, valueBand, procedure, expectedPublicationDate, contactName, contactEmail, status, createdById, createdAt, updatedAt)
             VALUES (?, ?, 'Réfection de la toiture du gymnase', 'Remplacer la couverture du gymnase.', 'travaux', '45261210-9', '215k_1m', 'mapa', ?, 'Claire Martin', 'claire@exemple.fr', 'planned', ?, ?, ?)`,
          )
          .run(procurementId, id, openDayFrom(90), userId, now(), now());
      } else {
        database
          .prepare(
            `INSERT INTO Organization (id, kind, name, slug, departement, siret, size, essStatus, verificationStatus, createdAt, updatedAt) VALUES (?, 'supplier', ?, ?, '69', ?, 'TPE', 'none', 'approved', ?, ?)`,
          )
          .run(
            id,
            name,
            `fournisseur-${suffix}`,
            String(Math.floor(Math.random() * 1e14)).padStart(14, "0"),
            now(),
            now(),
          );
      }
      database
        .prepare(`INSERT INTO Membership (id, userId, organizationId, role, createdAt) VALUES (?, ?, ?, 'admin', ?)`)
        .run(newId(), userId, id, now());
    })();
  } finally {
    database.close();
  }
  return { id, procurementId };
}

async function signedInPage(
  browser: Browser,
  baseURL: string,
  name: string,
  kind: "buyer" | "supplier",
  organizationName: string,
) {
  const user = await createVerifiedUser({ name });
  const organization = createOrganization(user.id, kind, organizationName);
  const context = await browser.newContext({ baseURL });
  await logInAs(context, baseURL, user);
  return { page: await context.newPage(), organization, context };
}

test("a buyer builds, is warned about prices, publishes; suppliers ask, read the answer, submit; the buyer summarises and exports", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const suffix = randomBytes(2).toString("hex");
  const buyer = await signedInPage(browser, baseURL!, "Lucie Perret", "buyer", `Commune de Vaugneray ${suffix}`);
  const a = await signedInPage(browser, baseURL!, "Julien Perrin", "supplier", `Couvertures Perrin ${suffix}`);
  const b = await signedInPage(browser, baseURL!, "Aïcha Diallo", "supplier", `Zinguerie Diallo ${suffix}`);
  const page = buyer.page;

  // --- The buyer starts a questionnaire for the planned procurement.
  await page.goto(`/acheteur/sourcing?achat=${buyer.organization.procurementId}`);
  await page.getByLabel("Titre du questionnaire").fill(`Toitures : connaître le marché ${suffix}`);
  await page.getByRole("button", { name: "Créer le questionnaire" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Toitures : connaître le marché ${suffix}` })).toBeVisible();
  const questionnaireId = new URL(page.url()).pathname.split("/").pop()!;

  await page
    .getByLabel("Introduction")
    .fill("Nous préparons la réfection de la toiture du gymnase et voulons comprendre le marché local.");
  await page.getByLabel("Date limite de réponse").fill(openDayFrom(45));
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Informations enregistrées.")).toBeVisible();

  // A price question, then a scale question.
  await page.getByLabel("Question", { exact: true }).fill("Quel serait votre prix unitaire au m² pour cette toiture ?");
  await page.getByRole("button", { name: "Ajouter la question" }).click();
  await expect(page.getByText("Question ajoutée.")).toBeVisible();
  await page.getByText("Ajouter une question à la partie 1").click();
  await expect(page.locator("#add-s1-label")).toHaveValue("");
  await page.locator("#add-s1-label").fill("Le besoin vous paraît-il clair ?");
  await page.locator("#add-s1-type").selectOption("scale");
  await page.getByRole("button", { name: "Ajouter la question" }).click();
  await expect(page.getByText("Question ajoutée.")).toBeVisible();

  // --- The guard fires before publication.
  await expect(
    page.getByRole("heading", { name: "Attention : ce texte semble parler de prix ou de conditions du contrat" }),
  ).toBeVisible();
  await expect(
    page.getByText("Vous pouvez en revanche interroger le marché sur la façon dont les coûts se forment en général"),
  ).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Publier le questionnaire" }).click();
  await expect(
    page.getByText("Reformulez les passages signalés, ou expliquez ici pourquoi vous publiez quand même"),
  ).toBeVisible();

  // --- The buyer rewrites the question about the market's usual cost structure, and publishes.
  const first = page.locator(`li[id^="q-"]`).first();
  await expect(first.locator("details")).toHaveAttribute("open", ""); // opened because of the finding
  await expect(first.getByText("Vigilance prix")).toBeVisible();
  await first
    .getByLabel("Question", { exact: true })
    .fill("Quels sont les principaux postes de coût dans votre secteur ?");
  await page.getByRole("button", { name: "Enregistrer la question 1" }).click();
  await expect(page.getByText("Brouillon enregistré.")).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Attention : ce texte semble parler de prix ou de conditions du contrat" }),
  ).toHaveCount(0);
  await page.getByRole("button", { name: "Publier le questionnaire" }).click();
  await expect(page.getByText("Version n° 1 publiée.")).toBeVisible();

  // --- Public pages, for a visitor's eyes too.
  await a.page.goto("/sourcing");
  await expect(a.page.getByRole("link", { name: `Toitures : connaître le marché ${suffix}` })).toBeVisible();
  await expectNoSeriousViolations(a.page);

  // --- Supplier A asks a clarification.
  await a.page.goto(`/sourcing/${questionnaireId}`);
  await expect(a.page.getByText("n° 1, publiée le")).toBeVisible();
  await expectNoSeriousViolations(a.page);
  await a.page
    .getByLabel("Votre question")
    .fill("Couvertures Perrin : la toiture est-elle accessible par une nacelle ?");
  await a.page.getByRole("button", { name: "Envoyer ma question" }).click();
  await expect(a.page.getByText("Votre question est transmise à l'acheteur.")).toBeVisible();

  // --- The buyer rephrases and answers it for everyone.
  await page.goto(`/acheteur/sourcing/${questionnaireId}/precisions`);
  await expect(page.getByText("posée aujourd'hui")).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Question telle qu'elle sera publiée").fill("La toiture est-elle accessible par une nacelle ?");
  await page.getByLabel("Votre réponse").fill("Oui, par la cour nord du gymnase.");
  await page.getByRole("button", { name: "Publier la question et la réponse pour tous" }).click();
  await expect(page.getByText("Précision publiée pour toutes les entreprises.")).toBeVisible();

  // --- Supplier B sees the answer, without A's name, and submits.
  await b.page.goto(`/sourcing/${questionnaireId}`);
  await expect(b.page.getByText("Oui, par la cour nord du gymnase.")).toBeVisible();
  await expect(b.page.getByText("La toiture est-elle accessible par une nacelle ?")).toBeVisible();
  await expect(b.page.getByText("Couvertures Perrin")).toHaveCount(0);
  await b.page
    .getByLabel("1. Quels sont les principaux postes de coût dans votre secteur ?")
    .fill("Main-d'œuvre et matériaux de couverture.");
  await b.page.getByLabel("4", { exact: true }).check();
  await b.page.getByRole("button", { name: "Déposer ma réponse" }).click();
  await expect(b.page.getByText("Votre réponse est déposée.")).toBeVisible();

  // --- Supplier A submits too.
  await a.page.goto(`/sourcing/${questionnaireId}`);
  await a.page
    .getByLabel("1. Quels sont les principaux postes de coût dans votre secteur ?")
    .fill("Échafaudage, main-d'œuvre, zinc.");
  await a.page.getByLabel("5 (tout à fait)").check();
  await a.page.getByRole("button", { name: "Déposer ma réponse" }).click();
  await expect(a.page.getByText("Votre réponse est déposée.")).toBeVisible();

  // --- The buyer reads the summary and exports the CSV.
  await page.goto(`/acheteur/sourcing/${questionnaireId}/reponses`);
  await expect(page.locator(".sourcing-progress").getByText("Réponses déposées")).toBeVisible();
  // Both suppliers' pages told the server they were shown (a POST from the page, not the GET).
  await expect(page.locator(".sourcing-progress dd").nth(1)).toHaveText("2");
  await expect(page.locator(".sourcing-progress dd").nth(2)).toHaveText("2");
  await expect(page.getByText("Moyenne : 4,5 / 5")).toBeVisible();
  await expect(page.getByText("Main-d'œuvre et matériaux de couverture.")).toBeVisible();
  await expectNoSeriousViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Exporter en CSV/ }).click(),
  ]);
  const csv = readFileSync(await download.path());
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString("utf8");
  expect(text).toContain(`Couvertures Perrin ${suffix}`);
  expect(text).toContain(`Zinguerie Diallo ${suffix}`);
  expect(text.split("\r\n")[0]).toContain(";Q1. Quels sont les principaux postes de coût dans votre secteur ?;");

  // --- The project is postponed: the buyer closes the questionnaire early, with a public reason.
  await page.goto(`/acheteur/sourcing/${questionnaireId}`);
  await page.getByRole("link", { name: "Clore le questionnaire…" }).click();
  await expect(
    page.getByText(
      "2 adresses (entreprises qui ont répondu, commencé une réponse ou été invitées) recevront le même message",
    ),
  ).toBeVisible();
  await expectNoSeriousViolations(page);
  // Submitting without a reason shows the error; once the reason is typed, one click submits (the
  // error is gone while typing, so the button does not move away under the pointer on blur).
  await page.getByRole("button", { name: "Clore le questionnaire maintenant" }).click();
  await expect(page.getByText(/^Expliquez pourquoi le questionnaire est clos avant la date prévue/)).toBeVisible();
  const reason = "La réfection de la toiture est reportée à 2028 : nous vous consulterons de nouveau.";
  await page.getByLabel("Pourquoi clore le questionnaire maintenant ?").fill(reason);
  await page.getByRole("button", { name: "Clore le questionnaire maintenant" }).click();
  await expect(page.getByText("Questionnaire clos.")).toBeVisible();
  await b.page.goto(`/sourcing/${questionnaireId}`);
  await expect(b.page.getByText("Questionnaire clos par l'acheteur le")).toBeVisible();
  await expect(b.page.getByText(reason)).toBeVisible();
  await expect(b.page.getByRole("button", { name: /Mettre à jour ma réponse|Déposer ma réponse/ })).toHaveCount(0);

  // --- The record of the procurement, for the procurement report (issue 15).
  await recordJourney(page, buyer.organization.procurementId!, suffix);

  await Promise.all([buyer.context.close(), a.context.close(), b.context.close()]);
});

/**
 * After the sourcing: the buyer writes down a phone call with a PDF, marks the procurement launched,
 * downloads the PDF, the CSV and the signed JSON of its record; the JSON passes the public
 * verification page and the offline verifier.
 */
async function recordJourney(page: Page, procurementId: string, suffix: string) {
  await page.goto(`/acheteur/achats/${procurementId}/dossier`);
  await expect(page.getByRole("heading", { level: 1, name: /^Dossier des échanges/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Questionnaire publié" }).first()).toBeVisible();

  await page.getByLabel("Date de l'échange").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Comment").selectOption("phone");
  await page.getByLabel("Ou son nom, si elle n'est pas dans la liste").fill(`Charpentes Morel ${suffix}`);
  await page.getByLabel("Résumé de l'échange").fill("Appel de l'entreprise sur le calendrier des travaux d'été.");
  await page.getByLabel("Pièce jointe (facultative)").setInputFiles({
    name: "compte-rendu-appel.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  });
  await page.getByRole("button", { name: "Inscrire l'échange au dossier" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Échange hors plateforme : téléphone" })).toBeVisible();
  await expect(page.getByRole("link", { name: "compte-rendu-appel.pdf" })).toBeVisible();

  await page.getByLabel("Date de publication de l'avis").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Référence de l'avis").fill(`BOAMP 27-${suffix}`);
  await page.getByLabel("Lien vers l'avis").fill("https://www.boamp.fr/avis/detail/27-12345");
  await page.getByRole("button", { name: "Marquer l'achat comme lancé" }).click();
  await expect(page.getByText(/^Consultation lancée le/)).toBeVisible();
  await expectNoSeriousViolations(page);

  const download = async (button: string) => {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: button }).click(),
    ]);
    return readFileSync(await file.path());
  };
  const keys = (await (await page.request.get("/registre/cles.json")).json()) as { keys: { id: string }[] };
  const fingerprint = keys.keys[0]!.id.match(/.{4}/g)!.join(" ");

  const pdf = await download("Télécharger le PDF");
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  for (const heading of [
    "1. Identification",
    "2. Synthèse des mesures de sourcing",
    "3. Égalité de traitement",
    "4. Entreprises concernées",
    "5. Intégrité et vérification",
    "Annexe : chronologie complète",
  ])
    expect(text).toContain(heading);
  expect(text).toMatch(/Réponses déposées 2 /);
  expect(text).toContain(`BOAMP 27-${suffix}`);
  expect(text).toContain(`Empreinte de la clé publique ${fingerprint}`);

  const csv = await download("Télécharger le CSV");
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.toString("utf8")).toContain(`Charpentes Morel ${suffix}`);

  const json = await download("Télécharger le JSON signé");
  await page.goto("/registre/verifier");
  await page
    .getByLabel("Fichier JSON de l'export")
    .setInputFiles({ name: "dossier.json", mimeType: "application/json", buffer: json });
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(
    page.getByText(/Export vérifié : authentique, intact, et identique au registre des échanges/),
  ).toBeVisible();
  await expectNoSeriousViolations(page);

  const file = path.join(tmpdir(), `amont-e2e-dossier-${suffix}.json`);
  writeFileSync(file, json);
  const { stdout } = await promisify(execFile)(process.execPath, ["scripts/verify-export.mjs", file]);
  expect(stdout).toContain("Export vérifié : il est authentique et intact.");
}
