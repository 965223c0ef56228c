// Erasing a person without an account over real HTTP on the built server (decision 0027, amended
// 2026-12-08): Sylvie Moreau, a sole trader, was invited to a buyer's questionnaire by her typed
// address and named in a manual entry of the procurement's record, with her quote attached. The
// admin page refuses others, answers bad input next to the fields, previews, lets the admin open the
// attachment, erases with the file ticked; the buyer's record then says the attachment was erased,
// its download answers 410 with a French page, and neither her name nor her address is left in the
// database file.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_ADDRESS_MESSAGE, NOTHING_FOUND_MESSAGE } from "~/auth/erasure-without-account.server";
import { addDays, todayInParis } from "~/calendar/dates";
import { connectDatabase, db, truncateWriteAheadLog, write } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { ERASED_ATTACHMENT_NOTICE } from "~/record/attachments";
import { recordManualExchange } from "~/record/manual.server";
import { loadRecordScope } from "~/record/record.server";
import { inviteSuppliers } from "~/sourcing/invitations.server";
import { simplePdf } from "../../prisma/seed-record";
import { recordActorOf } from "../record/fixtures";
import { createSupplier, publishedQuestionnaire } from "../sourcing/fixtures";
import { databaseBytes } from "../support/database-bytes";
import { sessionCookie, visibleHtml } from "../support/http";
import { sendQueuedInvitations } from "../support/invitations";
import { must } from "../support/must";
import { startServer, type RunningServer } from "../support/server";

const SYLVIE = { email: "sylvie.moreau@exemple.fr", name: "Sylvie Moreau" };
const PDF = simplePdf(["Devis de Sylvie Moreau, électricienne", "Mise aux normes du tableau"]);

let server: RunningServer;
let admin: string;
let supplier: Awaited<ReturnType<typeof createSupplier>>;
let supplierCookie: string;
let buyerCookie: string;
let procurementId: string;
let entrySequence: number;

beforeAll(async () => {
  await connectDatabase();
  const adminUser = await write((tx) =>
    tx.user.create({
      data: { email: "admin@exemple.fr", name: "Camille Roux", passwordHash: "x", isPlatformAdmin: true },
    }),
  );
  admin = await sessionCookie(adminUser.id);
  supplier = await createSupplier("Électricité Bernard");
  supplierCookie = await sessionCookie(supplier.user.id, supplier.organization.id);
  const setup = await publishedQuestionnaire({ buyerName: "Ville de Meyzieu" });
  procurementId = setup.procurementId;
  buyerCookie = await sessionCookie(setup.buyer.user.id, setup.buyer.organization.id);
  must(
    await inviteSuppliers(
      setup.buyer.actor,
      setup.organization,
      setup.questionnaireId,
      { emails: [SYLVIE.email], organizationIds: [] },
      { ip: "10.0.0.1" },
    ),
  );
  await sendQueuedInvitations();
  const scope = (await loadRecordScope(setup.buyer.organization.id, procurementId))!;
  entrySequence = must(
    await recordManualExchange(
      recordActorOf(setup.buyer),
      scope,
      {
        exchangedOn: addDays(todayInParis(), -1),
        channel: "phone",
        supplierName: SYLVIE.name,
        summary: "Appel de Sylvie Moreau : elle répondra au questionnaire.",
      },
      { fileName: "tableau.pdf", size: PDF.byteLength, bytes: PDF },
    ),
  ).sequence;
  server = await startServer();
}, 180_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, form: [string, string][], cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form),
  });
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
}

describe("the erasure of a person without an account, on the platform admins' page", () => {
  it("is refused to everyone else, and to them the attachment too", async () => {
    expect((await get("/admin/effacement", supplierCookie)).status).toBe(403);
    const refused = await post(
      "/admin/effacement",
      [
        ["intent", "erase-without-account"],
        ["email", SYLVIE.email],
      ],
      supplierCookie,
    );
    expect(refused.status).toBe(403);
    expect((await get(`/admin/effacement/pieces/${entrySequence}`, supplierCookie)).status).toBe(403);
    expect((await get(`/admin/effacement/pieces/${entrySequence}`)).headers.get("location")).toMatch(/^\/connexion/);
    expect(await db.questionnaireInvitation.count({ where: { email: SYLVIE.email } })).toBe(1);
  });

  it("answers next to the fields: a short name, an account's address, nothing matching", async () => {
    const page = await get("/admin/effacement", admin);
    expect(page.status).toBe(200);
    const pageHtml = visibleHtml(await page.text());
    expect(pageHtml).toContain("La personne n'a pas de compte");
    expect(pageHtml).toContain("Nom complet de la personne");
    const ledgerBefore = await db.ledgerRecord.count();

    const short = await post(
      "/admin/effacement",
      [
        ["intent", "preview-without-account"],
        ["name", "Al"],
      ],
      admin,
    );
    expect(short.status).toBe(400);
    expect(visibleHtml(await short.text())).toMatch(
      /id="effacement-sans-compte-name-error"><li>Indiquez le nom complet \(prénom et nom\) : 3 caractères au moins/,
    );

    const account = await post(
      "/admin/effacement",
      [
        ["intent", "preview-without-account"],
        ["email", supplier.user.email],
      ],
      admin,
    );
    expect(account.status).toBe(400);
    const accountHtml = visibleHtml(await account.text());
    expect(accountHtml).toContain(`id="effacement-sans-compte-email-error"><li>${ACCOUNT_ADDRESS_MESSAGE}`);
    expect(accountHtml).toContain(`value="${supplier.user.email}"`);

    const nothing = await post(
      "/admin/effacement",
      [
        ["intent", "erase-without-account"],
        ["name", "Personne Inconnue"],
      ],
      admin,
    );
    expect(nothing.status).toBe(400);
    expect(visibleHtml(await nothing.text())).toContain(
      `id="effacement-sans-compte-name-error"><li>${NOTHING_FOUND_MESSAGE}`,
    );
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);
  });

  it("previews, lets the admin open the attachment, erases it with the ticked file; the record says so and the file answers 410", async () => {
    const sha256 = createHash("sha256").update(PDF).digest("hex");
    const preview = await post(
      "/admin/effacement",
      [
        ["intent", "preview-without-account"],
        ["email", SYLVIE.email],
        ["name", SYLVIE.name],
      ],
      admin,
    );
    expect(preview.status).toBe(200);
    const previewHtml = visibleHtml(await preview.text());
    expect(previewHtml).toContain(`Ce qui sera effacé pour ${SYLVIE.name}, ${SYLVIE.email}`);
    expect(previewHtml).toContain("« Toitures : connaître le marché » (Ville de Meyzieu)");
    expect(previewHtml).toContain(`Entrées du dossier d'un achat qui la citent : n° ${entrySequence}`);
    expect(previewHtml).toContain(`href="/admin/effacement/pieces/${entrySequence}"`);
    expect(previewHtml).toContain(`value="${sha256}"`);
    // The address travels in the page's hidden field, never in a URL.
    expect(previewHtml).not.toMatch(/href="[^"]*sylvie/i);

    const opened = await get(`/admin/effacement/pieces/${entrySequence}`, admin);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await opened.arrayBuffer())).toEqual(PDF);

    const erased = await post(
      "/admin/effacement",
      [
        ["intent", "erase-without-account"],
        ["email", SYLVIE.email],
        ["name", SYLVIE.name],
        ["attachments", sha256],
      ],
      admin,
    );
    expect(erased.status).toBe(302);
    expect(erased.headers.get("location")).toBe("/admin/effacement");
    const after = visibleHtml(await (await get("/admin/effacement", `${admin}; ${cookiesOf(erased)}`)).text());
    expect(after).toContain("Les données de cette personne sont effacées.");
    expect(after).toContain("1 pièce jointe supprimée");

    // The buyer's record: the entry is there, marked, the attachment replaced by the notice.
    const record = await get(`/acheteur/achats/${procurementId}/dossier`, buyerCookie);
    expect(record.status).toBe(200);
    const recordHtml = visibleHtml(await record.text());
    expect(recordHtml).toContain("Effacé à la demande de la personne concernée (RGPD)");
    expect(recordHtml).toContain(ERASED_ATTACHMENT_NOTICE);
    expect(recordHtml).toContain(sha256);
    expect(recordHtml).not.toContain(`/dossier/pieces/${entrySequence}"`);
    expect(recordHtml).not.toContain(SYLVIE.name);
    expect(recordHtml).not.toContain(SYLVIE.email);

    const gone = await get(`/acheteur/achats/${procurementId}/dossier/pieces/${entrySequence}`, buyerCookie);
    expect(gone.status).toBe(410);
    expect(gone.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const goneHtml = await gone.text();
    expect(goneHtml).toContain('<html lang="fr">');
    expect(goneHtml).toContain(`${ERASED_ATTACHMENT_NOTICE}.`);
    expect(goneHtml).toContain(`href="/acheteur/achats/${procurementId}/dossier"`);
    expect((await get(`/admin/effacement/pieces/${entrySequence}`, admin)).status).toBe(410);

    expect(await verifyLedger()).toMatchObject({ ok: true });
    expect(await truncateWriteAheadLog()).toBe(true);
    for (const { path, bytes } of databaseBytes())
      for (const trace of [SYLVIE.name, SYLVIE.email]) expect(bytes.includes(trace), `${trace} in ${path}`).toBe(false);
  });
});
