// /acheteur/achats/:id/dossier/pieces/:sequence — the attachment of a manual entry of the record,
// for buyer members of the organisation that owns the procurement (404 otherwise), served with the
// type found in its content and its original name.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyerMember } from "~/plan/access.server";
import { contentDisposition, downloadFileName } from "~/record/attachments";
import { recordAttachment } from "~/record/manual.server";

const NOT_FOUND = "Cette pièce jointe n'existe pas, ou n'appartient pas à un achat de votre organisation.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  const sequence = Number(params.sequence);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Response(NOT_FOUND, { status: 404 });
  const found = await recordAttachment(buyer.organization.id, params.id ?? "", sequence);
  if (!found) throw new Response(NOT_FOUND, { status: 404 });
  const { attachment, bytes } = found;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(downloadFileName(attachment.fileName, attachment.contentType)),
      // Private to the buyer's members, and never run as a page even if a browser sniffed it.
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
