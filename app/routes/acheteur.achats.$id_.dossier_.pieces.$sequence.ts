// /acheteur/achats/:id/dossier/pieces/:sequence — the attachment of a manual entry of the record,
// for buyer members of the organisation that owns the procurement (404 otherwise), served with the
// type found in its content and its original name; 410 with a French page when it was deleted at
// the request of the person concerned (decision 0027).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyerMember } from "~/plan/access.server";
import { attachmentResponse } from "~/record/attachment-response.server";
import { recordAttachment } from "~/record/manual.server";

const NOT_FOUND = "Cette pièce jointe n'existe pas, ou n'appartient pas à un achat de votre organisation.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  const sequence = Number(params.sequence);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Response(NOT_FOUND, { status: 404 });
  const procurementId = params.id ?? "";
  const found = await recordAttachment(buyer.organization.id, procurementId, sequence);
  if (!found) throw new Response(NOT_FOUND, { status: 404 });
  return attachmentResponse(found, {
    href: `/acheteur/achats/${encodeURIComponent(procurementId)}/dossier`,
    label: "Revenir au dossier de l'achat",
  });
}
