// /acheteur/achats/:id/dossier — the record of a procurement: every exchange on the ledger that
// concerns it, in order, filtered by kind, supplier and period (a GET form), by pages of 50; a
// form to write down an exchange that happened elsewhere (with an optional attachment); and the
// launch of the consultation; and the export buttons (PDF, CSV), posted to the dossier/export route.
// Buyer members of the owning organisation only (404 otherwise).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { todayInParis } from "~/calendar/dates";
import { formatDateFr, formatInstant } from "~/calendar/format";
import { latestCheckpoint } from "~/ledger/checkpoints.server";
import { requireBuyerRecord } from "~/plan/access.server";
import { launchSchema } from "~/plan/launch";
import { markProcurementLaunched } from "~/plan/launch.server";
import { STATUSES, labelOf } from "~/plan/vocabulary";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MESSAGES, checkAttachment } from "~/record/attachments";
import { parseRecordQuery, recordSearch } from "~/record/filters";
import { GUARD_JUSTIFICATION_MIN_LENGTH, type PriceGuardFinding } from "~/price-guard/price-guard";
import { CHANNELS, manualEntrySchema } from "~/record/manual-schema";
import { correctableEntry, recordManualExchange, searchSupplierDirectory } from "~/record/manual.server";
import { RecordPager, RecordTimeline } from "~/record/record-ui";
import { listRecordEntries, loadRecordScope, recordFilterOptions } from "~/record/record.server";
import { ATTACHMENT_FIELD, readRecordForm, type Upload } from "~/record/upload.server";
import { entryView } from "~/record/view";
import { ErrorList, FormError, SelectField, TextAreaField, TextField, VALIDATION_TIMING } from "~/ui/form";
import { PriceGuardNotice } from "~/ui/price-guard";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Dossier des échanges : ${loaded.procurement.title} — Amont` : "Dossier des échanges — Amont" },
];

const NOT_FOUND = "Cet achat n'existe pas, ou n'appartient pas à votre organisation.";

async function load(request: Request, id: string) {
  const { buyer, record } = await requireBuyerRecord(
    request,
    (organizationId) => loadRecordScope(organizationId, id),
    NOT_FOUND,
  );
  return { buyer, scope: record };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await load(request, params.id ?? "");
  const url = new URL(request.url);
  const { filters, cursor, notices } = parseRecordQuery(url.searchParams);
  const search = url.searchParams.get("annuaire")?.trim().slice(0, 100) ?? "";
  const correcting = Number(url.searchParams.get("corriger")) || null;
  const [page, options, found, original, checkpoint] = await Promise.all([
    listRecordEntries(scope, filters, cursor),
    recordFilterOptions(scope),
    searchSupplierDirectory(search),
    correcting ? correctableEntry(scope, correcting) : Promise.resolve(null),
    latestCheckpoint(),
  ]);
  const { procurement } = scope;
  const first = page.entries[0]?.sequence;
  const last = page.entries.at(-1)?.sequence;
  return {
    procurement: {
      id: procurement.id,
      title: procurement.title,
      reference: procurement.reference,
      statusLabel: labelOf(STATUSES, procurement.status),
      withdrawn: procurement.status === "abandoned",
      launchedOn: procurement.launchedOn,
      launchedOnText: procurement.launchedOn ? formatDateFr(procurement.launchedOn) : null,
      noticeReference: procurement.launchNoticeReference,
      noticeUrl: procurement.buyerProfileUrl,
    },
    today: todayInParis(),
    filters,
    notices,
    options,
    entries: page.entries.map(entryView),
    total: page.total,
    pager: {
      hasPrevious: page.hasPrevious,
      hasNext: page.hasNext,
      previousHref: recordSearch(filters, first ? { before: first } : { before: "end" }) || "?",
      nextHref: recordSearch(filters, last ? { after: last } : undefined) || "?",
      firstHref: recordSearch(filters) || "?",
      lastHref: recordSearch(filters, { before: "end" }),
    },
    directory: { search, found },
    original,
    integrity: {
      alteredOnPage: page.entries.filter((entry) => entry.altered).map((entry) => entry.sequence),
      brokenAt: checkpoint?.status === "broken" ? checkpoint.brokenAt : null,
      checkedAt: checkpoint ? formatInstant(new Date(checkpoint.signedAt)) : null,
    },
  };
}

type ActionResult = {
  form: "manual" | "launch";
  result: SubmissionResult<string[]>;
  findings?: PriceGuardFinding[];
};

/** What to say next to the file field when the form comes back: why the file was refused, or to choose it again. */
function attachmentNotice(upload: Upload | null): string[] | undefined {
  if (!upload) return undefined;
  const check = checkAttachment({ fileName: upload.fileName, size: upload.size, head: upload.bytes });
  return [check.ok ? ATTACHMENT_MESSAGES.chooseAgain(upload.fileName) : check.message];
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Who asks and for which procurement, before reading a body that may hold a file.
  const { buyer, scope } = await load(request, params.id ?? "");
  const here = `/acheteur/achats/${scope.procurement.id}/dossier`;
  const form = await readRecordForm(request);
  if (!form.ok)
    return data<ActionResult>(
      { form: "manual", result: { status: "error", error: { "": [form.message] } } },
      { status: 400 },
    );
  const { formData, upload } = form;
  const today = todayInParis();

  if (formData.get("intent") === "launch") {
    const submission = parseWithZod(formData, { schema: launchSchema(today) });
    if (submission.status !== "success")
      return data<ActionResult>({ form: "launch", result: submission.reply() }, { status: 400 });
    const { intent: _intent, ...input } = submission.value;
    const outcome = await markProcurementLaunched(
      { id: buyer.user.id, name: buyer.user.name },
      buyer.organization,
      scope.procurement.id,
      input,
    );
    if (!outcome.ok)
      return data<ActionResult>(
        { form: "launch", result: submission.reply({ formErrors: [outcome.message] }) },
        { status: outcome.notFound ? 404 : 400 },
      );
    return redirectWithToast(`${here}#lancement`, {
      title: outcome.corrected ? "Le lancement est corrigé." : "L'achat est marqué comme lancé.",
      description: `Inscrit au registre des échanges (n° ${outcome.sequence}). Les échanges à partir du ${formatDateFr(input.launchedOn)} sont marqués « Après le lancement ».`,
    });
  }

  const submission = parseWithZod(formData, { schema: manualEntrySchema(today) });
  if (submission.status !== "success") {
    const notice = attachmentNotice(upload);
    return data<ActionResult>(
      {
        form: "manual",
        result: notice ? submission.reply({ fieldErrors: { [ATTACHMENT_FIELD]: notice } }) : submission.reply(),
      },
      { status: 400 },
    );
  }
  const { intent: _intent, ...input } = submission.value;
  const outcome = await recordManualExchange(
    {
      userId: buyer.user.id,
      name: buyer.user.name,
      organizationId: buyer.organization.id,
      organizationName: buyer.organization.name,
    },
    scope,
    input,
    upload,
  );
  if (!outcome.ok) {
    const fieldErrors: Record<string, string[]> = {};
    if (outcome.field !== "form") fieldErrors[outcome.field] = [outcome.message];
    // The file cannot be sent back to the browser: say so, unless it is the field in error.
    if (upload && outcome.field !== "attachment") fieldErrors[ATTACHMENT_FIELD] = attachmentNotice(upload)!;
    return data<ActionResult>(
      {
        form: "manual",
        result: submission.reply({ formErrors: outcome.field === "form" ? [outcome.message] : undefined, fieldErrors }),
        findings: outcome.findings,
      },
      { status: 400 },
    );
  }
  return redirectWithToast(`${here}?avant=fin#entree-${outcome.sequence}`, {
    title: input.corrects ? "La correction est inscrite au dossier." : "L'échange est inscrit au dossier.",
    description: outcome.attachment
      ? `Entrée n° ${outcome.sequence}, avec sa pièce jointe « ${outcome.attachment.fileName} ». Elle ne se modifie pas : une correction s'ajoute à la suite.`
      : `Entrée n° ${outcome.sequence}. Elle ne se modifie pas : une correction s'ajoute à la suite.`,
  });
}

function FilterForm() {
  const { filters, options } = useLoaderData<typeof loader>();
  return (
    <Form method="get" className="record-filters" aria-labelledby="filtres-titre">
      <h2 id="filtres-titre">Filtrer</h2>
      <div className="record-filters__grid">
        <div className="field">
          <label htmlFor="filtre-type">Type d'échange</label>
          <select id="filtre-type" name="type" defaultValue={filters.kind ?? ""}>
            <option value="">Tous les types</option>
            {options.kinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label} ({kind.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-entreprise">Entreprise</label>
          <select id="filtre-entreprise" name="entreprise" defaultValue={filters.supplierOrganizationId ?? ""}>
            <option value="">Toutes les entreprises</option>
            {options.suppliers.map((supplier) => (
              <option key={supplier.value} value={supplier.value}>
                {supplier.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-du">Du</label>
          <input id="filtre-du" type="date" name="du" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filtre-au">Au</label>
          <input id="filtre-au" type="date" name="au" defaultValue={filters.to ?? ""} />
        </div>
      </div>
      <p className="actions">
        <button type="submit">Filtrer</button>
        <Link to="?">Tout afficher</Link>
      </p>
    </Form>
  );
}

function ManualEntryForm() {
  const { today, options, directory, original } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === "manual" ? actionData : undefined;
  const schema = manualEntrySchema(today);
  const [form, fields] = useForm({
    // Not "saisie": that is the section's anchor, and the fields name their form by id.
    id: original ? `echange-correction-${original.sequence}` : "echange",
    lastResult: mine?.result,
    constraint: getZodConstraint(schema),
    defaultValue: original ? { ...original.values, guardJustification: "" } : undefined,
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  // The file field is not Conform's (a file cannot come back from the server): its errors are read here.
  const attachmentId = `${form.id}-attachment`;
  const attachmentErrorId = `${attachmentId}-error`;
  const fileErrors = fileProblem ? [fileProblem] : (mine?.result.error?.[ATTACHMENT_FIELD] ?? null);
  const supplierChoices = [
    ...options.suppliers,
    ...directory.found.filter((found) => !options.suppliers.some((known) => known.value === found.value)),
    ...(original?.supplierChoice && !options.suppliers.some((known) => known.value === original.supplierChoice!.value)
      ? [original.supplierChoice]
      : []),
  ];
  return (
    <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="manual" />
      {original ? <input type="hidden" name="corrects" value={original.sequence} /> : null}
      <FormError id={form.errorId} errors={form.errors} />
      <TextField
        field={fields.exchangedOn}
        label="Date de l'échange"
        type="date"
        hint="Le jour où il a eu lieu : aujourd'hui ou avant."
      />
      <SelectField
        field={fields.channel}
        label="Comment"
        options={Object.entries(CHANNELS).map(([value, label]) => ({ value, label }))}
      />
      <fieldset className="record-supplier">
        <legend>Avec quelle entreprise ?</legend>
        <SelectField
          field={fields.supplierOrganizationId}
          label="Une entreprise inscrite sur Amont"
          hint="Celles qui figurent déjà au dossier, et celles trouvées par la recherche dans l'annuaire ci-dessus."
          options={supplierChoices}
          placeholder="Autre entreprise (écrire son nom ci-dessous)"
        />
        <TextField field={fields.supplierName} label="Ou son nom, si elle n'est pas dans la liste" />
        <TextField
          field={fields.supplierSiret}
          label="Son SIRET (facultatif)"
          hint="14 chiffres. S'il correspond à une entreprise inscrite, l'échange lui sera rattaché."
          inputMode="numeric"
        />
      </fieldset>
      <TextAreaField
        field={fields.summary}
        label="Résumé de l'échange"
        hint="Qui, quoi, ce qui a été dit ou remis. Pas de prix ni de conditions du futur contrat : le sourcing ne se négocie pas."
        rows={6}
      />
      <div className="field">
        <label htmlFor={attachmentId}>Pièce jointe (facultative)</label>
        <span className="hint" id={`${attachmentId}-hint`}>
          Un fichier PDF, PNG ou JPEG de 5 Mo au plus (compte rendu, courriel imprimé, photo). Son contenu est vérifié.
        </span>
        <input
          id={attachmentId}
          name={ATTACHMENT_FIELD}
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          aria-describedby={[`${attachmentId}-hint`, fileErrors ? attachmentErrorId : null].filter(Boolean).join(" ")}
          aria-invalid={fileErrors ? true : undefined}
          onChange={(event) => {
            // With JavaScript, a file that is too large is caught before it is sent.
            const file = event.currentTarget.files?.[0];
            const tooLarge = file && file.size > ATTACHMENT_MAX_BYTES;
            event.currentTarget.setCustomValidity(tooLarge ? ATTACHMENT_MESSAGES.tooLarge : "");
            setFileProblem(tooLarge ? ATTACHMENT_MESSAGES.tooLarge : null);
          }}
        />
        <ErrorList id={attachmentErrorId} errors={fileErrors} />
      </div>
      <PriceGuardNotice findings={mine?.findings ?? []} id="saisie-garde-fou">
        <TextAreaField
          field={fields.guardJustification}
          label="Justification pour inscrire ce résumé quand même"
          hint={`Au moins ${GUARD_JUSTIFICATION_MIN_LENGTH} caractères. Elle sera gardée au registre des échanges avec l'entrée.`}
          rows={3}
        />
      </PriceGuardNotice>
      <button type="submit">{original ? "Inscrire la correction" : "Inscrire l'échange au dossier"}</button>
      {original ? (
        <p>
          <Link to="?#saisie">Annuler la correction</Link>
        </p>
      ) : null}
    </Form>
  );
}

function LaunchForm() {
  const { today, procurement } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const schema = launchSchema(today);
  const [form, fields] = useForm({
    id: "lancement-form",
    lastResult: actionData?.form === "launch" ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    defaultValue: procurement.launchedOn
      ? {
          launchedOn: procurement.launchedOn,
          noticeReference: procurement.noticeReference ?? "",
          noticeUrl: procurement.noticeUrl ?? "",
        }
      : undefined,
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="launch" />
      <FormError id={form.errorId} errors={form.errors} />
      <TextField field={fields.launchedOn} label="Date de publication de l'avis" type="date" />
      <TextField
        field={fields.noticeReference}
        label="Référence de l'avis"
        hint="Par exemple « BOAMP 27-12345 » ou le numéro de la consultation sur votre profil d'acheteur."
      />
      <TextField
        field={fields.noticeUrl}
        label="Lien vers l'avis"
        type="url"
        hint="L'adresse de l'avis sur le BOAMP, au JOUE ou sur votre profil d'acheteur, qui commence par https://"
      />
      <button type="submit">{procurement.launchedOn ? "Corriger le lancement" : "Marquer l'achat comme lancé"}</button>
    </Form>
  );
}

/** Said before anything else: a record whose ledger was altered must not be read as if it were intact. */
function IntegrityAlert({
  integrity,
}: {
  integrity: { alteredOnPage: number[]; brokenAt: number | null; checkedAt: string | null };
}) {
  if (integrity.alteredOnPage.length === 0 && integrity.brokenAt === null) return null;
  return (
    <div className="notice notice--error" role="alert">
      <h2>Le registre des échanges n'est plus intact</h2>
      {integrity.alteredOnPage.length > 0 ? (
        <p>
          {integrity.alteredOnPage.length > 1 ? "Les entrées" : "L'entrée"} n° {integrity.alteredOnPage.join(", ")} de
          cette page {integrity.alteredOnPage.length > 1 ? "ont été modifiées" : "a été modifiée"} après{" "}
          {integrity.alteredOnPage.length > 1 ? "leur" : "son"} inscription.
        </p>
      ) : null}
      {integrity.brokenAt !== null ? (
        <p>
          La dernière vérification du registre{integrity.checkedAt ? `, le ${integrity.checkedAt},` : ""} a trouvé
          l'enregistrement n° {integrity.brokenAt} modifié ou manquant.
        </p>
      ) : null}
      <p>
        Ne joignez pas ce dossier au rapport de présentation sans en parler à l'équipe Amont : les exports le signalent
        aussi. <a href="/registre/etat">État du registre</a>
      </p>
    </div>
  );
}

export default function ProcurementRecord() {
  const { procurement, entries, total, pager, notices, directory, original, filters, options, integrity } =
    useLoaderData<typeof loader>();
  const recordSize = options.kinds.reduce((sum, kind) => sum + kind.count, 0);
  const launchFailed = useActionData<typeof action>()?.form === "launch";
  const filtered = Object.values(filters).some(Boolean);
  const attachmentHref = (sequence: number) => `/acheteur/achats/${procurement.id}/dossier/pieces/${sequence}`;
  return (
    <>
      <p>
        <Link to={`/acheteur/achats/${procurement.id}`}>← Retour à l'achat</Link>
      </p>
      <h1>Dossier des échanges : {procurement.title}</h1>
      <IntegrityAlert integrity={integrity} />
      <p className="lead">
        Tous les échanges de cet achat avec les entreprises, dans l'ordre où ils ont été inscrits au registre des
        échanges : questionnaires, événements, rendez-vous, et les échanges qui ont eu lieu ailleurs. Rien ne s'y
        modifie : une correction s'ajoute à la suite.
      </p>
      <p>
        <span className="badge">{procurement.statusLabel}</span>{" "}
        {procurement.launchedOnText ? (
          <>
            Consultation lancée le {procurement.launchedOnText}
            {procurement.noticeReference ? ` (avis ${procurement.noticeReference})` : ""}.
          </>
        ) : (
          "Consultation pas encore lancée."
        )}{" "}
        <a href="#saisie">Inscrire un échange hors plateforme</a> · <a href="#lancement">Lancement</a>
      </p>
      {notices.length > 0 ? (
        <div className="notice" role="status">
          {notices.map((notice) => (
            <p key={notice}>{notice}</p>
          ))}
        </div>
      ) : null}

      <section aria-labelledby="export-titre">
        <h2 id="export-titre">Exporter le dossier</h2>
        <p>
          Le PDF est prêt à joindre au rapport de présentation : identification, synthèse des mesures de sourcing,
          égalité de traitement, entreprises concernées, vérification du registre et chronologie complète. Le CSV
          contient les mêmes entrées, une par ligne, pour un tableur. Le JSON signé permet à quiconque de vérifier le
          dossier sans faire confiance à Amont : sur la page <a href="/registre/verifier">Vérifier un export</a>, ou
          hors ligne avec le vérificateur fourni. Chaque export est inscrit au registre des échanges, et le fichier va
          jusqu'à cette inscription.
        </p>
        {/* A plain form: an export goes on the ledger, so it is a POST, and the browser saves the file it answers. */}
        <form method="post" action={`/acheteur/achats/${procurement.id}/dossier/export`} className="actions">
          <button type="submit" name="format" value="pdf">
            Télécharger le PDF
          </button>
          <button type="submit" name="format" value="csv" className="button--secondary">
            Télécharger le CSV
          </button>
          <button type="submit" name="format" value="json" className="button--secondary">
            Télécharger le JSON signé
          </button>
        </form>
      </section>

      <FilterForm />

      <section aria-labelledby="chronologie">
        <h2 id="chronologie">Chronologie</h2>
        <p>
          {total === 0
            ? filtered
              ? "Aucune entrée ne correspond à ces filtres."
              : "Aucun échange n'est encore inscrit pour cet achat."
            : `${total} entrée${total > 1 ? "s" : ""}${filtered ? " correspondent aux filtres" : " au dossier"}${
                entries.length < total
                  ? ` ; ${entries.length} affichées, n° ${entries[0]!.sequence} à ${entries.at(-1)!.sequence}`
                  : ""
              }.`}
        </p>
        <RecordPager {...pager} label="Pages du dossier, en haut" />
        <RecordTimeline entries={entries} launchedOn={procurement.launchedOnText} attachmentHref={attachmentHref} />
        <RecordPager {...pager} label="Pages du dossier, en bas" />
      </section>

      <section aria-labelledby="saisie" id="saisie-section">
        <h2 id="saisie" tabIndex={-1}>
          {original ? `Corriger l'entrée n° ${original.sequence}` : "Inscrire un échange hors plateforme"}
        </h2>
        <p>
          {original
            ? "L'entrée d'origine reste telle quelle ; la correction s'inscrit à la suite et la cite. Reprenez ce qui change."
            : "Un appel, une visite, un courriel ou une réunion avec une entreprise, en dehors d'Amont : inscrivez-le pour que le dossier soit complet."}
        </p>
        <Form method="get" className="record-directory" aria-labelledby="annuaire-titre">
          <h3 id="annuaire-titre">Chercher l'entreprise dans l'annuaire</h3>
          {original ? <input type="hidden" name="corriger" value={original.sequence} /> : null}
          <div className="field">
            <label htmlFor="annuaire">Nom ou SIRET</label>
            <input id="annuaire" type="search" name="annuaire" defaultValue={directory.search} />
          </div>
          <button type="submit" className="button--secondary">
            Chercher
          </button>
          {directory.search ? (
            <p role="status">
              {directory.found.length === 0
                ? `Aucune entreprise inscrite ne correspond à « ${directory.search} » : écrivez son nom ci-dessous.`
                : `${directory.found.length} entreprise${directory.found.length > 1 ? "s" : ""} trouvée${directory.found.length > 1 ? "s" : ""} : choisissez-la dans la liste ci-dessous.`}
            </p>
          ) : null}
        </Form>
        {/* A new key once an entry is written: the form starts empty again after the redirect. */}
        <ManualEntryForm key={`${original?.sequence ?? "nouvelle"}-${recordSize}`} />
      </section>

      <section aria-labelledby="lancement">
        <h2 id="lancement">Lancement de la consultation</h2>
        {procurement.withdrawn ? (
          <p>Cet achat a été retiré : il ne peut pas être lancé.</p>
        ) : procurement.launchedOn ? (
          <>
            <p>
              La consultation a été lancée le {procurement.launchedOnText}
              {procurement.noticeReference ? <> (avis {procurement.noticeReference}</> : null}
              {procurement.noticeUrl ? (
                <>
                  {procurement.noticeReference ? ", " : " ("}
                  <a href={procurement.noticeUrl}>voir l'avis</a>)
                </>
              ) : procurement.noticeReference ? (
                ")"
              ) : null}
              . La page publique de votre organisation compare cette date au mois que votre programmation annonçait.
            </p>
            <details open={launchFailed || undefined}>
              <summary>Corriger le lancement</summary>
              <p className="hint">La correction s'inscrit au registre à la suite du lancement d'origine, qui reste.</p>
              <LaunchForm key={procurement.launchedOn} />
            </details>
          </>
        ) : (
          <>
            <p>
              Quand l'avis de marché est publié, indiquez-le ici : l'achat passe à « Consultation publiée », les
              échanges qui suivent sont marqués, et la page publique de votre organisation compare la date au mois
              annoncé.
            </p>
            <LaunchForm />
          </>
        )}
      </section>
    </>
  );
}
