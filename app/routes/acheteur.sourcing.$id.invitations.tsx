// /acheteur/sourcing/:id/invitations: invite suppliers by email or from the supplier directory
// (filters: CPV division of earlier answers, département, size, ESS status). Every invited supplier
// receives the same message; each invitation is on the ledger.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { MAX_INVITATIONS_PER_REQUEST } from "~/auth/limits";
import { ESS_STATUSES, optionsOf, SUPPLIER_SIZES } from "~/organizations/kinds";
import { parseEmailList } from "~/sourcing/forms";
import { inviteSuppliers, listInvitations, supplierDirectory } from "~/sourcing/invitations.server";
import { requireBuyerQuestionnaire } from "~/sourcing/questionnaires.server";
import { departementLabel } from "~/territory/departements";
import { PlainChoiceField, PlainSelectField, PlainTextAreaField, PlainTextField } from "~/ui/form";
import { formatInstant } from "~/ui/plan";
import { redirectWithToast } from "~/ui/toast.server";
import { retryAfterHeaders } from "~/ui/retry-after";

export const meta: MetaFunction = () => [{ title: "Inviter des entreprises — Amont" }];

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

const filtersSchema = z.object({
  cpv: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  departement: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .optional()
    .catch(undefined),
  taille: z
    .enum(Object.keys(SUPPLIER_SIZES) as [string, ...string[]])
    .optional()
    .catch(undefined),
  ess: z
    .enum(Object.keys(ESS_STATUSES) as [string, ...string[]])
    .optional()
    .catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const filters = filtersSchema.parse(search);
  const searched = Object.values(filters).some(Boolean);
  const [directory, invitations] = await Promise.all([
    searched
      ? supplierDirectory({
          cpvDivision: filters.cpv,
          departement: filters.departement,
          size: filters.taille,
          essStatus: filters.ess,
        })
      : Promise.resolve([]),
    listInvitations(questionnaire.id),
  ]);
  const invited = new Set(invitations.map((i) => i.supplierOrganizationId).filter(Boolean));
  return {
    id: questionnaire.id,
    title: questionnaire.title,
    published: questionnaire.status === "published",
    filters,
    searched,
    directory: directory.map((s) => ({
      id: s.id,
      name: s.name,
      departement: departementLabel(s.departement),
      size: s.size,
      essStatus: s.essStatus,
      invited: invited.has(s.id),
    })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, createdAt: i.createdAt.toISOString() })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  const formData = await request.formData();
  const emailsText = String(formData.get("emails") ?? "");
  const { emails, invalid } = parseEmailList(emailsText);
  if (invalid.length)
    return data(
      { emails: emailsText, error: `Adresse(s) invalide(s) : ${invalid.join(", ")}. Rien n'a été envoyé.` },
      { status: 400 },
    );
  const organizationIds = formData.getAll("organizationId").map(String);
  const result = await inviteSuppliers(
    { id: buyer.user.id, name: buyer.user.name },
    { id: buyer.organization.id, name: buyer.organization.name, departement: buyer.organization.departement },
    questionnaire.id,
    { emails, organizationIds },
    { ip: context.clientIp },
  );
  if (!result.ok)
    return data(
      { emails: emailsText, error: result.message },
      result.retryAfterSeconds
        ? { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } }
        : { status: 400 },
    );
  return redirectWithToast(`/acheteur/sourcing/${questionnaire.id}/invitations`, {
    title: `${result.queued} invitation(s) en cours d'envoi : elles partent dans la minute.`,
    description: result.skipped
      ? `${result.skipped} adresse(s) déjà invitée(s) n'ont pas reçu de second message.`
      : "Toutes les entreprises invitées reçoivent le même message.",
  });
}

export default function Invitations() {
  const { id, title, published, filters, searched, directory, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/acheteur/sourcing/${id}`}>← {title}</Link>
      </p>
      <h1>Inviter des entreprises à répondre</h1>
      <p className="lead">
        Le questionnaire est public : toute entreprise peut y répondre. Inviter, c'est seulement prévenir ; toutes les
        entreprises invitées reçoivent le même message, et chaque invitation est inscrite au registre.
      </p>
      {!published ? <p className="notice">Publiez d'abord le questionnaire.</p> : null}
      <h2>Chercher dans l'annuaire</h2>
      <Form method="get" className="form plan-filters">
        <PlainTextField
          id="cpv"
          name="cpv"
          label="Division CPV (2 chiffres)"
          hint="Les entreprises n'ont pas de code CPV : ce filtre garde celles qui ont déjà déposé une réponse à un questionnaire sur un achat de cette division."
          inputMode="numeric"
          defaultValue={filters.cpv ?? ""}
        />
        <PlainTextField
          id="departement"
          name="departement"
          label="Département"
          defaultValue={filters.departement ?? ""}
        />
        <PlainSelectField
          id="taille"
          name="taille"
          label="Taille"
          options={optionsOf(SUPPLIER_SIZES)}
          placeholder="Toutes"
          defaultValue={filters.taille ?? ""}
        />
        <PlainSelectField
          id="ess"
          name="ess"
          label="Statut"
          options={optionsOf(ESS_STATUSES)}
          placeholder="Tous"
          defaultValue={filters.ess ?? ""}
        />
        <button type="submit" className="button--secondary">
          Chercher
        </button>
      </Form>
      <Form method="post" className="form">
        {actionData?.error ? (
          <div className="form-error" role="alert">
            <p>{actionData.error}</p>
          </div>
        ) : null}
        {searched ? (
          directory.length === 0 ? (
            <p>Aucune entreprise ne correspond à ces critères.</p>
          ) : (
            <PlainChoiceField
              id="annuaire"
              name="organizationId"
              type="checkbox"
              legend={`Entreprises trouvées (${directory.length})`}
              options={directory.map((s) => ({
                value: s.id,
                disabled: s.invited,
                label: (
                  <>
                    {s.name}{" "}
                    <span className="muted">
                      — {s.departement}
                      {s.size ? ` · ${s.size}` : ""}
                      {s.essStatus && s.essStatus !== "none"
                        ? ` · ${(ESS_STATUSES as Record<string, string>)[s.essStatus]}`
                        : ""}
                      {s.invited ? " · déjà invitée" : ""}
                    </span>
                  </>
                ),
              }))}
            />
          )
        ) : null}
        <PlainTextAreaField
          id="emails"
          name="emails"
          label="Adresses e-mail"
          hint={`Une ou plusieurs adresses, séparées par des virgules ou des retours à la ligne (${MAX_INVITATIONS_PER_REQUEST} au plus par envoi).`}
          rows={3}
          defaultValue={actionData?.emails ?? ""}
        />
        <button type="submit" disabled={!published}>
          Envoyer les invitations
        </button>
      </Form>
      <h2>Invitations envoyées</h2>
      {invitations.length === 0 ? (
        <p>Aucune invitation pour l'instant.</p>
      ) : (
        <ul>
          {invitations.map((i) => (
            <li key={i.id}>
              {i.email} <span className="muted">— le {formatInstant(i.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
