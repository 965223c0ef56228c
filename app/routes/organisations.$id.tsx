import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireSession } from "~/auth/session.server";
import { formatInstantDay } from "~/calendar/format";
import { formatSiret } from "~/organizations/identifiers";
import {
  BUYER_KINDS,
  ESS_STATUSES,
  MEMBER_ROLES,
  ORGANIZATION_KINDS,
  RELAY_KINDS,
  SUPPLIER_SIZES,
  labelOf,
  optionsOf,
} from "~/organizations/kinds";
import { pendingClaimsOf } from "~/organizations/claims.server";
import { inviteMember, organizationForMember } from "~/organizations/organizations.server";
import { invitationSchema } from "~/organizations/schemas";
import {
  VERIFICATION_STATUSES,
  isReviewedKind,
  verificationAgainSchema,
  verificationNotice,
} from "~/organizations/verification";
import { requestVerificationAgain } from "~/organizations/verification.server";
import { departementLabel } from "~/territory/departements";
import { FormError, SelectField, TextAreaField, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";
import { retryAfterHeaders } from "~/ui/retry-after";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organisation"} — Amont` },
];

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

async function requireMembership(request: Request, organizationId: string) {
  const { user } = await requireSession(request);
  const membership = await organizationForMember(organizationId, user.id);
  if (!membership) throw new Response("Vous n'êtes pas membre de cette organisation.", { status: 403 });
  return { user, membership };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireMembership(request, params.id!);
  const organization = membership.organization;
  const details: [string, string][] = [
    ["Type", labelOf(ORGANIZATION_KINDS, organization.kind)],
    ["Département", departementLabel(organization.departement)],
  ];
  if (organization.kind === "supplier") {
    details.push(
      ["SIRET", formatSiret(organization.siret ?? "")],
      ["Taille", labelOf(SUPPLIER_SIZES, organization.size)],
      ["Statut ESS", labelOf(ESS_STATUSES, organization.essStatus)],
    );
    if (organization.nafCode) details.push(["Code NAF", organization.nafCode]);
  } else if (organization.kind === "buyer") {
    details.push(
      ["SIREN", organization.siren ?? ""],
      ["Type d'acheteur", labelOf(BUYER_KINDS, organization.buyerKind)],
    );
  } else {
    details.push(
      ["Type de réseau", labelOf(RELAY_KINDS, organization.relayKind)],
      ["Territoire", organization.territory.map((row) => departementLabel(row.departement)).join(", ")],
    );
  }
  const isAdmin = membership.role === "admin";
  if (isReviewedKind(organization.kind))
    details.push(["Vérification par l'équipe Amont", labelOf(VERIFICATION_STATUSES, organization.verificationStatus)]);
  return {
    organization: { id: organization.id, name: organization.name, isRelay: organization.kind === "relay" },
    details,
    verification: {
      notice: verificationNotice(organization),
      mayAskAgain: isAdmin && organization.verificationStatus === "refused",
    },
    pendingClaims: isAdmin ? (await pendingClaimsOf(organization.id)).length : 0,
    isAdmin,
    members: organization.memberships.map((member) => ({
      id: member.id,
      name: member.user.name,
      email: member.user.email,
      role: labelOf(MEMBER_ROLES, member.role),
    })),
    invitations: membership.pendingInvitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: labelOf(MEMBER_ROLES, invitation.role),
      expiresAt: invitation.expiresAt.toISOString(),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, membership } = await requireMembership(request, params.id!);
  if (membership.role !== "admin")
    throw new Response("Seuls les administrateurs de l'organisation peuvent inviter.", { status: 403 });
  const formData = await request.formData();
  if (formData.get("intent") === "verify-again") {
    const submission = parseWithZod(formData, { schema: verificationAgainSchema });
    if (submission.status !== "success")
      return data({ result: submission.reply(), form: "verify-again" }, { status: 400 });
    const result = await requestVerificationAgain(user, membership.organizationId, submission.value.note);
    if (!result.ok)
      return data(
        { result: submission.reply({ formErrors: [result.message] }), form: "verify-again" },
        { status: 409 },
      );
    return redirectWithToast(`/organisations/${membership.organizationId}`, {
      title: "Nouvel examen demandé.",
      description: "L'équipe Amont a reçu votre message ; vous recevrez sa décision par courriel.",
    });
  }
  const submission = parseWithZod(formData, { schema: invitationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await inviteMember(user, membership.organizationId, submission.value, { ip: context.clientIp });
  if (!result.ok && result.field === null)
    return data(
      { result: submission.reply({ formErrors: [result.message] }) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  if (!result.ok)
    return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 });
  return redirectWithToast(`/organisations/${membership.organizationId}`, {
    title: `Invitation envoyée à ${submission.value.email}.`,
  });
}

export default function OrganizationPage() {
  const { organization, details, verification, pendingClaims, isAdmin, members, invitations } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const verifyAgain = actionData && "form" in actionData ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "invitation",
    lastResult: actionData && !("form" in actionData) ? actionData.result : undefined,
    defaultValue: { role: "member" },
    constraint: getZodConstraint(invitationSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invitationSchema }),
  });
  return (
    <>
      <h1>{organization.name}</h1>
      {verification.notice ? <p className="notice notice--warning">{verification.notice}</p> : null}
      {verification.mayAskAgain ? <VerifyAgainForm lastResult={verifyAgain} /> : null}
      {pendingClaims > 0 ? (
        <p className="notice">
          {pendingClaims > 1
            ? `${pendingClaims} personnes demandent à rejoindre l'organisation.`
            : "Une personne demande à rejoindre l'organisation."}{" "}
          <Link to={`/organisations/${organization.id}/demandes`}>Répondre aux demandes</Link>
        </p>
      ) : null}
      {organization.isRelay ? (
        <p className="actions">
          <Link to={`/organisations/${organization.id}/relais`}>
            Relayer la programmation : suivi, widget et lettre d'information
          </Link>
        </p>
      ) : null}
      <dl>
        {details.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>Membres</h2>
      <table>
        <caption className="visually-hidden">Membres de l'organisation</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse électronique</th>
            <th scope="col">Rôle</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{member.email}</td>
              <td>{member.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin ? (
        <>
          {invitations.length > 0 ? (
            <>
              <h2>Invitations en attente</h2>
              <ul>
                {invitations.map((invitation) => (
                  <li key={invitation.id}>
                    {invitation.email} ({invitation.role.toLowerCase()}), valable jusqu'au{" "}
                    {formatInstantDay(invitation.expiresAt)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>Inviter un collègue</h2>
          <Form method="post" className="form" {...getFormProps(form)}>
            <FormError id={form.errorId} errors={form.errors} />
            <TextField field={fields.email} label="Adresse électronique" type="email" autoComplete="off" />
            <SelectField
              field={fields.role}
              label="Rôle"
              options={optionsOf(MEMBER_ROLES)}
              placeholder={null}
              hint="Un administrateur peut inviter d'autres personnes."
            />
            <button type="submit">Envoyer l'invitation</button>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** After a refusal, the organisation's admin asks for a new review, saying what changed. */
function VerifyAgainForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "nouvel-examen",
    lastResult,
    constraint: getZodConstraint(verificationAgainSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: verificationAgainSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <h2>Demander un nouvel examen</h2>
      <FormError id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="verify-again" />
      <TextAreaField
        field={fields.note}
        label="Ce qui a changé depuis le refus"
        hint="Par exemple la preuve demandée, ou l'adresse de l'organisme à laquelle l'équipe Amont peut vous joindre."
        rows={4}
      />
      <button type="submit">Demander un nouvel examen</button>
    </Form>
  );
}
