// /alertes/desabonnement/:token: the unsubscribe link of an alert email (RFC 8058). Opening it only
// says what it would do, with a button (a GET changes nothing: mail scanners follow links, decision
// 0017); the button, or the mail provider's one-click POST ("List-Unsubscribe=One-Click", without
// cookies and from another origin: server/index.js lets this path through), stops the alert. The
// secret in the URL is the only credential; it works once. A broken, unknown or used link gets a
// page that says so in French, never an error.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { checkUnsubscribeLink, unsubscribe, type UnsubscribeLinkState } from "~/alerts/alerts.server";
import { formatInstant } from "~/calendar/format";
import { unsubscribePageStatus } from "~/mail/unsubscribe.server";

export const meta: MetaFunction = () => [
  { title: "Se désabonner d'une alerte — Amont" },
  { name: "robots", content: "noindex" },
];

type View =
  | { state: "invalid" }
  | { state: "ready"; alertName: string }
  | { state: "done"; alertName: string }
  | { state: "used"; alertName: string; usedAt: string; stillStopped: boolean };

function view(link: UnsubscribeLinkState | Awaited<ReturnType<typeof unsubscribe>>): View {
  return link.state === "used" ? { ...link, usedAt: link.usedAt.toISOString() } : link;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = view(await checkUnsubscribeLink(params.token ?? ""));
  return data(link, { status: unsubscribePageStatus(link) });
}

export async function action({ params }: ActionFunctionArgs) {
  const outcome = view(await unsubscribe(params.token ?? ""));
  return data(outcome, { status: unsubscribePageStatus(outcome) });
}

function Explanation({ link }: { link: View }) {
  switch (link.state) {
    case "invalid":
      return (
        <>
          <h1>Ce lien de désabonnement ne fonctionne pas</h1>
          <p>
            Il est peut-être incomplet (copiez-le en entier depuis le courriel), ou l'alerte a été supprimée, ou le
            courriel a plus d'un an. Vous pouvez arrêter ou supprimer vos alertes à tout moment depuis la page{" "}
            <Link to="/fournisseur/alertes">Mes alertes</Link> (connexion nécessaire).
          </p>
        </>
      );
    case "ready":
      return (
        <>
          <h1>Ne plus recevoir l'alerte « {link.alertName} »</h1>
          <p>
            Confirmez pour ne plus recevoir de courriels de cette alerte. Elle reste enregistrée : vous pourrez la
            remettre en marche depuis la page Mes alertes.
          </p>
          <Form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">Me désabonner de cette alerte</button>
          </Form>
        </>
      );
    case "done":
      return (
        <>
          <h1>C'est fait</h1>
          <p role="status">
            Vous ne recevrez plus de courriels de l'alerte « {link.alertName} ». Pour la remettre en marche ou la
            supprimer, rendez-vous sur la page <Link to="/fournisseur/alertes">Mes alertes</Link>.
          </p>
        </>
      );
    case "used":
      return link.stillStopped ? (
        <>
          <h1>Vous êtes déjà désabonné</h1>
          <p>
            Ce lien a servi le {formatInstant(link.usedAt)} : l'alerte « {link.alertName} » ne vous envoie plus de
            courriels. Rien d'autre à faire.
          </p>
        </>
      ) : (
        <>
          <h1>Ce lien a déjà servi</h1>
          <p>
            Il a arrêté l'alerte « {link.alertName} » le {formatInstant(link.usedAt)}, et vous l'avez remise en marche
            depuis. Un lien de désabonnement ne sert qu'une fois : pour arrêter de nouveau cette alerte, utilisez le
            lien d'un courriel plus récent ou la page <Link to="/fournisseur/alertes">Mes alertes</Link>.
          </p>
        </>
      );
  }
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  return <Explanation link={posted ?? loaded} />;
}
