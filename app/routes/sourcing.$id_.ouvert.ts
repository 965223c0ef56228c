// POST /sourcing/:id/ouvert: the questionnaire page, once shown to a supplier's member, records that
// the organisation opened it (the buyer's « Ont ouvert »). There is no GET: a GET changes nothing.
import type { ActionFunctionArgs } from "@remix-run/node";
import { viewerOf } from "~/sourcing/access.server";
import { PUBLISHED_QUESTIONNAIRE_NOT_FOUND_MESSAGE } from "~/sourcing/public-page.server";
import { recordOpeningBy } from "~/sourcing/responses.server";
import { notFound } from "~/ui/not-found.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const organizationId = String((await request.formData()).get("organizationId") ?? "");
  const outcome = await recordOpeningBy(await viewerOf(request), params.id!, organizationId);
  if (outcome === "not-found") notFound(PUBLISHED_QUESTIONNAIRE_NOT_FOUND_MESSAGE);
  if (outcome === "forbidden")
    throw new Response("Seul un membre de l'entreprise à qui la page a été montrée peut le signaler.", { status: 403 });
  return new Response(null, { status: 204 });
}
