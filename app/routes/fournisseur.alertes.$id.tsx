// /fournisseur/alertes/:id: one of the signed-in supplier member's alerts: change it, turn it back
// on after an unsubscribe link stopped it, or delete it. Another person's alert answers 404.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { handleAlertPage } from "~/alerts/alert-action.server";
import { AlertForm } from "~/alerts/alert-form";
import { requireOwnedAlert } from "~/alerts/alerts.server";
import { formValuesOf } from "~/alerts/schema";
import { formatInstant } from "~/calendar/format";
import { requireSupplierMember } from "~/meetings/access.server";

export const meta: MetaFunction = () => [{ title: "Modifier une alerte — Amont" }];

async function ownedAlert(request: Request, id: string) {
  const { user, organization } = await requireSupplierMember(request);
  const owner = { userId: user.id, organizationId: organization.id };
  return { owner, alert: await requireOwnedAlert(owner, id) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { alert } = await ownedAlert(request, params.id ?? "");
  return {
    id: alert.id,
    name: alert.name,
    stoppedAt: alert.unsubscribedAt?.toISOString() ?? null,
    defaultValue: formValuesOf(alert),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Who acts and whose alert it is, before the form is read.
  const { owner, alert } = await ownedAlert(request, params.id ?? "");
  return handleAlertPage(owner, alert.id, await request.formData());
}

export default function EditAlert() {
  const { id, name, stoppedAt, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/fournisseur/alertes">← Retour à mes alertes</Link>
      </p>
      <h1>Alerte « {name} »</h1>
      {stoppedAt ? (
        <div className="notice" role="status">
          <p>
            Cette alerte ne vous envoie plus de courriels depuis le {formatInstant(stoppedAt)} (lien de désabonnement
            d'un courriel). Enregistrer ses critères, ou le bouton ci-dessous, la remet en marche.
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="resume" className="button--secondary">
              Recevoir de nouveau cette alerte
            </button>
          </Form>
        </div>
      ) : null}
      <AlertForm
        id={`alerte-${id}`}
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        submitLabel="Enregistrer l'alerte"
      />
      <h2>Supprimer l'alerte</h2>
      <p>Vous ne recevrez plus rien pour elle, et les liens de désabonnement de ses courriels ne serviront plus.</p>
      <Form method="post">
        <button type="submit" name="intent" value="delete" className="button--secondary">
          Supprimer l'alerte « {name} »
        </button>
      </Form>
    </>
  );
}
