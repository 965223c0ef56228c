// POST /sourcing/:id/ouvert: the questionnaire page, once shown to a supplier's member, records that
// the organisation opened it (the buyer's « Ont ouvert »). There is no GET: a GET changes nothing.
import type { ActionFunctionArgs } from "@remix-run/node";
import { viewerOf } from "~/sourcing/access.server";
import { recordOpeningBy } from "~/sourcing/responses.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const organizationId = String((await request.formData()).get("organizationId") ?? "");
  const outcome = await recordOpeningBy(await viewerOf(request), params.id!, organizationId);
  if (outcome === "not-found")
    throw new Response("Aucun questionnaire publié ne porte cet identifiant.", { status: 404 });
  if (outcome === "forbidden")
    throw new Response("Seul un membre de l'entreprise à qui la page a été montrée peut le signaler.", { status: 403 });
  return new Response(null, { status: 204 });
}
