import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getSession, requireSession } from "~/auth/session.server";
import { MEMBER_ROLES, labelOf } from "~/organizations/kinds";
import { acceptInvitation, findInvitation } from "~/organizations/organizations.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Invitation — Amont" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(params.token!);
  const current = await getSession(request);
  const valid = Boolean(invitation && !invitation.acceptedAt && invitation.expiresAt > new Date());
  return {
    valid,
    organizationName: valid ? invitation!.organization.name : null,
    inviterName: valid ? invitation!.invitedBy.name : null,
    role: valid ? labelOf(MEMBER_ROLES, invitation!.role) : null,
    email: valid ? invitation!.email : null,
    signedInAs: current?.user.email ?? null,
    // Back to this invitation after logging in (rendered on the server too, so it works without JavaScript).
    loginUrl: `/connexion?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const result = await acceptInvitation(user, params.token!);
  if (!result.ok) return redirectWithToast(`/invitations/${params.token}`, { kind: "error", title: result.message });
  return redirectWithToast(`/organisations/${result.organizationId}`, { title: "Bienvenue dans l'organisation." });
}

export default function Invitation() {
  const invitation = useLoaderData<typeof loader>();
  if (!invitation.valid) {
    return (
      <>
        <h1>Invitation</h1>
        <p>
          Cette invitation n'est plus valable : elle a déjà été acceptée ou a expiré. Demandez à l'organisation de vous
          inviter à nouveau.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Rejoindre {invitation.organizationName}</h1>
      <p>
        {invitation.inviterName} vous invite à rejoindre {invitation.organizationName} comme{" "}
        {invitation.role?.toLowerCase()}. L'invitation a été envoyée à {invitation.email}.
      </p>
      {invitation.signedInAs ? (
        <Form method="post">
          <button type="submit">Accepter l'invitation</button>
        </Form>
      ) : (
        <p>
          Pour accepter, <Link to={invitation.loginUrl}>connectez-vous</Link> ou{" "}
          <Link to="/inscription">créez un compte</Link> avec l'adresse {invitation.email}, puis revenez sur le lien
          reçu.
        </p>
      )}
    </>
  );
}
