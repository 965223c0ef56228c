// /relais: the verified relays (CCI, CMA, CRESS, business networks), each with what it follows and
// a link to its page.
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RELAY_KINDS, labelOf } from "~/organizations/kinds";
import { describeFollowing } from "~/relay/following";
import { listPublicRelays } from "~/relay/relays.server";

export const meta: MetaFunction = () => [
  { title: "Réseaux relais : CCI, CMA, CRESS et réseaux d'entreprises — Amont" },
  {
    name: "description",
    content:
      "Les chambres et réseaux d'entreprises qui relaient la programmation des achats publics de leur territoire à leurs membres.",
  },
];

export async function loader() {
  const relays = await listPublicRelays();
  return {
    relays: relays.map((relay) => ({
      slug: relay.slug,
      name: relay.name,
      kind: labelOf(RELAY_KINDS, relay.relayKind),
      logoUrl: relay.logoUrl,
      following: describeFollowing(relay, []),
      followedBuyerCount: relay.followedBuyerCount,
    })),
  };
}

export default function Relays() {
  const { relays } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Réseaux relais</h1>
      <p className="lead">
        Chambres de commerce, chambres de métiers, chambres de l'économie sociale et solidaire et réseaux d'entreprises
        relaient à leurs membres les achats que les acheteurs publics de leur territoire prévoient de lancer : sur leur
        page, sur leur propre site et dans leur lettre d'information.
      </p>
      {relays.length === 0 ? (
        <p>Aucun réseau ne relaie encore la programmation des acheteurs.</p>
      ) : (
        <ul className="cards">
          {relays.map((relay) => (
            <li key={relay.slug} className="card relay-card">
              {relay.logoUrl ? <img src={relay.logoUrl} alt="" className="relay-logo relay-logo--small" /> : null}
              <h2>
                <Link to={`/relais/${relay.slug}`}>{relay.name}</Link>
              </h2>
              <p className="muted">{relay.kind}</p>
              <p>
                {relay.following.length ? `Suit ${relay.following.join(" ; ")}` : "Ne suit encore aucun territoire"}
                {relay.followedBuyerCount
                  ? `${relay.following.length ? ", et " : " mais suit "}${relay.followedBuyerCount} acheteur${relay.followedBuyerCount > 1 ? "s" : ""} en particulier`
                  : ""}
                .
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
