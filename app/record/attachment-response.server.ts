// The HTTP answer for an attachment of a manual entry: the file, served with the type found in its
// content and its original name; or, when it was deleted at the request of the person concerned, a
// short French page with the status 410 (Gone): the entry still names it by its hash.
import { contentDisposition, downloadFileName, ERASED_ATTACHMENT_NOTICE } from "./attachments";
import type { AttachmentDownload } from "./manual.server";
import { escapeHtml } from "~/ui/escape";

/** A page of its own: this answer comes from a resource route, outside the application's layout. */
function erasedPage(back: { href: string; label: string }): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pièce jointe effacée — Amont</title>
</head>
<body>
<main>
<h1>Pièce jointe effacée</h1>
<p>${escapeHtml(ERASED_ATTACHMENT_NOTICE)}. Le fichier n'est plus conservé ; l'entrée du dossier reste inscrite au registre des échanges, avec l'empreinte SHA-256 du fichier.</p>
<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p>
</main>
</body>
</html>
`;
}

export function attachmentResponse(download: AttachmentDownload, back: { href: string; label: string }): Response {
  if (download.status === "erased")
    return new Response(erasedPage(back), {
      status: 410,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'",
      },
    });
  const { attachment, bytes } = download;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(downloadFileName(attachment.fileName, attachment.contentType)),
      // Private to those allowed to see it, and never run as a page even if a browser sniffed it.
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
