// The submitted answers to one version as CSV (UTF-8 with BOM, ";"), with a ledger record. The
// export is made by the results page's form (a POST); a GET only leads back to that page.
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
  const requested = Number((await request.formData()).get("version"));
  const file = await exportResponses(
    { id: user.id, name: user.name },
    organization.id,
    params.id!,
    "csv",
    Number.isInteger(requested) && requested > 0 ? requested : null,
  );
  if (!file) notFound(NOT_FOUND_MESSAGE);
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reponses-sourcing-${params.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
