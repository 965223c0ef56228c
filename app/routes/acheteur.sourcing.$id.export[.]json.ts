// Every version with its hash and its submitted answers as JSON, with a ledger record. The export
// is made by the results page's form (a POST); a GET only leads back to that page.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyerMember } from "~/plan/access.server";
import { NOT_FOUND_MESSAGE } from "~/sourcing/questionnaires.server";
import { exportResponses, ownsQuestionnaire } from "~/sourcing/results.server";
import { notFound } from "~/ui/not-found.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerMember(request);
  if (!(await ownsQuestionnaire(organization.id, params.id!))) notFound(NOT_FOUND_MESSAGE);
  return redirect(`/acheteur/sourcing/${params.id}/reponses`, 303);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organization } = await requireBuyerMember(request);
  const file = await exportResponses({ id: user.id, name: user.name }, organization.id, params.id!, "json");
  if (!file) notFound(NOT_FOUND_MESSAGE);
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="reponses-sourcing-${params.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
