// /registre/etat: the public state of the exchange ledger, for anyone who holds an export or wants
// to know whether the record can still be trusted: the latest signed checkpoints (what they say,
// when, with which key), the public keys, and how to check an export.
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatInstant } from "~/calendar/format";
import { checkpointSentence, reasonLabel, shortHash } from "~/ledger/describe";
import { statePage } from "~/ledger/public.server";

export const meta: MetaFunction = () => [
  { title: "État du registre des échanges — Amont" },
  {
    name: "description",
    content:
      "Les points de contrôle signés du registre des échanges d'Amont et ses clés publiques, pour vérifier un export.",
  },
];

export async function loader() {
  return statePage();
}

export default function LedgerState() {
  const { keys, checkpoints, total, shown } = useLoaderData<typeof loader>();
  const latest = checkpoints[0] ?? null;
  return (
    <div className="stack">
      <h1>État du registre des échanges</h1>
      <p className="lead">
        Amont inscrit chaque échange entre acheteurs et entreprises dans un registre où chaque inscription est liée à la
        précédente par une empreinte : modifier ou retirer une inscription passée casse la chaîne. Chaque jour, et à
        chaque export d'un dossier, Amont vérifie toute la chaîne et signe ce qu'il a constaté.
      </p>

      <section aria-labelledby="etat-chaine">
        <h2 id="etat-chaine">La chaîne aujourd'hui</h2>
        {latest === null ? (
          <p className="notice">Aucun point de contrôle n'a encore été signé. Le premier le sera dans la journée.</p>
        ) : latest.status === "broken" ? (
          <div className="notice notice--warning" role="status">
            <p>
              <strong>
                Registre rompu à l'inscription n° {latest.brokenAt} : vérifié le {formatInstant(latest.signedAt)}.
              </strong>
            </p>
            <p>
              Cette inscription ne correspond plus à ce qui avait été enregistré. Les {latest.sequence} inscriptions qui
              la précèdent restent vérifiées. Un export signé avant cette date reste vérifiable avec son propre point de
              contrôle, mais ses inscriptions à partir du n° {latest.brokenAt} ne sont plus garanties par le registre en
              ligne.
            </p>
          </div>
        ) : (
          <p className="notice" role="status">
            <strong>Registre intègre</strong> : {checkpointSentence(latest)}
          </p>
        )}
      </section>

      <section aria-labelledby="points-controle">
        <h2 id="points-controle">Points de contrôle signés</h2>
        <p>
          Un point de contrôle dit jusqu'où la chaîne a été vérifiée : le nombre d'inscriptions, l'empreinte de la
          dernière, et la racine de Merkle de toutes leurs empreintes (un résumé de 64 caractères qui change si une
          seule inscription change). Il est signé avec la clé d'Amont. Un export contient son point de contrôle ; un
          point de contrôle signé plus tard qui dit « rompu » avant la fin de l'export, ou une autre racine pour le même
          nombre d'inscriptions, le contredit.
        </p>
        {checkpoints.length === 0 ? null : (
          <table>
            <caption>
              {total > checkpoints.length
                ? `Les ${checkpoints.length} derniers sur ${total}, du plus récent au plus ancien (tous dans etat.json)`
                : "Du plus récent au plus ancien"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Signé le</th>
                <th scope="col">Occasion</th>
                <th scope="col">État</th>
                <th scope="col">Inscriptions</th>
                <th scope="col">Racine de Merkle</th>
                <th scope="col">Clé</th>
              </tr>
            </thead>
            <tbody>
              {checkpoints.map((checkpoint) => (
                <tr key={checkpoint.id}>
                  <td>{formatInstant(checkpoint.signedAt)}</td>
                  <td>{reasonLabel(checkpoint.reason)}</td>
                  <td>
                    {checkpoint.status === "intact" ? (
                      <span className="badge badge--success">intègre</span>
                    ) : (
                      <span className="badge badge--error">rompu au n° {checkpoint.brokenAt}</span>
                    )}
                  </td>
                  <td>{checkpoint.sequence.toLocaleString("fr-FR")}</td>
                  <td>
                    <code title={checkpoint.merkleRoot}>{shortHash(checkpoint.merkleRoot)}</code>
                  </td>
                  <td>
                    <code title={checkpoint.keyId}>{shortHash(checkpoint.keyId)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">Les {shown} derniers au plus sont affichés ici.</p>
      </section>

      <section aria-labelledby="cles">
        <h2 id="cles">Clés publiques</h2>
        <p>
          Les signatures sont faites avec l'algorithme Ed25519. L'empreinte d'une clé (SHA-256 de ses 32 octets) figure
          sur chaque dossier PDF : comparez-la avec celles-ci. Une clé retirée ne signe plus, mais reste publiée pour
          vérifier ce qu'elle a signé.
        </p>
        {keys.length === 0 ? (
          <p>Aucune clé n'est encore publiée.</p>
        ) : (
          <ul>
            {keys.map((key) => (
              <li key={key.id}>
                <code className="fingerprint">{key.fingerprint}</code>
                <br />
                {key.retiredAt
                  ? `en service du ${formatInstant(key.createdAt)} au ${formatInstant(key.retiredAt)}`
                  : `en service depuis le ${formatInstant(key.createdAt)} (clé actuelle)`}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="verifier">
        <h2 id="verifier">Vérifier un export</h2>
        <p>
          Déposez le fichier JSON d'un dossier sur la page <Link to="/registre/verifier">Vérifier un export</Link> :
          elle contrôle sa signature, chacune de ses inscriptions et leur présence dans le registre en ligne.
        </p>
        <p>
          Pour vérifier sans faire confiance à Amont, le vérificateur <code>scripts/verify-export.mjs</code> du logiciel
          (Node.js seul, sans dépendance) contrôle un export hors ligne : <br />
          <code>node verify-export.mjs dossier.json --cles cles.json --etat etat.json</code>. L'algorithme est décrit
          dans le dépôt du logiciel (docs/ledger-verification.md), assez précisément pour l'écrire dans un autre
          langage.
        </p>
        <p>
          Pour vérifier qu'un export ancien est toujours dans le registre d'aujourd'hui, téléchargez la preuve qui relie
          son point de contrôle à un plus récent, <code>/registre/coherence.json?de=N&amp;a=M</code> (N : le nombre
          d'inscriptions de son point de contrôle, M : celui d'un point de contrôle ci-dessus), et ajoutez{" "}
          <code>--coherence coherence.json</code> à la commande.
        </p>
        <ul className="feed-links">
          <li>
            <a href="/registre/cles.json">Clés publiques (cles.json)</a>
          </li>
          <li>
            <a href="/registre/etat.json">Tous les points de contrôle signés (etat.json)</a>
          </li>
        </ul>
      </section>
    </div>
  );
}
