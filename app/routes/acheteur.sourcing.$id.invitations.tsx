// /acheteur/sourcing/:id/invitations: invite suppliers by email or from the supplier directory
// (filters: CPV division of earlier answers, département, size, ESS status). Every invited supplier
// receives the same message; each invitation is on the ledger.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { MAX_INVITATIONS_PER_REQUEST } from "~/auth/limits";
import { ESS_STATUSES, SUPPLIER_SIZES } from "~/organizations/kinds";
import { inviteSuppliers, listInvitations, supplierDirectory } from "~/sourcing/invitations.server";
import { requireBuyerQuestionnaire } from "~/sourcing/questionnaires.server";
import { departementLabel } from "~/territory/departements";
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

const EMAIL = z.string().email();

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  const formData = await request.formData();
  const emailsText = String(formData.get("emails") ?? "");
  const emails = emailsText
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const invalid = emails.filter((e) => !EMAIL.safeParse(e).success);
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
        <div className="field">
          <label htmlFor="cpv">Division CPV (2 chiffres)</label>
          <span className="hint" id="cpv-hint">
            Les entreprises n'ont pas de code CPV : ce filtre garde celles qui ont déjà déposé une réponse à un
            questionnaire sur un achat de cette division.
          </span>
          <input id="cpv" name="cpv" inputMode="numeric" defaultValue={filters.cpv ?? ""} aria-describedby="cpv-hint" />
        </div>
        <div className="field">
          <label htmlFor="departement">Département</label>
          <input id="departement" name="departement" defaultValue={filters.departement ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="taille">Taille</label>
          <select id="taille" name="taille" defaultValue={filters.taille ?? ""}>
            <option value="">Toutes</option>
            {Object.entries(SUPPLIER_SIZES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ess">Statut</label>
          <select id="ess" name="ess" defaultValue={filters.ess ?? ""}>
            <option value="">Tous</option>
            {Object.entries(ESS_STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
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
            <fieldset>
              <legend>Entreprises trouvées ({directory.length})</legend>
              {directory.map((s) => (
                <label key={s.id} className="choice">
                  <input type="checkbox" name="organizationId" value={s.id} disabled={s.invited} />
                  {s.name}{" "}
                  <span className="muted">
                    — {s.departement}
                    {s.size ? ` · ${s.size}` : ""}
                    {s.essStatus && s.essStatus !== "none"
                      ? ` · ${(ESS_STATUSES as Record<string, string>)[s.essStatus]}`
                      : ""}
                    {s.invited ? " · déjà invitée" : ""}
                  </span>
                </label>
              ))}
            </fieldset>
          )
        ) : null}
        <div className="field">
          <label htmlFor="emails">Adresses e-mail</label>
          <span className="hint" id="emails-hint">
            Une ou plusieurs adresses, séparées par des virgules ou des retours à la ligne (
            {MAX_INVITATIONS_PER_REQUEST} au plus par envoi).
          </span>
          <textarea
            id="emails"
            name="emails"
            rows={3}
            defaultValue={actionData?.emails ?? ""}
            aria-describedby="emails-hint"
          />
        </div>
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
