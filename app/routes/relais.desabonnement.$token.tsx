// /relais/desabonnement/:token: the unsubscribe link of a relay's edition notice (RFC 8058), as the
// alert emails' (/alertes/desabonnement/:token, decision 0026). Opening it only says what it would do,
// with a button (a GET changes nothing: mail scanners follow links, decision 0017); the button, or the
// mail provider's one-click POST ("List-Unsubscribe=One-Click", without cookies and from another
// origin: server/index.js lets this path through), stops the member's notices from that relay. The
// secret in the URL is the only credential; it works once. A broken, unknown or used link gets a page
// that says so in French, never an error.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatInstant } from "~/calendar/format";
import { unsubscribePageStatus } from "~/mail/unsubscribe.server";
import {
  checkNoticeUnsubscribeLink,
  relayNoticeSettingsPath,
  unsubscribeFromNotices,
  type NoticeLinkState,
  type NoticeUnsubscribeOutcome,
} from "~/relay/notice-settings.server";

export const meta: MetaFunction = () => [
  { title: "Ne plus recevoir les avis de nouvelle édition — Amont" },
  { name: "robots", content: "noindex" },
];

type Relay = { relayId: string; relayName: string };
type View =
  | { state: "invalid" }
  | ({ state: "ready" } & Relay)
  | ({ state: "done" } & Relay)
  | ({ state: "used"; usedAt: string; stillStopped: boolean } & Relay);

function view(link: NoticeLinkState | NoticeUnsubscribeOutcome): View {
  return link.state === "used" ? { ...link, usedAt: link.usedAt.toISOString() } : link;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = view(await checkNoticeUnsubscribeLink(params.token ?? ""));
  return data(link, { status: unsubscribePageStatus(link) });
}

export async function action({ params }: ActionFunctionArgs) {
  const outcome = view(await unsubscribeFromNotices(params.token ?? ""));
  return data(outcome, { status: unsubscribePageStatus(outcome) });
}

/** Where the member turns the notices back on (their relay's page; signing in first). */
function SettingsLink({ relay }: { relay: Relay }) {
  return (
    <>
      la page <Link to={relayNoticeSettingsPath(relay.relayId)}>{relay.relayName} sur Amont</Link> (menu « Mon relais »,
      connexion nécessaire)
    </>
  );
}

function Explanation({ link }: { link: View }) {
  switch (link.state) {
    case "invalid":
      return (
        <>
          <h1>Ce lien de désabonnement ne fonctionne pas</h1>
          <p>
            Il est peut-être incomplet (copiez-le en entier depuis l'e-mail), ou vous ne faites plus partie de ce
            réseau, ou l'e-mail a plus d'un an. Vous pouvez choisir de recevoir ou non ces e-mails à tout moment depuis
            la page de votre relais sur Amont (menu « Mon relais », connexion nécessaire).
          </p>
        </>
      );
    case "ready":
      return (
        <>
          <h1>Ne plus recevoir les e-mails de nouvelle édition de {link.relayName}</h1>
          <p>
            Confirmez pour ne plus recevoir d'e-mail à chaque nouvelle édition de la programmation d'un acheteur que{" "}
            {link.relayName} suit. Ce choix ne vaut que pour vous : les autres membres du réseau continuent de les
            recevoir.
          </p>
          <Form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">Me désabonner de ces e-mails</button>
          </Form>
        </>
      );
    case "done":
      return (
        <>
          <h1>C'est fait</h1>
          <p role="status">
            Vous ne recevrez plus d'e-mail à chaque nouvelle édition d'un plan suivi par {link.relayName}. Pour les
            recevoir de nouveau, cochez « Recevoir un e-mail à chaque nouvelle édition d'un plan suivi » sur{" "}
            <SettingsLink relay={link} />.
          </p>
        </>
      );
    case "used":
      return link.stillStopped ? (
        <>
          <h1>Vous êtes déjà désabonné</h1>
          <p>
            Ce lien a servi le {formatInstant(link.usedAt)} : vous ne recevez plus ces e-mails de {link.relayName}. Rien
            d'autre à faire. Pour les recevoir de nouveau, cochez la case sur <SettingsLink relay={link} />.
          </p>
        </>
      ) : (
        <>
          <h1>Ce lien a déjà servi</h1>
          <p>
            Il a arrêté ces e-mails le {formatInstant(link.usedAt)}, et vous les avez demandés de nouveau depuis. Un
            lien de désabonnement ne sert qu'une fois : pour les arrêter de nouveau, utilisez le lien d'un e-mail plus
            récent ou décochez la case sur <SettingsLink relay={link} />.
          </p>
        </>
      );
  }
}

export default function RelayNoticeUnsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  return <Explanation link={posted ?? loaded} />;
}
