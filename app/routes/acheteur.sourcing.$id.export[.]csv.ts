// The submitted answers to one version as CSV (UTF-8 with BOM, ";"), with a ledger record.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyerMember } from "~/plan/access.server";
import { exportResponses } from "~/sourcing/results.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organization } = await requireBuyerMember(request);
  const requested = Number(new URL(request.url).searchParams.get("version"));
  const file = await exportResponses(
    { id: user.id, name: user.name },
    organization.id,
    params.id!,
    "csv",
    Number.isInteger(requested) && requested > 0 ? requested : null,
  );
  if (!file)
    throw new Response("Ce questionnaire n'existe pas, ou n'appartient pas à votre organisation.", { status: 404 });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reponses-sourcing-${params.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
