// The record page through the real built server, as a browser without JavaScript uses it: who may
// see it (the owner; another buyer gets 404, a visitor the login page), the GET filters, a manual
// entry with a file of exactly 5 Mo, the French messages for bad files and bad fields (the input
// kept, nothing stored), the attachment's download (owner only), and the launch seen on the
// buyer's public page.
import { existsSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "~/calendar/dates";
import { formatDay } from "~/calendar/format";
import { db } from "~/db/db.server";
import { publishEdition } from "~/plan/editions.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MESSAGES } from "~/record/attachments";
import { attachmentsDirectory } from "~/record/attachments.server";
import { MANUAL_ENTRY_MESSAGES } from "~/record/manual-schema";
import { recordManualExchange } from "~/record/manual.server";
import { loadRecordScope } from "~/record/record.server";
import { SIRET_MESSAGES } from "~/organizations/identifiers";
import { simplePdf } from "../../prisma/seed-record";
import { createBuyer, input } from "../plan/fixtures";
import { createSupplier } from "../sourcing/fixtures";
import { sessionCookie, visibleHtml } from "../support/http";
import { must } from "../support/must";
import { startServer, type RunningServer } from "../support/server";
import { recordActorOf } from "./fixtures";

let server: RunningServer;
let buyer: Awaited<ReturnType<typeof createBuyer>>;
let owner: string;
let stranger: string;
let procurementId: string;
let supplier: Awaited<ReturnType<typeof createSupplier>>;
const today = todayInParis();

beforeAll(async () => {
  server = await startServer();
  buyer = await createBuyer({ name: "Ville de Saint-Fons", departement: "69" });
  const other = await createBuyer({ name: "Ville d'Oullins", departement: "69" });
  procurementId = must(await createPlannedProcurement(buyer.actor, buyer.organization, input())).id;
  must(await publishEdition(buyer.actor, buyer.organization.id, { year: 2027, half: 1 }));
  supplier = await createSupplier("Peintures Lambert");
  owner = await sessionCookie(buyer.user.id, buyer.organization.id);
  stranger = await sessionCookie(other.user.id, other.organization.id);
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

const recordPath = () => `/acheteur/achats/${procurementId}/dossier`;

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

async function html(path: string, cookie: string) {
  const response = await get(path, cookie);
  return { status: response.status, html: visibleHtml(await response.text()) };
}

/** The manual entry form, posted as multipart/form-data the way a browser sends it. */
function postEntry(fields: Record<string, string>, file?: { bytes: Buffer; name: string; type?: string }) {
  const form = new FormData();
  const values = {
    intent: "manual",
    exchangedOn: addDays(today, -1),
    channel: "phone",
    supplierOrganizationId: supplier.organization.id,
    supplierName: "",
    supplierSiret: "",
    summary: "Appel de l'entreprise sur le calendrier des travaux de peinture.",
    guardJustification: "",
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) form.append(name, value);
  // No file chosen: browsers still send the part, with an empty name.
  form.append(
    "attachment",
    file
      ? new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/pdf" })
      : new Blob([], { type: "application/octet-stream" }),
    file?.name ?? "",
  );
  return fetch(`${server.url}${recordPath()}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: owner },
    body: form,
    redirect: "manual",
  });
}

function storedFiles(): string[] {
  return existsSync(attachmentsDirectory()) ? readdirSync(attachmentsDirectory()).sort() : [];
}

describe("who sees the record", () => {
  it("answers the owner, 404 for another buyer, the login page for a visitor; the procurement page links to it", async () => {
    const page = await html(recordPath(), owner);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Dossier des échanges : Réfection de la toiture du gymnase");
    expect(page.html).toContain("Programmation publiée");
    expect((await get(recordPath(), stranger)).status).toBe(404);
    expect((await get("/acheteur/achats/n-existe-pas/dossier", owner)).status).toBe(404);
    const visitor = await get(recordPath());
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/connexion\?/);
    // Without JavaScript, a field is sent with the form its form="…" names: every id must be unique,
    // and every such name a form's.
    const raw = await (await get(recordPath(), owner)).text();
    const ids = [...raw.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]!);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    const forms = new Set([...raw.matchAll(/<form[^>]* id="([^"]+)"/g)].map((match) => match[1]!));
    for (const [, target] of raw.matchAll(/ form="([^"]+)"/g)) expect(forms).toContain(target);
    const procurementPage = await html(`/acheteur/achats/${procurementId}`, owner);
    expect(procurementPage.html).toContain(`href="/acheteur/achats/${procurementId}/dossier"`);
  });
});

describe("a manual entry without JavaScript", () => {
  it("keeps a PDF of exactly 5 Mo, stored once under its SHA-256, and shows it on the record", async () => {
    const pdf = Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x20);
    pdf.write("%PDF-1.4\n");
    const response = await postEntry({}, { bytes: pdf, name: "Compte rendu d'appel.pdf" });
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${recordPath()}\\?avant=fin#entree-\\d+$`));
    const sha256 = createHash("sha256").update(pdf).digest("hex");
    expect(storedFiles()).toContain(sha256);
    const page = await html(location.replace(/#.*/, ""), owner);
    expect(page.html).toContain("Échange hors plateforme : téléphone");
    expect(page.html).toContain("Compte rendu d'appel.pdf");
    expect(page.html).toContain(sha256);
  });

  it("refuses a file over 5 Mo next to the field, keeps the other fields, stores nothing", async () => {
    const before = { records: await db.ledgerRecord.count(), files: storedFiles() };
    const pdf = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x20);
    pdf.write("%PDF-1.4\n");
    const response = await postEntry(
      { summary: "Un résumé que le formulaire doit garder." },
      { bytes: pdf, name: "gros.pdf" },
    );
    expect(response.status).toBe(400);
    const page = visibleHtml(await response.text());
    expect(page).toContain(ATTACHMENT_MESSAGES.tooLarge);
    expect(page).toContain("Un résumé que le formulaire doit garder.");
    expect(await db.ledgerRecord.count()).toBe(before.records);
    expect(storedFiles()).toEqual(before.files);
  });

  it("answers a body far over the limit with a French message, not a bare error", async () => {
    const huge = Buffer.alloc(30 * 1024 * 1024, 0x20);
    const response = await postEntry({}, { bytes: huge, name: "enorme.pdf" });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Le fichier joint est bien trop volumineux : 5 Mo au plus.");
  });

  it("refuses a web page and a program disguised as a PDF, by their content", async () => {
    const before = { records: await db.ledgerRecord.count(), files: storedFiles() };
    for (const bytes of [Buffer.from("<!doctype html><script>alert(1)</script>"), Buffer.from("MZ\x90\x00\x03")]) {
      const response = await postEntry({}, { bytes, name: "devis.pdf" });
      expect(response.status).toBe(400);
      expect(visibleHtml(await response.text())).toContain(ATTACHMENT_MESSAGES.disguised(".pdf"));
    }
    expect(await db.ledgerRecord.count()).toBe(before.records);
    expect(storedFiles()).toEqual(before.files);
  });

  it("says what is wrong with the fields, keeps them, and asks for the file again", async () => {
    const before = await db.ledgerRecord.count();
    const response = await postEntry(
      {
        exchangedOn: addDays(today, 2),
        supplierOrganizationId: "",
        supplierName: "Atelier Dupré",
        supplierSiret: "12345678901234",
        summary: "",
      },
      { bytes: simplePdf(["Compte rendu"]), name: "compte-rendu.pdf" },
    );
    expect(response.status).toBe(400);
    const page = visibleHtml(await response.text());
    expect(page).toContain(MANUAL_ENTRY_MESSAGES.dateInFuture);
    expect(page).toContain(SIRET_MESSAGES.checksum);
    expect(page).toContain(MANUAL_ENTRY_MESSAGES.summaryRequired);
    expect(page).toContain(ATTACHMENT_MESSAGES.chooseAgain("compte-rendu.pdf"));
    expect(page).toContain('value="Atelier Dupré"');
    expect(await db.ledgerRecord.count()).toBe(before);
  });

  it("asks for a justification when the summary talks about prices", async () => {
    const response = await postEntry({ summary: "Nous lui avons demandé ses prix unitaires pour comparer." });
    expect(response.status).toBe(400);
    const page = visibleHtml(await response.text());
    expect(page).toContain("Attention : ce texte semble parler de prix ou de conditions du contrat");
    expect(page).toContain("Justification pour inscrire ce résumé quand même");
  });
});

describe("filters and the attachment's download", () => {
  it("filters with a GET form, and drops a filter that makes no sense with a notice", async () => {
    const manual = await html(`${recordPath()}?type=manual.exchange`, owner);
    expect(manual.html).toContain("Échange hors plateforme : téléphone");
    expect(manual.html).not.toContain("a publié l'édition n° 1");
    const edition = await html(`${recordPath()}?type=plan.edition_published&du=${today}`, owner);
    expect(edition.html).toContain("a publié l'édition n° 1");
    const wrong = await html(`${recordPath()}?type=nimporte&du=2027-02-30`, owner);
    expect(wrong.status).toBe(200);
    expect(wrong.html).toContain("Le type d'échange demandé n'existe pas : tous les types sont affichés.");
    expect(wrong.html).toContain("La date de début n'est pas une date valable : elle a été ignorée.");
  });

  it("serves the attachment to the owner with its type and name, and to nobody else", async () => {
    const scope = (await loadRecordScope(buyer.organization.id, procurementId))!;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("image")]);
    const entry = must(
      await recordManualExchange(
        recordActorOf(buyer),
        scope,
        {
          exchangedOn: today,
          channel: "visit",
          supplierName: "Atelier Dupré",
          summary: "Visite du gymnase avec l'entreprise, photo du toit jointe.",
        },
        { fileName: "Photo du toit été.png", size: png.length, bytes: png },
      ),
    );
    const path = `${recordPath()}/pieces/${entry.sequence}`;
    const response = await get(path, owner);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Photo du toit ete.png"; filename*=UTF-8''Photo%20du%20toit%20%C3%A9t%C3%A9.png`,
    );
    expect(Buffer.from(await response.arrayBuffer())).toEqual(png);
    expect((await get(path, stranger)).status).toBe(404);
    expect((await get(`${recordPath()}/pieces/1`, owner)).status).toBe(404);
    expect((await get(path)).status).toBe(302);
  });
});

describe("the launch", () => {
  it("is marked from the record page, then compared with the plan on the buyer's public page", async () => {
    const refused = await fetch(`${server.url}${recordPath()}`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: owner },
      body: new URLSearchParams({
        intent: "launch",
        launchedOn: today,
        noticeReference: "BOAMP 27-000777",
        noticeUrl: "javascript:alert(1)",
      }),
      redirect: "manual",
    });
    expect(refused.status).toBe(400);
    expect(visibleHtml(await refused.text())).toContain("Indiquez une adresse web complète");
    const response = await fetch(`${server.url}${recordPath()}`, {
      method: "POST",
      headers: { Origin: server.origin, Cookie: owner },
      body: new URLSearchParams({
        intent: "launch",
        launchedOn: today,
        noticeReference: "BOAMP 27-000777",
        noticeUrl: "https://www.boamp.fr/avis/27-000777",
      }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    const page = await html(recordPath(), owner);
    expect(page.html).toContain("Consultation lancée le");
    expect(page.html).toContain("Après le lancement");

    const publicPage = visibleHtml(await (await get(`/acheteurs/${buyer.organization.slug}`)).text());
    expect(publicPage).toContain("Annoncé et lancé");
    expect(publicPage).toContain("mars 2027");
    expect(publicPage).toContain(`le ${formatDay(today)}`);
    expect(publicPage).toContain("avis BOAMP 27-000777");
  });
});
