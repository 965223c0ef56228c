import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/auth/session.server";
import { env } from "~/env.server";
import { listOutbox, MASKED, OUTBOX_STATUS_LABELS, outboxCounts, retryMessage } from "~/mail/outbox.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Courriels — Administration Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const [messages, counts] = await Promise.all([listOutbox({ take: 100 }), outboxCounts()]);
  const { mailTransport, demoMailbox } = env();
  return {
    transport: mailTransport,
    counts: Object.fromEntries(counts.map((row) => [row.status, row._count._all])),
    messages: messages.map((message) => {
      // A code or a link that signs someone in is never shown here (only on the local demo, on request).
      const masked = message.carriesSecret;
      return {
        id: message.id,
        to: message.to,
        subject: masked ? (message.maskedSubject ?? MASKED) : message.subject,
        text: masked && !message.erasedAt ? (message.maskedText ?? MASKED) : message.text,
        carriesSecret: message.carriesSecret,
        erased: Boolean(message.erasedAt),
        demoClearText: masked && demoMailbox && !message.erasedAt ? `${message.subject}\n\n${message.text}` : null,
        status: message.status,
        statusLabel: OUTBOX_STATUS_LABELS[message.status] ?? message.status,
        attempts: message.attempts,
        lastError: message.lastError,
        createdAt: message.createdAt.toISOString(),
      };
    }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePlatformAdmin(request);
  const id = String((await request.formData()).get("id") ?? "");
  if (!(await retryMessage(id)))
    return redirectWithToast("/admin/courriels", {
      kind: "error",
      title: "Ce message ne peut pas être renvoyé.",
      description:
        "Il n'est pas en échec, ou son contenu a été effacé parce qu'il contenait un secret : la personne doit demander un nouveau code ou un nouveau lien.",
    });
  return redirectWithToast("/admin/courriels", { title: "Le message sera renvoyé." });
}

const timeFormat = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "short",
  timeStyle: "medium",
  timeZone: "Europe/Paris",
});

export default function Outbox() {
  const { transport, counts, messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Courriels</h1>
      <p className="notice">
        {transport === "resend"
          ? "Les messages sont envoyés par Resend. Un envoi qui échoue est retenté avec un délai croissant ; après 8 échecs il reste ici, marqué « Échec définitif »."
          : "Aucun service d'envoi n'est configuré : les messages restent dans la boîte d'envoi ci-dessous, où vous pouvez les lire. Rien n'est perdu."}
      </p>
      <p>
        En attente : {counts.pending ?? 0} · Envoyés : {counts.sent ?? 0} · En échec : {counts.failed ?? 0}
      </p>
      <table>
        <caption className="visually-hidden">Les 100 derniers messages</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Destinataire</th>
            <th scope="col">Objet et contenu</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>{timeFormat.format(new Date(message.createdAt))}</td>
              <td>{message.to}</td>
              <td>
                <details>
                  <summary>{message.subject}</summary>
                  {message.carriesSecret && !message.erased ? (
                    <p className="muted">
                      Ce message contient un secret (code ou lien personnel) : il est masqué ici, et son contenu sera
                      effacé après l'envoi.
                    </p>
                  ) : null}
                  <pre className="mail-text">{message.text}</pre>
                  {message.demoClearText ? (
                    <details>
                      <summary>Voir le message en clair (démonstration : les courriels ne partent pas)</summary>
                      <pre className="mail-text">{message.demoClearText}</pre>
                    </details>
                  ) : null}
                </details>
              </td>
              <td>
                {message.statusLabel}
                {message.attempts > 0 ? ` (${message.attempts} tentative${message.attempts > 1 ? "s" : ""})` : null}
                {message.lastError ? <p className="muted">{message.lastError}</p> : null}
                {message.status === "failed" && !message.erased ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={message.id} />
                    <button type="submit" className="button--secondary">
                      Renvoyer
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
