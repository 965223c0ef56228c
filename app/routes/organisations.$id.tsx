import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
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
import { inviteMember, organizationForMember } from "~/organizations/organizations.server";
import { invitationSchema } from "~/organizations/schemas";
import { departementLabel } from "~/territory/departements";
import { FormError, SelectField, TextField, VALIDATION_TIMING } from "~/ui/form";
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
  return {
    organization: { id: organization.id, name: organization.name },
    details,
    isAdmin: membership.role === "admin",
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
  const submission = parseWithZod(await request.formData(), { schema: invitationSchema });
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
  const { organization, details, isAdmin, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invitation",
    lastResult: actionData?.result,
    defaultValue: { role: "member" },
    constraint: getZodConstraint(invitationSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invitationSchema }),
  });
  return (
    <>
      <h1>{organization.name}</h1>
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
