// /admin/effacement: a platform admin erases a person's data on their request (RGPD, right to
// erasure), two ways (decision 0027). A person with an account: the address of their account gives
// a preview (how many ledger records and fields, which organisations), then a confirmation erases as
// account closing does (app/auth/erasure.server.ts). A person without an account (invited to a
// questionnaire by their address, named in a buyer's manual entry): their address and/or full name
// give a preview (ledger records, procurements, invitations, messages, manual entries and their
// attachments), then a confirmation with the attachments to delete ticked
// (app/auth/erasure-without-account.server.ts). Platform admins only. Addresses and names travel in
// POST bodies only, never in a URL (request logs keep URLs).
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import {
  eraseWithoutAccount,
  previewErasureWithoutAccount,
  type ErasureWithoutAccountPreview,
} from "~/auth/erasure-without-account.server";
import { eraseOnRequest, previewErasure, type ErasurePreview } from "~/auth/erasure.server";
import { ERASURE_WITHOUT_ACCOUNT_INTENTS, erasureRequestSchema, erasureWithoutAccountSchema } from "~/auth/schemas";
import { requirePlatformAdmin } from "~/auth/session.server";
import { FormError, PlainChoiceField, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Effacement de données personnelles — Administration Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  return null;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

async function withoutAccount(formData: FormData, admin: { id: string; name: string }) {
  const way = "without-account" as const;
  const submission = parseWithZod(formData, { schema: erasureWithoutAccountSchema });
  if (submission.status !== "success") return data({ way, result: submission.reply(), preview: null }, { status: 400 });
  const { intent, email, name, attachments } = submission.value;
  const refused = (field: "email" | "name" | "attachments", message: string) =>
    data(
      {
        way,
        // The preview is gone with a refusal: a message about the ticked files goes to the form.
        result:
          field === "attachments"
            ? submission.reply({ formErrors: [message] })
            : submission.reply({ fieldErrors: { [field]: [message] } }),
        preview: null,
      },
      { status: 400 },
    );
  if (intent === "preview-without-account") {
    const lookup = await previewErasureWithoutAccount({ email, name });
    if (!lookup.ok) return refused(lookup.field, lookup.message);
    return data({ way, result: submission.reply(), preview: lookup.preview });
  }
  const result = await eraseWithoutAccount(admin, { email, name, attachments });
  if (!result.ok) return refused(result.field, result.message);
  const done = [
    `${plural(result.records, "enregistrement", "enregistrements")} du registre des échanges ${result.records > 1 ? "portent" : "porte"} désormais la mention « [effacé] », et l'effacement y est inscrit`,
    `${plural(result.invitations, "invitation", "invitations")} à répondre sans son adresse`,
    `${plural(result.messages, "courriel", "courriels")} supprimé(s) ou masqué(s)`,
    `${plural(result.filesDeleted, "pièce jointe supprimée", "pièces jointes supprimées")}`,
  ].join(" ; ");
  if (result.filesFailed.length > 0)
    return redirectWithToast("/admin/effacement", {
      kind: "error",
      title: "Les données sont effacées, mais des fichiers n'ont pas pu être supprimés.",
      description: `${done}. Fichier(s) restés dans le dossier attachments du serveur (l'erreur est au journal), à supprimer à la main : ${result.filesFailed.join(", ")}.`,
    });
  return redirectWithToast("/admin/effacement", {
    kind: "success",
    title: "Les données de cette personne sont effacées.",
    description: `${done}.`,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePlatformAdmin(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if ((ERASURE_WITHOUT_ACCOUNT_INTENTS as readonly unknown[]).includes(intent))
    return withoutAccount(formData, { id: user.id, name: user.name });
  const way = "account" as const;
  const submission = parseWithZod(formData, { schema: erasureRequestSchema });
  if (submission.status !== "success") return data({ way, result: submission.reply(), preview: null }, { status: 400 });
  const { email } = submission.value;
  if (submission.value.intent === "preview") {
    const lookup = await previewErasure(email, user.id);
    if (!lookup.ok)
      return data(
        { way, result: submission.reply({ fieldErrors: { email: [lookup.message] } }), preview: null },
        { status: 400 },
      );
    return data({ way, result: submission.reply(), preview: { email, ...lookup.preview } });
  }
  const result = await eraseOnRequest({ id: user.id, name: user.name }, email);
  if (!result.ok)
    return data(
      { way, result: submission.reply({ fieldErrors: { email: [result.message] } }), preview: null },
      { status: 400 },
    );
  return redirectWithToast("/admin/effacement", {
    kind: "success",
    title: "Les données de cette personne sont effacées.",
    description: `Son compte est fermé ; ${result.records} enregistrement(s) du registre des échanges portent désormais la mention « [effacé] », et l'effacement y est inscrit.`,
  });
}

function Preview({ preview }: { preview: ErasurePreview & { email: string } }) {
  return (
    <section aria-labelledby="apercu-titre" className="card">
      <h3 id="apercu-titre">Ce qui sera effacé pour {preview.email}</h3>
      <ul>
        <li>
          Au registre des échanges : {plural(preview.fields, "champ", "champs")} dans{" "}
          {plural(preview.records, "enregistrement", "enregistrements")}, remplacés par « [effacé] » (les
          enregistrements restent, et la chaîne reste vérifiable).
        </li>
        <li>
          Organisations concernées :{" "}
          {preview.organizations.length > 0
            ? preview.organizations.map((organization) => organization.name).join(", ")
            : "aucune"}
          .
        </li>
        <li>
          Le compte : nom, adresse, mot de passe, sessions, invitations, courriels
          {preview.memberships.length > 0 ? `, et sa place dans ${preview.memberships.join(", ")}` : ""}.
        </li>
      </ul>
      {preview.refusal ? (
        <p className="notice notice--warning" role="alert">
          {preview.refusal}
        </p>
      ) : (
        <Form method="post">
          <input type="hidden" name="email" value={preview.email} />
          <button type="submit" name="intent" value="erase" className="button--danger">
            Effacer définitivement les données de cette personne
          </button>
        </Form>
      )}
    </section>
  );
}

function whoOf(preview: ErasureWithoutAccountPreview): string {
  return [preview.name, preview.email].filter(Boolean).join(", ");
}

function PreviewWithoutAccount({ preview }: { preview: ErasureWithoutAccountPreview }) {
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(", ") : "aucun");
  return (
    <section aria-labelledby="apercu-sans-compte-titre" className="card">
      <h3 id="apercu-sans-compte-titre">Ce qui sera effacé pour {whoOf(preview)}</h3>
      {preview.accountsWithName > 0 ? (
        <p className="notice notice--warning">
          {preview.accountsWithName > 1 ? `${preview.accountsWithName} comptes Amont portent` : "Un compte Amont porte"}{" "}
          ce nom. Si c'est la même personne, effacez-la plutôt avec « La personne a un compte », par l'adresse de son
          compte : elle doit être effacée entièrement. S'il s'agit d'une autre personne du même nom, sachez que les
          enregistrements où ce nom figure seront effacés, y compris ceux de ce compte.
        </p>
      ) : null}
      <ul>
        <li>
          Au registre des échanges : {plural(preview.fields, "champ", "champs")} dans{" "}
          {plural(preview.records, "enregistrement", "enregistrements")}, remplacés par « [effacé] » (les
          enregistrements restent, et la chaîne reste vérifiable).
        </li>
        <li>
          Dossiers d'achat concernés :{" "}
          {list(
            preview.procurements.map((procurement) => `« ${procurement.title} » (${procurement.organizationName})`),
          )}
          .
        </li>
        <li>Organisations concernées : {list(preview.organizations.map((organization) => organization.name))}.</li>
        {preview.email ? (
          <>
            <li>
              Invitations à répondre à un questionnaire envoyées à cette adresse :{" "}
              {preview.questionnaireInvitations.length > 0
                ? `${preview.questionnaireInvitations.join(", ")} ; l'adresse y est remplacée par une adresse fictive`
                : "aucune"}
              .
              {preview.pendingInvitations > 0
                ? ` ${plural(preview.pendingInvitations, "envoi d'invitations en attente ne lui sera pas adressé", "envois d'invitations en attente ne lui seront pas adressés")}.`
                : ""}
            </li>
            {preview.organizationInvitations.length > 0 ? (
              <li>
                Invitations à rejoindre une organisation, supprimées : {preview.organizationInvitations.join(", ")}.
              </li>
            ) : null}
            <li>Courriels envoyés à cette adresse, supprimés : {preview.messagesTo}.</li>
          </>
        ) : null}
        <li>
          Autres courriels qui la citent, où son nom et son adresse sont remplacés par « [effacé] » :{" "}
          {preview.messagesMentioning}.
        </li>
        <li>
          Entrées du dossier d'un achat qui la citent :{" "}
          {preview.manualEntries.length > 0
            ? preview.manualEntries
                .map((entry) => `n° ${entry.sequence}${entry.procurement ? ` ${entry.procurement}` : ""}`)
                .join(", ")
            : "aucune"}
          .
        </li>
      </ul>
      {preview.procurementContacts > 0 ? (
        <p>
          Ce qui reste : elle est le contact indiqué pour{" "}
          {plural(preview.procurementContacts, "achat d'un plan", "achats de plans")}. C'est à l'acheteur de changer ce
          contact ; les éditions déjà publiées ne changent pas.
        </p>
      ) : null}
      {preview.attachments.length > 0 ? (
        <>
          <h4>Pièces jointes de ces entrées</h4>
          <p>
            Leur contenu ne peut pas être vérifié automatiquement : ouvrez chacune avant de décider. Une pièce cochée
            est supprimée du disque ; l'entrée garde l'empreinte SHA-256 du fichier et affiche « Pièce jointe effacée à
            la demande de la personne concernée (RGPD) ».
          </p>
          <ul>
            {preview.attachments.map((attachment) => (
              <li key={attachment.sha256}>
                <a href={`/admin/effacement/pieces/${attachment.sequences[0]}`}>Ouvrir « {attachment.fileName} »</a> (
                {attachment.description}, entrée{attachment.sequences.length > 1 ? "s" : ""} n°{" "}
                {attachment.sequences.join(", ")})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post">
        {preview.email ? <input type="hidden" name="email" value={preview.email} /> : null}
        {preview.name ? <input type="hidden" name="name" value={preview.name} /> : null}
        {preview.attachments.length > 0 ? (
          <PlainChoiceField
            id="pieces-a-supprimer"
            name="attachments"
            type="checkbox"
            legend="Pièces jointes à supprimer"
            hint="Ne cochez que celles qui contiennent des données de cette personne."
            options={preview.attachments.map((attachment) => ({
              value: attachment.sha256,
              label: (
                <span>
                  « {attachment.fileName} » ({attachment.description})
                  {attachment.nameMentionsPerson
                    ? " — son nom de fichier la cite : il sera effacé du registre dans tous les cas"
                    : ""}
                  {attachment.otherEntries > 0
                    ? ` — le même fichier est joint à ${plural(attachment.otherEntries, "autre entrée", "autres entrées")}, qui le perdr${attachment.otherEntries > 1 ? "ont" : "a"} aussi`
                    : ""}
                </span>
              ),
            }))}
          />
        ) : null}
        <button type="submit" name="intent" value="erase-without-account" className="button--danger">
          Effacer définitivement ces données
        </button>
      </Form>
    </section>
  );
}

export default function AdminErasure() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "effacement",
    lastResult: actionData?.way === "account" ? actionData.result : undefined,
    constraint: getZodConstraint(erasureRequestSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: erasureRequestSchema }),
  });
  const [withoutAccountForm, withoutAccountFields] = useForm({
    id: "effacement-sans-compte",
    lastResult: actionData?.way === "without-account" ? actionData.result : undefined,
    constraint: getZodConstraint(erasureWithoutAccountSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: erasureWithoutAccountSchema }),
  });
  return (
    <>
      <h1>Effacement de données personnelles</h1>
      <p className="lead">
        Quand une personne demande l'effacement de ses données (RGPD, article 17), vérifiez d'abord que la demande vient
        bien d'elle. L'effacement remplace son nom et son adresse par « [effacé] » au registre des échanges, et efface
        ses données partout ailleurs. Il est définitif.
      </p>

      <section aria-labelledby="avec-compte-titre">
        <h2 id="avec-compte-titre">La personne a un compte</h2>
        <p>
          La demande doit venir de l'adresse de son compte. L'effacement ferme son compte et efface ses données partout.
        </p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError id={form.errorId} errors={form.errors} />
          <TextField
            field={fields.email}
            label="Adresse électronique du compte de la personne"
            type="email"
            autoComplete="off"
          />
          <button type="submit" name="intent" value="preview">
            Voir ce qui sera effacé
          </button>
        </Form>
        {actionData?.way === "account" && actionData.preview ? <Preview preview={actionData.preview} /> : null}
      </section>

      <section aria-labelledby="sans-compte-titre">
        <h2 id="sans-compte-titre">La personne n'a pas de compte</h2>
        <p>
          Un acheteur a pu l'inviter à répondre à un questionnaire en tapant son adresse, ou écrire son nom dans le
          dossier d'un achat (un appel, une visite, un artisan sans compte). Indiquez son adresse, son nom complet, ou
          les deux : tout ce qui les contient sera effacé.
        </p>
        <Form method="post" className="form" {...getFormProps(withoutAccountForm)}>
          <FormError id={withoutAccountForm.errorId} errors={withoutAccountForm.errors} />
          <TextField
            field={withoutAccountFields.email}
            label="Adresse électronique de la personne"
            hint="Facultative si vous indiquez son nom."
            type="email"
            autoComplete="off"
          />
          <TextField
            field={withoutAccountFields.name}
            label="Nom complet de la personne"
            hint="Prénom et nom, tels qu'ils ont pu être écrits (les accents et les majuscules ne comptent pas). Facultatif si vous indiquez son adresse."
            autoComplete="off"
          />
          <button type="submit" name="intent" value="preview-without-account">
            Chercher ses données
          </button>
        </Form>
        {actionData?.way === "without-account" && actionData.preview ? (
          <PreviewWithoutAccount preview={actionData.preview} />
        ) : null}
      </section>
    </>
  );
}
