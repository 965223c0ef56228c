// Every version with its hash and its submitted answers as JSON, with a ledger record.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyerMember } from "~/plan/access.server";
import { exportResponses } from "~/sourcing/results.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organization } = await requireBuyerMember(request);
  const file = await exportResponses({ id: user.id, name: user.name }, organization.id, params.id!, "json");
  if (!file)
    throw new Response("Ce questionnaire n'existe pas, ou n'appartient pas à votre organisation.", { status: 404 });
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="reponses-sourcing-${params.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
