import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { blockPoliciesFromColumns } from "~/calendar/rules";
import { requireBuyerMember } from "~/plan/access.server";
import { handleProcurementForm } from "~/plan/procurement-action.server";
import { DensityNoticeBox, ProcurementForm } from "~/plan/procurement-form";

export const meta: MetaFunction = () => [{ title: "Nouvel achat prévu — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organization } = await requireBuyerMember(request);
  return {
    organization: { name: organization.name, departement: organization.departement },
    policies: blockPoliciesFromColumns(organization),
    contact: { contactName: user.name, contactEmail: user.email },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  return handleProcurementForm(buyer, await request.formData());
}

export default function NewPlannedProcurement() {
  const { organization, policies, contact } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/acheteur/achats">← Retour à la programmation</Link>
      </p>
      <h1>Nouvel achat prévu</h1>
      <p className="lead">
        Décrivez un achat que {organization.name} prévoit de lancer. Il restera privé tant que vous ne publiez pas
        l'édition de son semestre.
      </p>
      <DensityNoticeBox notice={actionData?.density} />
      <ProcurementForm
        id="achat-prevu"
        lastResult={actionData?.result}
        defaultValue={contact}
        proposals={actionData?.proposals}
        live={{ departement: organization.departement, policies }}
        submitLabel="Enregistrer l'achat"
      />
    </>
  );
}
