// /sourcing: every open sourcing questionnaire, for anyone (visitors included).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOpenQuestionnaires } from "~/sourcing/responses.server";
import { departementLabel } from "~/territory/departements";
import { DateText } from "~/ui/plan";

export const meta: MetaFunction = () => [
  { title: "Questionnaires de sourcing ouverts — Amont" },
  {
    name: "description",
    content:
      "Les questionnaires par lesquels les acheteurs publics interrogent les entreprises avant de lancer un marché.",
  },
];

export async function loader(_args: LoaderFunctionArgs) {
  const open = await listOpenQuestionnaires();
  return {
    questionnaires: open.map((q) => ({
      id: q.id,
      title: q.versions[0]?.title ?? "",
      openUntil: q.openUntil!,
      versionNumber: q.currentVersionNumber,
      buyer: q.organization.name,
      departement: departementLabel(q.organization.departement),
      procurement: q.plannedProcurement.title,
    })),
  };
}

export default function OpenQuestionnaires() {
  const { questionnaires } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Questionnaires de sourcing ouverts</h1>
      <p className="lead">
        Avant de lancer un marché, un acheteur public peut interroger les entreprises sur leur secteur : ce qui existe,
        ce qui est réaliste, ce qui manque. Toute entreprise peut répondre ; répondre n'engage à rien et ne donne aucun
        avantage. Les précisions données par l'acheteur sont publiées ici pour tous.
      </p>
      {questionnaires.length === 0 ? (
        <p>Aucun questionnaire n'est ouvert en ce moment.</p>
      ) : (
        <ul className="cards sourcing-list">
          {questionnaires.map((q) => (
            <li key={q.id} className="card">
              <h2>
                <Link to={`/sourcing/${q.id}`}>{q.title}</Link>
              </h2>
              <p>
                {q.buyer} · {q.departement}
              </p>
              <p className="muted">
                Pour l'achat prévu « {q.procurement} » · version n° {q.versionNumber} · réponses jusqu'au{" "}
                <DateText iso={q.openUntil} long />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
