// /fournisseur/alertes/nouvelle: a new alert for the signed-in supplier member.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { handleAlertForm } from "~/alerts/alert-action.server";
import { AlertForm } from "~/alerts/alert-form";
import { requireSupplierMember } from "~/meetings/access.server";

export const meta: MetaFunction = () => [{ title: "Nouvelle alerte — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSupplierMember(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireSupplierMember(request);
  return handleAlertForm({ userId: user.id, organizationId: organization.id }, await request.formData());
}

export default function NewAlert() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/fournisseur/alertes">← Retour à mes alertes</Link>
      </p>
      <h1>Nouvelle alerte</h1>
      <p className="lead">
        Dites ce que vous savez faire et où : Amont vous écrit quand un acheteur public annonce quelque chose qui y
        correspond.
      </p>
      <AlertForm id="alerte" lastResult={actionData?.result} submitLabel="Créer l'alerte" />
    </>
  );
}
