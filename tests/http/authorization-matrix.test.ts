// Authorization matrix: every route module with a loader or an action, requested over real HTTP by
// each kind of caller (visitor, supplier member, member of another buyer, relay member, the buyer's
// own admin) on the records of one seeded buyer (Métropole Rhône-Confluence, demo data) and of one
// seeded supplier. What is not the caller's own answers 404 (or 403 when the caller's kind of
// organisation may never go there, or the login page for a visitor), never data; and a refused post
// changes nothing in the database. A route module this table does not know fails the test, so a new
// route is covered the day it is added.
import { readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db } from "~/db/db.server";
import { createQuestionnaire } from "~/sourcing/questionnaires.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { seedDemoData } from "../../prisma/seed";
import { input as procurementInput } from "../plan/fixtures";
import { openDayFrom } from "../support/days";
import { sessionCookie } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const ROLES = ["visitor", "supplier", "otherBuyer", "relay", "owner"] as const;
type Role = (typeof ROLES)[number];

/**
 * What a caller must get. "ok": 2xx, or a redirect elsewhere than the login page; "login": a redirect to
 * /connexion; "notFound": 404; "forbidden": 403 or 404 (the caller's kind of organisation never goes there);
 * "refused": 403, 404, or back to the account page with an error (a form the caller could not have been shown);
 * "methodNotAllowed": 405 (a route that only takes posts, once it knows the caller may use it).
 */
type Outcome = "ok" | "login" | "notFound" | "forbidden" | "refused" | "methodNotAllowed";

interface Records {
  buyerId: string;
  supplierId: string;
  supplierSiret: string;
  draftProcurementId: string;
  procurementId: string;
  draftQuestionnaireId: string;
  questionnaireId: string;
  submittedResponseId: string;
  draftResponseId: string;
  eventId: string;
  standId: string;
  buyerSlug: string;
  editionSemester: string;
  editionNumber: string;
  openDay: string;
  relayId: string;
  relaySlug: string;
  alertId: string;
}

interface Case {
  method: "GET" | "POST";
  /** The path, with `:name` standing for the seeded record `records[name]`. */
  url: string;
  expect: Record<Role, Outcome>;
  body?: Record<string, string> | ((records: Records) => Record<string, string>);
}

/** A page of the buyer's back office, about one of its records: the owner only. */
const BUYER_ONLY: Record<Role, Outcome> = {
  visitor: "login",
  supplier: "forbidden",
  otherBuyer: "notFound",
  relay: "forbidden",
  owner: "ok",
};
/** The same, posted: every non-owner is refused before anything is read from the form. */
const BUYER_ONLY_POST: Record<Role, Outcome> = { ...BUYER_ONLY, owner: "ok" };
/** A buyer's back-office page that lists the caller's own organisation's records (no record in the URL). */
const ANY_BUYER: Record<Role, Outcome> = {
  visitor: "login",
  supplier: "forbidden",
  otherBuyer: "ok",
  relay: "forbidden",
  owner: "ok",
};
const PUBLIC: Record<Role, Outcome> = { visitor: "ok", supplier: "ok", otherBuyer: "ok", relay: "ok", owner: "ok" };
const NOBODY: Record<Role, Outcome> = {
  visitor: "notFound",
  supplier: "notFound",
  otherBuyer: "notFound",
  relay: "notFound",
  owner: "notFound",
};
const SIGNED_IN: Record<Role, Outcome> = { ...PUBLIC, visitor: "login" };
/** A supplier's own page: members of the seeded supplier only. */
const SUPPLIER_MEMBER: Record<Role, Outcome> = {
  visitor: "login",
  supplier: "ok",
  otherBuyer: "forbidden",
  relay: "forbidden",
  owner: "forbidden",
};
const PLATFORM_ADMIN: Record<Role, Outcome> = {
  visitor: "login",
  supplier: "forbidden",
  otherBuyer: "forbidden",
  relay: "forbidden",
  owner: "forbidden",
};
const ANONYMOUS_ONLY: Record<Role, Outcome> = {
  visitor: "ok",
  supplier: "ok",
  otherBuyer: "ok",
  relay: "ok",
  owner: "ok",
};

const get = (url: Case["url"], expectation: Record<Role, Outcome>): Case => ({
  method: "GET",
  url,
  expect: expectation,
});
const post = (url: Case["url"], expectation: Record<Role, Outcome>, body: Case["body"] = {}): Case => ({
  method: "POST",
  url,
  expect: expectation,
  body,
});

/** Every route module, by file name: its cases, or why it holds nothing of an organisation's. */
const MATRIX: Record<string, Case[]> = {
  "$.tsx": [get("/nulle-part", NOBODY)],
  "_index.tsx": [get("/", PUBLIC)],
  "sitemap[.]xml.ts": [get("/sitemap.xml", PUBLIC)],
  "[.]well-known.security[.]txt.ts": [get("/.well-known/security.txt", PUBLIC)],
  "accessibilite.tsx": [get("/accessibilite", PUBLIC)],
  "mentions-legales.tsx": [get("/mentions-legales", PUBLIC)],
  "confidentialite.tsx": [get("/confidentialite", PUBLIC)],
  "contact.tsx": [get("/contact", PUBLIC)],
  "healthz.ts": [get("/healthz", PUBLIC)],

  // The buyer's back office: the record in the URL belongs to the seeded buyer.
  "acheteur._index.tsx": [get("/acheteur", ANY_BUYER)],
  "acheteur.achats._index.tsx": [get("/acheteur/achats", ANY_BUYER)],
  "acheteur.achats.nouveau.tsx": [
    get("/acheteur/achats/nouveau", ANY_BUYER),
    post("/acheteur/achats/nouveau", { ...ANY_BUYER, otherBuyer: "ok", owner: "ok" }, { title: "" }),
  ],
  "acheteur.achats.$id.tsx": [
    get("/acheteur/achats/:draftProcurementId", BUYER_ONLY),
    post("/acheteur/achats/:draftProcurementId", BUYER_ONLY_POST, { intent: "withdraw" }),
  ],
  // The record of a procurement: its owner only, the form refused to others before its body is read.
  "acheteur.achats.$id_.dossier.tsx": [
    get("/acheteur/achats/:draftProcurementId/dossier", BUYER_ONLY),
    post("/acheteur/achats/:draftProcurementId/dossier", BUYER_ONLY_POST, { intent: "launch" }),
  ],
  // The record's exports are posted (an export goes on the ledger); a GET answers 405 to the owner only.
  "acheteur.achats.$id_.dossier_.export.ts": [
    get("/acheteur/achats/:draftProcurementId/dossier/export", { ...BUYER_ONLY, owner: "methodNotAllowed" }),
    post("/acheteur/achats/:draftProcurementId/dossier/export", BUYER_ONLY_POST, { format: "pdf" }),
  ],
  // An attachment: nobody but the owner, and only an attachment of this procurement (none here).
  "acheteur.achats.$id_.dossier_.pieces.$sequence.ts": [
    get("/acheteur/achats/:draftProcurementId/dossier/pieces/1", { ...BUYER_ONLY, owner: "notFound" }),
  ],
  "acheteur.calendrier.tsx": [get("/acheteur/calendrier", ANY_BUYER)],
  "acheteur.programmation.tsx": [get("/acheteur/programmation", ANY_BUYER)],
  "acheteur.evenements._index.tsx": [get("/acheteur/evenements", ANY_BUYER)],
  "acheteur.evenements.nouveau.tsx": [get("/acheteur/evenements/nouveau", ANY_BUYER)],
  "acheteur.evenements.$id._index.tsx": [
    get("/acheteur/evenements/:eventId", BUYER_ONLY),
    post("/acheteur/evenements/:eventId", BUYER_ONLY_POST, { intent: "publish" }),
  ],
  "acheteur.evenements.$id.annuler.tsx": [
    get("/acheteur/evenements/:eventId/annuler", BUYER_ONLY),
    post("/acheteur/evenements/:eventId/annuler", BUYER_ONLY_POST, {
      reason: "Annulation demandée par un tiers, pour voir.",
    }),
  ],
  "acheteur.evenements.$id.modifier.tsx": [
    get("/acheteur/evenements/:eventId/modifier", BUYER_ONLY),
    post("/acheteur/evenements/:eventId/modifier", BUYER_ONLY_POST, { title: "Titre changé" }),
  ],
  "acheteur.evenements.$id.stands.$standId.tsx": [
    get("/acheteur/evenements/:eventId/stands/:standId", BUYER_ONLY),
    post("/acheteur/evenements/:eventId/stands/:standId", BUYER_ONLY_POST, { name: "Stand changé" }),
  ],
  "acheteur.evenements.$id_.suivi.tsx": [
    get("/acheteur/evenements/:eventId/suivi", BUYER_ONLY),
    post("/acheteur/evenements/:eventId/suivi", BUYER_ONLY_POST, { intent: "note", body: "Note" }),
  ],
  "acheteur.sourcing._index.tsx": [get("/acheteur/sourcing", ANY_BUYER)],
  "acheteur.sourcing.$id._index.tsx": [
    get("/acheteur/sourcing/:draftQuestionnaireId", BUYER_ONLY),
    post("/acheteur/sourcing/:draftQuestionnaireId", BUYER_ONLY_POST, { intent: "details", title: "x" }),
  ],
  "acheteur.sourcing.$id.clore.tsx": [
    get("/acheteur/sourcing/:questionnaireId/clore", BUYER_ONLY),
    post("/acheteur/sourcing/:questionnaireId/clore", BUYER_ONLY_POST, {
      reason: "Clôture demandée par un tiers, pour voir.",
    }),
  ],
  // A GET leads back to the results page (303, the owner's "ok"); the export itself is a POST.
  "acheteur.sourcing.$id.export[.]csv.ts": [
    get("/acheteur/sourcing/:questionnaireId/export.csv", BUYER_ONLY),
    post("/acheteur/sourcing/:questionnaireId/export.csv", BUYER_ONLY_POST),
  ],
  "acheteur.sourcing.$id.export[.]json.ts": [
    get("/acheteur/sourcing/:questionnaireId/export.json", BUYER_ONLY),
    post("/acheteur/sourcing/:questionnaireId/export.json", BUYER_ONLY_POST),
  ],
  "acheteur.sourcing.$id.invitations.tsx": [
    get("/acheteur/sourcing/:questionnaireId/invitations", BUYER_ONLY),
    post("/acheteur/sourcing/:questionnaireId/invitations", BUYER_ONLY_POST, {
      intent: "email",
      emails: "tiers@exemple.fr",
    }),
  ],
  "acheteur.sourcing.$id.precisions.tsx": [
    get("/acheteur/sourcing/:questionnaireId/precisions", BUYER_ONLY),
    post("/acheteur/sourcing/:questionnaireId/precisions", BUYER_ONLY_POST, { answer: "Réponse" }),
  ],
  "acheteur.sourcing.$id.reponses._index.tsx": [get("/acheteur/sourcing/:questionnaireId/reponses", BUYER_ONLY)],
  "acheteur.sourcing.$id.reponses.$responseId.tsx": [
    get("/acheteur/sourcing/:questionnaireId/reponses/:submittedResponseId", BUYER_ONLY),
    // A draft belongs to the supplier alone, whoever asks on the buyer's side.
    get("/acheteur/sourcing/:questionnaireId/reponses/:draftResponseId", {
      ...BUYER_ONLY,
      owner: "notFound",
    }),
  ],
  "territoire.tsx": [get("/territoire", { ...ANY_BUYER, relay: "ok" })],

  // Platform administration.
  "admin.calendrier.tsx": [
    get("/admin/calendrier", PLATFORM_ADMIN),
    post("/admin/calendrier", PLATFORM_ADMIN, { intent: "quiet-period" }),
  ],
  "admin.calendrier_.import.tsx": [
    get("/admin/calendrier/import", PLATFORM_ADMIN),
    post("/admin/calendrier/import", PLATFORM_ADMIN, { intent: "save" }),
  ],
  "admin.courriels.tsx": [
    get("/admin/courriels", PLATFORM_ADMIN),
    post("/admin/courriels", PLATFORM_ADMIN, { intent: "retry" }),
  ],
  "admin.organisations.tsx": [
    get("/admin/organisations", PLATFORM_ADMIN),
    post("/admin/organisations", PLATFORM_ADMIN, (r) => ({ intent: "approve", organizationId: r.buyerId })),
  ],
  "admin.taches.tsx": [get("/admin/taches", PLATFORM_ADMIN), post("/admin/taches", PLATFORM_ADMIN)],
  // Erasing someone's data on request: platform admins only, refused before the form is read.
  "admin.effacement.tsx": [
    get("/admin/effacement", PLATFORM_ADMIN),
    post("/admin/effacement", PLATFORM_ADMIN, { intent: "erase", email: "fournisseur@amont.test" }),
    // A person without an account: the same, for the preview and the erasure by address or name.
    post("/admin/effacement", PLATFORM_ADMIN, { intent: "preview-without-account", name: "Damien Garnier" }),
    post("/admin/effacement", PLATFORM_ADMIN, {
      intent: "erase-without-account",
      email: "contact@electricite-garnier.test",
      name: "Damien Garnier",
    }),
  ],
  // Opening a manual entry's attachment before an erasure: platform admins only, whatever the entry.
  "admin.effacement_.pieces.$sequence.ts": [get("/admin/effacement/pieces/1", PLATFORM_ADMIN)],

  // Organisations and accounts: a supplier's own page belongs to its members only.
  "organisations.$id.tsx": [
    get("/organisations/:supplierId", {
      visitor: "login",
      supplier: "ok",
      otherBuyer: "forbidden",
      relay: "forbidden",
      owner: "forbidden",
    }),
    get("/organisations/:buyerId", {
      visitor: "login",
      supplier: "forbidden",
      otherBuyer: "forbidden",
      relay: "forbidden",
      owner: "ok",
    }),
    post(
      "/organisations/:buyerId",
      { visitor: "login", supplier: "forbidden", otherBuyer: "forbidden", relay: "forbidden", owner: "ok" },
      { intent: "invite", email: "intrus@exemple.fr", role: "admin" },
    ),
  ],
  // The claims on an organisation are for its own administrators.
  "organisations.$id_.demandes.tsx": [
    get("/organisations/:buyerId/demandes", {
      visitor: "login",
      supplier: "notFound",
      otherBuyer: "notFound",
      relay: "notFound",
      owner: "ok",
    }),
    post(
      "/organisations/:buyerId/demandes",
      { visitor: "login", supplier: "notFound", otherBuyer: "notFound", relay: "notFound", owner: "ok" },
      { intent: "accept", claimId: "inconnu" },
    ),
  ],
  // Any signed-in person may ask to join a registered organisation; the request goes to its admins.
  "organisations.rejoindre.tsx": [
    get("/organisations/rejoindre?siret=:supplierSiret", SIGNED_IN),
    post("/organisations/rejoindre?siret=:supplierSiret", SIGNED_IN, { message: "Je travaille ici." }),
  ],
  "organisations.active.tsx": [
    // Acting for an organisation one is not a member of is refused.
    post(
      "/organisations/active",
      { visitor: "login", supplier: "refused", otherBuyer: "refused", relay: "refused", owner: "ok" },
      (r) => ({ organizationId: r.buyerId }),
    ),
  ],
  "organisations.nouvelle._index.tsx": [get("/organisations/nouvelle", SIGNED_IN)],
  "organisations.nouvelle.$type.tsx": [get("/organisations/nouvelle/acheteur", SIGNED_IN)],
  "compte.tsx": [get("/compte", SIGNED_IN)],
  // Everyone closes their own account only (tests/http/erasure.test.ts goes through it).
  "compte_.fermer.tsx": [get("/compte/fermer", SIGNED_IN), post("/compte/fermer", SIGNED_IN, { password: "x" })],
  // Everyone downloads their own data only (tests/http/public-service.test.ts checks the content).
  // A GET only leads to the account page (which asks visitors to sign in).
  "compte_.donnees.ts": [get("/compte/donnees", PUBLIC), post("/compte/donnees", SIGNED_IN)],
  "fournisseur.agenda.tsx": [get("/fournisseur/agenda", SUPPLIER_MEMBER)],
  // A supplier member's own alerts (the seeded supplier's alert belongs to the "supplier" caller).
  "fournisseur.alertes._index.tsx": [
    get("/fournisseur/alertes", SUPPLIER_MEMBER),
    post("/fournisseur/alertes", SUPPLIER_MEMBER, (r) => ({ organizationId: r.supplierId })),
  ],
  "fournisseur.alertes.nouvelle.tsx": [
    get("/fournisseur/alertes/nouvelle", SUPPLIER_MEMBER),
    post("/fournisseur/alertes/nouvelle", SUPPLIER_MEMBER, {
      name: "Alerte d'un tiers",
      frequency: "weekly",
      keywords: "bois",
    }),
  ],
  "fournisseur.alertes.$id.tsx": [
    get("/fournisseur/alertes/:alertId", SUPPLIER_MEMBER),
    post("/fournisseur/alertes/:alertId", SUPPLIER_MEMBER, { intent: "delete" }),
  ],
  // Secret links: an unknown one is nobody's, and its post changes nothing.
  "alertes.desabonnement.$token.tsx": [
    get("/alertes/desabonnement/inconnu", NOBODY),
    post("/alertes/desabonnement/inconnu", NOBODY, { "List-Unsubscribe": "One-Click" }),
  ],
  "alertes.$token[.]ics.ts": [get("/alertes/inconnu.ics", NOBODY)],
  // An unknown token only says that the invitation is not valid (the marker check guards the rest).
  "invitations.$token.tsx": [get("/invitations/inconnu", PUBLIC)],
  "calendrier.$token[.]ics.ts": [get("/calendrier/inconnu.ics", NOBODY)],

  // Anonymous pages: a signed-in caller is sent to their account instead.
  "connexion.tsx": [get("/connexion", ANONYMOUS_ONLY)],
  "inscription.tsx": [get("/inscription", ANONYMOUS_ONLY)],
  "mot-de-passe-oublie.tsx": [get("/mot-de-passe-oublie", ANONYMOUS_ONLY)],
  "mot-de-passe.nouveau.tsx": [get("/mot-de-passe/nouveau", ANONYMOUS_ONLY)],
  "verification.tsx": [get("/verification", ANONYMOUS_ONLY)],
  "deconnexion.tsx": [get("/deconnexion", ANONYMOUS_ONLY)],

  // Public pages: published records are everyone's; drafts are no one's.
  "plan._index.tsx": [get("/plan", PUBLIC)],
  "plan.calendrier.tsx": [get("/plan/calendrier", PUBLIC)],
  "plan.$id.tsx": [get("/plan/:procurementId", PUBLIC), get("/plan/:draftProcurementId", NOBODY)],
  "plan.$id.calendrier[.]ics.ts": [
    get("/plan/:procurementId/calendrier.ics", PUBLIC),
    get("/plan/:draftProcurementId/calendrier.ics", NOBODY),
  ],
  "plan[.]csv.ts": [get("/plan.csv", PUBLIC)],
  "plan[.]ics.ts": [get("/plan.ics", PUBLIC)],
  "plan[.]ocds[.]json.ts": [get("/plan.ocds.json", PUBLIC)],
  "acheteurs.$slug.tsx": [get("/acheteurs/:buyerSlug", PUBLIC)],
  "acheteurs.$slug_.editions.$semester.$number.tsx": [
    get("/acheteurs/:buyerSlug/editions/:editionSemester/:editionNumber", PUBLIC),
  ],
  "api.calendrier.verifier.ts": [get("/api/calendrier/verifier?departement=69&date=:openDay", PUBLIC)],
  "sourcing._index.tsx": [get("/sourcing", PUBLIC)],
  "sourcing.$id.tsx": [
    get("/sourcing/:questionnaireId", PUBLIC),
    get("/sourcing/:draftQuestionnaireId", NOBODY),
    post("/sourcing/:draftQuestionnaireId", NOBODY, { intent: "save" }),
  ],
  // Only a member of the supplier shown the page may record that it opened the questionnaire.
  "sourcing.$id_.ouvert.ts": [
    post(
      "/sourcing/:questionnaireId/ouvert",
      { visitor: "forbidden", supplier: "ok", otherBuyer: "forbidden", relay: "forbidden", owner: "forbidden" },
      (r) => ({ organizationId: r.supplierId }),
    ),
  ],
  // The ledger's public state, keys and verification page: everyone's (the page reads an uploaded export
  // and stores nothing of it).
  "registre.etat.tsx": [get("/registre/etat", PUBLIC)],
  "registre.etat[.]json.ts": [get("/registre/etat.json", PUBLIC)],
  "registre.cles[.]json.ts": [get("/registre/cles.json", PUBLIC)],
  // The consistency proof between two checkpoints is everyone's; no checkpoint covers these sizes.
  "registre.coherence[.]json.ts": [get("/registre/coherence.json?de=999998&a=999999", NOBODY)],
  "registre.verifier.tsx": [get("/registre/verifier", PUBLIC), post("/registre/verifier", PUBLIC)],
  "evenements._index.tsx": [get("/evenements", PUBLIC)],
  "evenements[.]ics.ts": [get("/evenements.ics", PUBLIC)],
  "evenements.$id._index.tsx": [get("/evenements/:eventId", PUBLIC)],
  // Relays: their public pages, widget and feeds are everyone's (an unknown relay answers 404).
  "relais._index.tsx": [get("/relais", PUBLIC)],
  "relais.$slug.tsx": [get("/relais/:relaySlug", PUBLIC), get("/relais/inconnu", NOBODY)],
  "relais.$slug_.widget.tsx": [get("/relais/:relaySlug/widget", PUBLIC), get("/relais/inconnu/widget", NOBODY)],
  "relais.$slug[.]ics.ts": [get("/relais/:relaySlug.ics", PUBLIC), get("/relais/inconnu.ics", NOBODY)],
  "relais.$slug[.]csv.ts": [get("/relais/:relaySlug.csv", PUBLIC), get("/relais/inconnu.csv", NOBODY)],
  "relais.$slug[.]atom.ts": [get("/relais/:relaySlug.atom", PUBLIC), get("/relais/inconnu.atom", NOBODY)],
  // The demo relays have no logo: nobody gets one.
  "relais.$slug_.logo.ts": [get("/relais/:relaySlug/logo", NOBODY)],
  // A relay's settings: its members only; a buyer's or a supplier's own organisation never follows as a relay.
  "organisations.$id_.relais.tsx": [
    get("/organisations/:relayId/relais", {
      visitor: "login",
      supplier: "notFound",
      otherBuyer: "notFound",
      relay: "ok",
      owner: "notFound",
    }),
    get("/organisations/:buyerId/relais", {
      visitor: "login",
      supplier: "notFound",
      otherBuyer: "notFound",
      relay: "notFound",
      owner: "forbidden",
    }),
    post(
      "/organisations/:relayId/relais",
      { visitor: "login", supplier: "notFound", otherBuyer: "notFound", relay: "ok", owner: "notFound" },
      { intent: "following", departements: "75" },
    ),
    post(
      "/organisations/:buyerId/relais",
      { visitor: "login", supplier: "notFound", otherBuyer: "notFound", relay: "notFound", owner: "forbidden" },
      { intent: "following", departements: "69" },
    ),
    post(
      "/organisations/:supplierId/relais",
      { visitor: "login", supplier: "forbidden", otherBuyer: "notFound", relay: "notFound", owner: "notFound" },
      { intent: "sites", sites: "https://intrus.example" },
    ),
  ],
  // A member's own choice of the edition notices: any member of the relay, for themselves; posts only.
  "organisations.$id_.relais_.avis.ts": [
    get("/organisations/:relayId/relais/avis", {
      visitor: "login",
      supplier: "notFound",
      otherBuyer: "notFound",
      relay: "methodNotAllowed",
      owner: "notFound",
    }),
    get("/organisations/:buyerId/relais/avis", {
      visitor: "login",
      supplier: "notFound",
      otherBuyer: "notFound",
      relay: "notFound",
      owner: "forbidden",
    }),
    post(
      "/organisations/:relayId/relais/avis",
      { visitor: "login", supplier: "notFound", otherBuyer: "notFound", relay: "ok", owner: "notFound" },
      {},
    ),
    post(
      "/organisations/:buyerId/relais/avis",
      { visitor: "login", supplier: "notFound", otherBuyer: "notFound", relay: "notFound", owner: "forbidden" },
      {},
    ),
    post(
      "/organisations/:supplierId/relais/avis",
      { visitor: "login", supplier: "forbidden", otherBuyer: "notFound", relay: "notFound", owner: "notFound" },
      {},
    ),
  ],
  // The unsubscribe link of a relay's edition notice: the secret in the URL is the credential.
  "relais.desabonnement.$token.tsx": [
    get("/relais/desabonnement/inconnu", NOBODY),
    post("/relais/desabonnement/inconnu", NOBODY, { "List-Unsubscribe": "One-Click" }),
  ],
  // The registration page of a published event shows the event to anyone and asks visitors to sign in.
  "evenements.$id_.inscription.tsx": [get("/evenements/:eventId/inscription", PUBLIC)],
};

function routeModulesWithLoaderOrAction(): string[] {
  const directory = path.resolve("app/routes");
  return readdirSync(directory).filter((file) => {
    const source = readFileSync(path.join(directory, file), "utf8");
    return /export\s+(async\s+)?function\s+(loader|action)\b|export\s+const\s+(loader|action)\b/.test(source);
  });
}

const WORKER_TABLES: Record<string, string> = {
  OutboxMessage: '"id", "template", "to"',
  Job: '"id", "kind", "dedupeKey"',
};

/** A fingerprint of every row the application keeps, but the sessions (each request slides one). */
function databaseFingerprint(file: string): string {
  const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const hash = createHash("sha256");
    for (const { name } of tables) {
      // Sessions slide on every request; the server's mail and job workers move messages and jobs
      // along on their own (status, attempts, erasure): of those, only which rows exist counts.
      // The server signs the ledger's daily checkpoint (and publishes its key) on its own at start.
      if (name === "Session" || name === "LedgerCheckpoint" || name === "LedgerSigningKey") continue;
      const columns = WORKER_TABLES[name] ?? "*";
      // The daily checkpoint's jobs are scheduled by the server at start, whenever it gets to it.
      const where = name === "Job" ? ` WHERE "kind" <> 'ledger.checkpoint'` : "";
      for (const row of database.prepare(`SELECT ${columns} FROM "${name}"${where}`).iterate())
        hash.update(JSON.stringify(row));
    }
    return hash.digest("hex");
  } finally {
    database.close();
  }
}

let server: RunningServer;
let records: Records;
const cookies = new Map<Role, string | null>();

beforeAll(async () => {
  await connectDatabase();
  await seedDemoData();
  const buyer = await db.organization.findFirstOrThrow({ where: { slug: "metropole-rhone-confluence" } });
  const supplier = await db.organization.findFirstOrThrow({ where: { slug: "menuiserie-perrin" } });
  const userOf = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  const [owner, otherBuyer, supplierUser, relayUser] = await Promise.all([
    userOf("acheteur@amont.test"),
    userOf("acheteuse@amont.test"),
    userOf("fournisseur@amont.test"),
    userOf("cci@amont.test"),
  ]);
  const activeOf = async (userId: string) =>
    (await db.membership.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "asc" } })).organizationId;

  // Private records of the seeded buyer that nobody else may ever see.
  const draftProcurement = await createPlannedProcurement(
    { id: owner.id, name: owner.name },
    buyer,
    procurementInput({
      title: "MATRIX-PRIVATE achat en préparation",
      status: "draft",
      expectedPublicationDate: openDayFrom(60),
      responseDeadline: openDayFrom(100),
    }),
  );
  if (!draftProcurement.ok) throw new Error(`draft procurement: ${JSON.stringify(draftProcurement)}`);
  const draftQuestionnaire = await createQuestionnaire({ id: owner.id, name: owner.name }, buyer, {
    plannedProcurementId: draftProcurement.id,
    title: "MATRIX-PRIVATE questionnaire en préparation",
    introduction: "Brouillon.",
  });
  if (!draftQuestionnaire.ok) throw new Error(`draft questionnaire: ${JSON.stringify(draftQuestionnaire)}`);

  const questionnaire = await db.questionnaire.findFirstOrThrow({
    where: { organizationId: buyer.id, status: "published", closedEarlyAt: null },
    include: { responses: { select: { id: true, status: true } } },
  });
  const submitted = questionnaire.responses.find((response) => response.status === "submitted");
  const draft = questionnaire.responses.find((response) => response.status === "draft");
  if (!submitted || !draft) throw new Error("the demo questionnaire has no submitted or no draft response");
  const procurement = await db.planEditionItem.findFirstOrThrow({ where: { organizationId: buyer.id } });
  const event = await db.event.findFirstOrThrow({
    where: { organizationId: buyer.id, kind: "reverse_fair", status: "published" },
    include: { stands: { where: { organizationId: buyer.id }, take: 1 } },
  });
  const edition = await db.planEdition.findFirstOrThrow({ where: { organizationId: buyer.id } });
  const relayOrganization = await db.organization.findFirstOrThrow({ where: { slug: "cci-rhone-confluence" } });
  const alert = await db.supplierAlert.findFirstOrThrow({
    where: { organizationId: supplier.id, userId: supplierUser.id },
  });
  records = {
    buyerId: buyer.id,
    supplierId: supplier.id,
    supplierSiret: supplier.siret ?? "",
    draftProcurementId: draftProcurement.id,
    procurementId: procurement.plannedProcurementId,
    draftQuestionnaireId: draftQuestionnaire.id,
    questionnaireId: questionnaire.id,
    submittedResponseId: submitted.id,
    draftResponseId: draft.id,
    eventId: event.id,
    standId: event.stands[0]!.id,
    buyerSlug: buyer.slug,
    editionSemester: `${edition.year}-S${edition.half}`,
    editionNumber: String(edition.number),
    openDay: openDayFrom(20),
    relayId: relayOrganization.id,
    relaySlug: relayOrganization.slug,
    alertId: alert.id,
  };

  cookies.set("visitor", null);
  cookies.set("owner", await sessionCookie(owner.id, buyer.id));
  cookies.set("otherBuyer", await sessionCookie(otherBuyer.id, await activeOf(otherBuyer.id)));
  cookies.set("supplier", await sessionCookie(supplierUser.id, supplier.id));
  cookies.set("relay", await sessionCookie(relayUser.id, await activeOf(relayUser.id)));
  server = await startServer({ SECURITY_CONTACT: "mailto:securite@amont.example" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function databaseFile(): string {
  return process.env.DATABASE_URL!.replace(/^file:/, "");
}

async function request(role: Role, testCase: Case): Promise<{ status: number; location: string; body: string }> {
  const cookie = cookies.get(role);
  const url = `${server.origin}${pathOf(testCase)}`;
  const headers: Record<string, string> = { Origin: server.origin };
  if (cookie) headers.Cookie = cookie;
  const response = await fetch(url, {
    method: testCase.method,
    redirect: "manual",
    headers,
    body:
      testCase.method === "POST"
        ? new URLSearchParams(typeof testCase.body === "function" ? testCase.body(records) : testCase.body)
        : undefined,
  });
  return { status: response.status, location: response.headers.get("location") ?? "", body: await response.text() };
}

function pathOf(testCase: Case): string {
  return testCase.url.replace(/:(\w+)/g, (_, name: string) => {
    const value = records[name as keyof Records];
    if (value === undefined) throw new Error(`no seeded record "${name}" for ${testCase.url}`);
    return encodeURIComponent(value);
  });
}

function matches(outcome: Outcome, answer: { status: number; location: string }): boolean {
  const redirected = answer.status >= 300 && answer.status < 400;
  switch (outcome) {
    case "ok":
      return (answer.status >= 200 && answer.status < 300) || (redirected && !answer.location.startsWith("/connexion"));
    case "login":
      return redirected && answer.location.startsWith("/connexion");
    case "refused":
      return answer.status === 403 || answer.status === 404 || (redirected && answer.location === "/compte");
    case "notFound":
      return answer.status === 404;
    case "forbidden":
      return answer.status === 403 || answer.status === 404;
    case "methodNotAllowed":
      return answer.status === 405;
  }
}

describe("authorization matrix", () => {
  it("knows every route module that has a loader or an action", () => {
    const unknown = routeModulesWithLoaderOrAction().filter((file) => !(file in MATRIX));
    expect(unknown, "add these routes to MATRIX in tests/http/authorization-matrix.test.ts").toEqual([]);
  });

  for (const [file, cases] of Object.entries(MATRIX)) {
    for (const testCase of cases) {
      it(`${file}: ${testCase.method} ${testCase.url}`, async () => {
        const seen: string[] = [];
        for (const role of ROLES) {
          // The owner's posts are the legitimate ones: only what others are refused is checked here.
          if (testCase.method === "POST" && testCase.expect[role] === "ok") continue;
          const before = testCase.method === "POST" ? databaseFingerprint(databaseFile()) : null;
          const answer = await request(role, testCase);
          if (!matches(testCase.expect[role], answer))
            seen.push(`${role}: expected ${testCase.expect[role]}, got ${answer.status} ${answer.location}`);
          if (testCase.expect[role] !== "ok" && answer.body.includes("MATRIX-PRIVATE"))
            seen.push(`${role}: the answer shows a private record`);
          if (before !== null && before !== databaseFingerprint(databaseFile()))
            seen.push(`${role}: a refused post changed the database`);
        }
        expect(seen).toEqual([]);
      });
    }
  }
});
