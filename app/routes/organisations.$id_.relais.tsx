// /organisations/:id/relais: a relay's settings, for its members (changes: its administrators).
// What it follows (départements, régions, buyers by name) and highlights (categories, CPV
// divisions); the sites allowed to embed its widget, with the copy-paste snippet and a preview; its
// logo; and the newsletter block of a chosen period, as HTML and as plain text, ready to paste. Also
// each member's own choice of the emails about new editions, posted to /organisations/:id/relais/avis.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { todayInParis } from "~/calendar/dates";
import { publicOrigin } from "~/plan/feeds/http.server";
import { CATEGORIES, optionsOf } from "~/plan/vocabulary";
import { requireRelayAdmin, requireRelayMember } from "~/relay/access.server";
import { editionNoticesOn } from "~/relay/notice-settings.server";
import { describeFollowing, describeHighlights } from "~/relay/following";
import { LOGO_FIELD, LOGO_MAX_BYTES, checkLogo } from "~/relay/logo";
import { relayNewsletter } from "~/relay/newsletter.server";
import { periodText } from "~/relay/newsletter";
import { removeLogo, saveFollowing, saveLogo, saveSites } from "~/relay/relays.server";
import { followingSchema, parseNewsletterPeriod, sitesSchema } from "~/relay/schemas";
import { widgetSnippet } from "~/relay/widget";
import { DEPARTEMENTS_SORTED } from "~/territory/departements";
import { REGIONS } from "~/territory/regions";
import { CopyButton } from "~/ui/copy-button";
import {
  CheckboxListField,
  ErrorList,
  FormError,
  PlainCheckboxField,
  PlainTextField,
  SelectField,
  TextAreaField,
  TextField,
  VALIDATION_TIMING,
} from "~/ui/form";
import { cleanFileName } from "~/record/attachments";
import { readFormWithFile } from "~/ui/multipart.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.relay.name ?? "Réseau"} : suivi, widget et lettre d'information — Amont` },
];

const DEPARTEMENT_OPTIONS = DEPARTEMENTS_SORTED.map((departement) => ({
  value: departement.code,
  label: `${departement.code} — ${departement.name}`,
}));
const REGION_OPTIONS = [...REGIONS]
  .sort((a, b) => a.name.localeCompare(b.name, "fr"))
  .map((region) => ({ value: region.code, label: region.name }));
const CATEGORY_OPTIONS = optionsOf(CATEGORIES);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, relay, isAdmin } = await requireRelayMember(request, params.id!);
  const origin = publicOrigin(request);
  const now = new Date();
  const { period, errors } = parseNewsletterPeriod(new URL(request.url).searchParams, todayInParis(now));
  const [newsletter, editionNotices] = await Promise.all([
    relayNewsletter(relay, period, origin, now),
    editionNoticesOn({ userId: user.id, relayId: relay.id }),
  ]);
  return {
    relay: {
      id: relay.id,
      slug: relay.slug,
      name: relay.name,
      approved: relay.verificationStatus === "approved",
      logoUrl: relay.logoUrl,
      following: describeFollowing(
        relay.following,
        relay.followedBuyers.map((buyer) => buyer.name),
      ),
      followedBuyers: relay.followedBuyers.map((buyer) => ({ slug: buyer.slug, name: buyer.name, siren: buyer.siren })),
      highlights: describeHighlights(relay.highlights),
      sites: relay.sites,
    },
    defaults: {
      departements: [...relay.following.departements],
      regions: [...relay.following.regions],
      buyers: relay.followedBuyers.map((buyer) => buyer.slug).join("\n"),
      categories: [...relay.highlights.categories],
      cpv: relay.highlights.cpvDivisions.join(", "),
      sites: relay.sites.join("\n"),
    },
    isAdmin,
    editionNotices,
    snippet: widgetSnippet(origin, relay),
    newsletter: {
      period,
      periodText: periodText(period),
      errors,
      html: newsletter.html,
      text: newsletter.text,
      counts: {
        added: newsletter.data.added.length,
        changed: newsletter.data.changed.length,
        events: newsletter.data.events.length,
        questionnaires: newsletter.data.questionnaires.length,
      },
    },
  };
}

type FormName = "following" | "sites" | "logo";

/** A refused form: which one (several share the page), Conform's reply, or a message for the logo's field. */
function refused(form: FormName, result: SubmissionResult<string[]> | null, message: string | null = null) {
  return data({ form, result, message }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Who acts is checked before the form is read.
  const { relay } = await requireRelayAdmin(request, params.id!);
  const back = `/organisations/${relay.id}/relais`;
  const form = await readFormWithFile(request, {
    fileField: LOGO_FIELD,
    maxFileBytes: LOGO_MAX_BYTES,
    cleanFileName,
    label: "relay",
  });
  if (!form.ok) return refused("logo", null, form.message);
  const { formData, upload } = form;
  switch (formData.get("intent")) {
    case "following": {
      const submission = parseWithZod(formData, { schema: followingSchema });
      if (submission.status !== "success") return refused("following", submission.reply());
      const saved = await saveFollowing(relay.id, submission.value);
      if (!saved.ok) return refused("following", submission.reply({ fieldErrors: { [saved.field]: [saved.message] } }));
      return redirectWithToast(back, {
        title: "Suivi enregistré.",
        description:
          "Votre page, votre widget, vos flux et votre lettre d'information en tiennent compte dès maintenant.",
      });
    }
    case "sites": {
      const submission = parseWithZod(formData, { schema: sitesSchema });
      if (submission.status !== "success") return refused("sites", submission.reply());
      await saveSites(relay.id, submission.value.sites);
      return redirectWithToast(back, {
        title: "Sites enregistrés.",
        description: submission.value.sites.length
          ? "Le widget peut maintenant s'afficher sur ces sites."
          : "Le widget ne s'affiche plus que sur Amont.",
      });
    }
    case "logo": {
      if (!upload) return refused("logo", null, "Choisissez l'image du logo (PNG ou JPEG).");
      const check = checkLogo(upload);
      if (!check.ok) return refused("logo", null, check.message);
      await saveLogo(relay.id, { contentType: check.contentType, bytes: upload.bytes });
      return redirectWithToast(back, { title: "Logo enregistré." });
    }
    case "remove-logo": {
      const removed = await removeLogo(relay.id);
      return redirectWithToast(
        back,
        removed ? { title: "Logo retiré." } : { kind: "error", title: "Il n'y avait pas de logo." },
      );
    }
    default:
      throw new Response("Action inconnue.", { status: 400 });
  }
}

export default function RelaySettings() {
  const { relay, defaults, isAdmin, editionNotices, snippet, newsletter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultOf = (name: FormName) => (actionData?.form === name ? (actionData.result ?? undefined) : undefined);
  return (
    <>
      <p>
        <Link to={`/organisations/${relay.id}`}>← {relay.name}</Link>
      </p>
      <h1>Relayer la programmation des acheteurs</h1>
      {relay.approved ? (
        <p className="lead">
          Votre page publique : <Link to={`/relais/${relay.slug}`}>/relais/{relay.slug}</Link>. Elle montre les achats
          prévus, les événements et les questionnaires ouverts des acheteurs que vous suivez.
        </p>
      ) : (
        <p className="notice notice--warning">
          Votre page publique, votre widget et vos flux seront en ligne quand l'équipe Amont aura vérifié votre réseau.
          Vous pouvez déjà choisir ce que vous suivez et préparer votre lettre d'information.
        </p>
      )}

      <section aria-labelledby="suivi-titre">
        <h2 id="suivi-titre">Ce que vous suivez</h2>
        <p>
          {relay.following.length ? `Vous suivez ${relay.following.join(" ; ")}.` : "Vous ne suivez encore rien."}
          {relay.highlights.length ? ` Vous mettez en avant : ${relay.highlights.join(", ")}.` : ""}
        </p>
        {relay.followedBuyers.length ? (
          <ul>
            {relay.followedBuyers.map((buyer) => (
              <li key={buyer.slug}>
                <Link to={`/acheteurs/${buyer.slug}`}>{buyer.name}</Link>
                {buyer.siren ? <span className="muted"> (SIREN {buyer.siren})</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {isAdmin ? <FollowingForm defaults={defaults} lastResult={resultOf("following")} /> : null}
      </section>

      <section aria-labelledby="avis-titre" id="avis">
        <h2 id="avis-titre">Vos e-mails</h2>
        <p>
          Quand un acheteur que suit {relay.name} publie une nouvelle édition de sa programmation, Amont envoie à chaque
          membre du réseau un e-mail qui liste ce qui a changé.{" "}
          {relay.approved ? "" : "Ils partiront quand l'équipe Amont aura vérifié votre réseau. "}
          {editionNotices ? "Vous les recevez." : "Vous ne les recevez pas."} Ce choix ne vaut que pour vous.
        </p>
        {/* The key resets the box to the saved choice after a post. */}
        <Form
          method="post"
          action={`/organisations/${relay.id}/relais/avis`}
          className="form"
          key={String(editionNotices)}
        >
          <PlainCheckboxField
            id="editionNotices"
            name="editionNotices"
            label="Recevoir un e-mail à chaque nouvelle édition d'un plan suivi"
            defaultChecked={editionNotices}
          />
          <button type="submit">Enregistrer mon choix</button>
        </Form>
      </section>

      <section aria-labelledby="widget-titre">
        <h2 id="widget-titre">Le widget pour votre site</h2>
        <p>
          Copiez ce code dans une page de votre site : il y affiche les prochains achats prévus, événements et
          questionnaires des acheteurs que vous suivez, et chaque lien ouvre Amont dans un nouvel onglet. Le widget ne
          s'affiche que sur les sites déclarés ci-dessous. Pour le restreindre à un domaine, ajoutez à l'adresse un
          filtre de la page publique, par exemple <code>?cpv=45</code>.
        </p>
        <div className="field">
          <label htmlFor="widget-code">Code à copier</label>
          <textarea id="widget-code" readOnly rows={4} value={snippet} className="code" />
          <CopyButton targetId="widget-code" label="Copier le code" />
        </div>
        {isAdmin ? <SitesForm defaults={defaults} lastResult={resultOf("sites")} /> : null}
        {!isAdmin && relay.sites.length ? <p>Sites déclarés : {relay.sites.join(", ")}.</p> : null}
        {relay.approved ? (
          <details>
            <summary>Aperçu du widget</summary>
            <iframe
              src={`/relais/${relay.slug}/widget`}
              title={`Aperçu du widget de ${relay.name}`}
              className="widget-preview"
              loading="lazy"
            />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="logo-titre">
        <h2 id="logo-titre">Logo</h2>
        {relay.logoUrl ? (
          <p>
            <img src={relay.logoUrl} alt={`Logo actuel de ${relay.name}`} className="relay-logo" />
          </p>
        ) : (
          <p>Aucun logo : votre page et votre widget montrent votre nom seul.</p>
        )}
        {isAdmin ? (
          <LogoForm
            hasLogo={Boolean(relay.logoUrl)}
            message={actionData?.form === "logo" ? (actionData.message ?? null) : null}
          />
        ) : null}
      </section>

      <section aria-labelledby="lettre-titre">
        <h2 id="lettre-titre">Bloc pour votre lettre d'information</h2>
        <p>
          Un bloc prêt à coller dans votre outil d'envoi : les achats prévus ajoutés ou modifiés par vos acheteurs{" "}
          {newsletter.periodText}, leurs prochains événements et leurs questionnaires ouverts, avec un lien vers chaque
          fiche sur Amont. La version HTML se colle dans le mode « code source » de l'outil ; la version texte, dans une
          lettre sans mise en forme.
        </p>
        <Form method="get" className="form form--inline" aria-label="Période de la lettre">
          <PlainTextField
            id="lettre-du"
            name="du"
            type="date"
            label="Du"
            defaultValue={newsletter.period.from}
            error={newsletter.errors.du}
          />
          <PlainTextField
            id="lettre-au"
            name="au"
            type="date"
            label="Au"
            defaultValue={newsletter.period.to}
            error={newsletter.errors.au}
          />
          <p className="actions">
            <button type="submit">Préparer le bloc</button>
          </p>
        </Form>
        <p>
          {newsletter.counts.added} nouveau{newsletter.counts.added > 1 ? "x" : ""}, {newsletter.counts.changed} modifié
          {newsletter.counts.changed > 1 ? "s" : ""}, {newsletter.counts.events} événement
          {newsletter.counts.events > 1 ? "s" : ""} et {newsletter.counts.questionnaires} questionnaire
          {newsletter.counts.questionnaires > 1 ? "s" : ""}.
        </p>
        <details>
          <summary>Aperçu du bloc</summary>
          {/* Markup rendered on the server from the newsletter's components: every value in it is escaped. */}
          <div className="newsletter-preview" dangerouslySetInnerHTML={{ __html: newsletter.html }} />
        </details>
        <div className="field">
          <label htmlFor="lettre-html">Version HTML</label>
          <span className="hint" id="lettre-html-hint">
            Sélectionnez tout le texte du champ et copiez-le, ou utilisez le bouton.
          </span>
          <textarea
            id="lettre-html"
            readOnly
            rows={8}
            value={newsletter.html}
            className="code"
            aria-describedby="lettre-html-hint"
          />
          <CopyButton targetId="lettre-html" label="Copier le HTML" />
        </div>
        <div className="field">
          <label htmlFor="lettre-texte">Version texte</label>
          <textarea id="lettre-texte" readOnly rows={8} value={newsletter.text} className="code" />
          <CopyButton targetId="lettre-texte" label="Copier le texte" />
        </div>
      </section>
    </>
  );
}

type Defaults = ReturnType<typeof useLoaderData<typeof loader>>["defaults"];

function FollowingForm({ defaults, lastResult }: { defaults: Defaults; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "suivi",
    lastResult,
    defaultValue: {
      departements: defaults.departements,
      regions: defaults.regions,
      buyers: defaults.buyers,
      categories: defaults.categories,
      cpv: defaults.cpv,
    },
    constraint: getZodConstraint(followingSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: followingSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="following" />
      <FormError id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.departements}
        label="Départements suivis"
        options={DEPARTEMENT_OPTIONS}
        multiple
        hint="Tous les acheteurs de ces départements sont relayés. Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."
      />
      <CheckboxListField
        field={fields.regions}
        legend="Régions suivies en entier"
        options={REGION_OPTIONS}
        hint="Tous les acheteurs de la région, quel que soit leur département."
      />
      <TextAreaField
        field={fields.buyers}
        label="Acheteurs suivis en particulier"
        rows={4}
        hint="Un par ligne : son SIREN (9 chiffres) ou l'adresse de sa page sur Amont (…/acheteurs/son-nom). Pour un acheteur hors de vos départements, par exemple un grand donneur d'ordre voisin."
      />
      <CheckboxListField
        field={fields.categories}
        legend="Catégories mises en avant"
        options={CATEGORY_OPTIONS}
        hint="Les achats de ces catégories portent la mention « Mis en avant » et viennent en tête de votre lettre."
      />
      <TextField
        field={fields.cpv}
        label="Domaines mis en avant (divisions CPV)"
        hint="Les deux premiers chiffres des codes CPV qui intéressent vos membres, séparés par des virgules : par exemple 45, 50, 90."
      />
      <button type="submit">Enregistrer le suivi</button>
    </Form>
  );
}

function SitesForm({ defaults, lastResult }: { defaults: Defaults; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "sites",
    lastResult,
    defaultValue: { sites: defaults.sites },
    constraint: getZodConstraint(sitesSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sitesSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="sites" />
      <FormError id={form.errorId} errors={form.errors} />
      <TextAreaField
        field={fields.sites}
        label="Sites où afficher le widget"
        rows={3}
        hint="Une adresse par ligne, en https (par exemple https://www.cci-exemple.fr) : seul le site est retenu, pas la page. Dix au plus."
      />
      <button type="submit">Enregistrer les sites</button>
    </Form>
  );
}

function LogoForm({ hasLogo, message }: { hasLogo: boolean; message: string | null }) {
  const errorId = "logo-error";
  return (
    <>
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="logo" />
        <div className="field">
          <label htmlFor="logo">{hasLogo ? "Remplacer le logo" : "Ajouter un logo"}</label>
          <span className="hint" id="logo-hint">
            Une image PNG ou JPEG de 200 Ko au plus ; elle est affichée sur 64 pixels de haut. Son contenu est vérifié.
          </span>
          <input
            id="logo"
            name={LOGO_FIELD}
            type="file"
            accept=".png,.jpg,.jpeg,image/png,image/jpeg"
            aria-describedby={["logo-hint", message ? errorId : null].filter(Boolean).join(" ")}
            aria-invalid={message ? true : undefined}
          />
          <ErrorList id={errorId} errors={message ? [message] : null} />
        </div>
        <button type="submit">Enregistrer le logo</button>
      </Form>
      {hasLogo ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="remove-logo" />
          <button type="submit" className="button--secondary">
            Retirer le logo
          </button>
        </Form>
      ) : null}
    </>
  );
}
