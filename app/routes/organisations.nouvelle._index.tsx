import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireSession } from "~/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Inscrire une organisation — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return null;
}

export default function ChooseOrganizationKind() {
  return (
    <>
      <h1>Inscrire une organisation</h1>
      <p>Quel type d'organisation représentez-vous ?</p>
      <ul className="cards">
        <li className="card">
          <h2>
            <Link to="/organisations/nouvelle/fournisseur">Une entreprise ou une structure de l'ESS</Link>
          </h2>
          <p>TPE, PME, artisan, SIAE, entreprise adaptée, ESAT, coopérative… identifiée par son SIRET.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/organisations/nouvelle/acheteur">Un acheteur public</Link>
          </h2>
          <p>Commune, intercommunalité, département, région, hôpital, bailleur social, service de l'État.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/organisations/nouvelle/relais">Un réseau d'accompagnement</Link>
          </h2>
          <p>CCI, CMA, CRESS ou réseau d'entreprises qui relaie les achats publics de son territoire.</p>
        </li>
      </ul>
    </>
  );
}
