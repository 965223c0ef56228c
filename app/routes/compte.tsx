import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { countActiveSessions, requireSession } from "~/auth/session.server";
import { MEMBER_ROLES, ORGANIZATION_KINDS, labelOf, type MemberRole } from "~/organizations/kinds";

export const meta: MetaFunction = () => [{ title: "Mon compte — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, memberships } = await requireSession(request);
  const sessionCount = await countActiveSessions(user.id);
  return {
    user: { name: user.name, email: user.email, verified: Boolean(user.emailVerifiedAt) },
    memberships: memberships.map((membership) => ({
      id: membership.organization.id,
      name: membership.organization.name,
      kind: labelOf(ORGANIZATION_KINDS, membership.organization.kind),
      role: labelOf(MEMBER_ROLES, membership.role as MemberRole),
    })),
    sessionCount,
  };
}

export default function Account() {
  const { user, memberships, sessionCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mon compte</h1>
      <dl>
        <dt>Nom</dt>
        <dd>{user.name}</dd>
        <dt>Adresse électronique</dt>
        <dd>
          {user.email}{" "}
          {user.verified ? (
            <span className="badge badge--success">vérifiée</span>
          ) : (
            <span className="badge badge--error">non vérifiée</span>
          )}
        </dd>
      </dl>

      <h2>Mes organisations</h2>
      {memberships.length === 0 ? (
        <p>
          Vous ne faites encore partie d'aucune organisation. Inscrivez la vôtre, ou demandez à un administrateur de
          votre organisation de vous inviter.
        </p>
      ) : (
        <table>
          <caption className="visually-hidden">Organisations dont vous êtes membre</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Type</th>
              <th scope="col">Votre rôle</th>
            </tr>
          </thead>
          <tbody>
            {memberships.map((membership) => (
              <tr key={membership.id}>
                <td>
                  <Link to={`/organisations/${membership.id}`}>{membership.name}</Link>
                </td>
                <td>{membership.kind}</td>
                <td>{membership.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link className="button" to="/organisations/nouvelle">
          Inscrire une organisation
        </Link>
      </p>

      <h2>Sécurité</h2>
      <p>
        {sessionCount > 1
          ? `Votre compte est ouvert sur ${sessionCount} appareils ou navigateurs.`
          : "Votre compte est ouvert sur cet appareil uniquement."}{" "}
        Une session reste ouverte 30 jours après votre dernière visite.
      </p>
      <Form method="post" action="/deconnexion">
        <input type="hidden" name="intent" value="everywhere" />
        <button type="submit" className="button--secondary">
          Se déconnecter de tous les appareils
        </button>
      </Form>
      <p>
        <Link to="/mot-de-passe-oublie">Changer de mot de passe</Link>
      </p>

      <h2>Mes données personnelles</h2>
      <p>
        Téléchargez tout ce qu'Amont conserve sur vous (compte, organisations, sessions, réponses, inscriptions,
        rendez-vous, registre des échanges, courriels reçus) dans un fichier JSON, lisible par d'autres logiciels. Pour
        corriger ou faire effacer vos données, voir la page <Link to="/confidentialite">données personnelles</Link>.
      </p>
      <Form method="post" action="/compte/donnees" reloadDocument>
        <button type="submit" className="button--secondary">
          Télécharger mes données
        </button>
      </Form>

      <h2>Fermer mon compte</h2>
      <p>
        Vos données personnelles sont alors effacées partout. Les échanges de votre organisation restent au registre,
        votre nom remplacé par « [effacé] ».
      </p>
      <p>
        <Link to="/compte/fermer">Fermer mon compte</Link>
      </p>
    </>
  );
}
