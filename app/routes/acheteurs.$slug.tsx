// /acheteurs/:slug: a buyer's public page: its published plan editions per semester (latest
// first) and what its latest edition of each semester announces.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BUYER_KINDS, labelOf as organizationLabelOf } from "~/organizations/kinds";
import { BUYER_PAGE_ITEMS, getBuyerPublicPage } from "~/plan/public.server";
import { CATEGORIES, labelOf } from "~/plan/vocabulary";
import { departementLabel } from "~/territory/departements";
import { notFound } from "~/ui/not-found.server";
import { DateText, PlanBadges, formatInstant } from "~/ui/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.buyer.name} : programmation des achats — Amont` },
        { name: "description", content: `Les achats que ${data.buyer.name} prévoit de lancer, semestre par semestre.` },
      ]
    : [{ title: "Acheteur introuvable — Amont" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await getBuyerPublicPage(params.slug ?? "");
  if (!page) notFound("Aucun acheteur public ne porte cet identifiant sur Amont.");
  return page;
}

export default function BuyerPage() {
  const { buyer, semesters } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to="/plan">Achats publics prévus</Link> › Acheteurs
      </p>
      <h1>{buyer.name}</h1>
      <dl className="plan-item__facts">
        {buyer.buyerKind ? (
          <div>
            <dt>Type d'acheteur</dt>
            <dd>{organizationLabelOf(BUYER_KINDS, buyer.buyerKind)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Département</dt>
          <dd>{departementLabel(buyer.departement)}</dd>
        </div>
        {buyer.siren ? (
          <div>
            <dt>SIREN</dt>
            <dd>{buyer.siren}</dd>
          </div>
        ) : null}
      </dl>
      <p className="actions">
        <Link to={`/plan?acheteur=${buyer.slug}`}>Tous ses achats prévus, avec filtres</Link>
        <a href={`/plan.ics?acheteur=${buyer.slug}`}>S'abonner à ses achats dans mon agenda (.ics)</a>
      </p>

      {semesters.length === 0 ? (
        <p>Cet acheteur n'a pas encore publié de programmation sur Amont.</p>
      ) : (
        semesters.map((semester) => {
          const latest = semester.editions.find((edition) => edition.isLatest) ?? semester.editions[0]!;
          return (
            <section key={semester.key} aria-labelledby={`semestre-${semester.key}`} className="buyer-semester">
              <h2 id={`semestre-${semester.key}`}>Programmation du {semester.label}</h2>
              <p>
                Dernière édition :{" "}
                <Link to={`/acheteurs/${buyer.slug}/editions/${semester.key}/${latest.number}`}>
                  n° {latest.number}
                </Link>
                , publiée le {formatInstant(latest.publishedAt)}, {semester.itemCount} achat
                {semester.itemCount > 1 ? "s" : ""} prévu
                {semester.itemCount > 1 ? "s" : ""}.
              </p>
              {semester.items.length > 0 ? (
                <ul className="buyer-semester__items">
                  {semester.items.map((item) => (
                    <li key={item.plannedProcurementId}>
                      <DateText iso={item.expectedPublicationDate} /> —{" "}
                      <Link to={`/plan/${item.plannedProcurementId}`}>{item.title}</Link>{" "}
                      <span className="muted">({labelOf(CATEGORIES, item.category)})</span>
                      <PlanBadges {...item} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p>La dernière édition de ce semestre ne contient plus aucun achat prévu.</p>
              )}
              {semester.itemCount > BUYER_PAGE_ITEMS ? (
                <p>
                  <Link to={`/plan?acheteur=${buyer.slug}&semestre=${semester.key}`}>
                    Voir les {semester.itemCount} achats du semestre
                  </Link>
                </p>
              ) : null}
              <h3>Éditions publiées</h3>
              <ol reversed className="buyer-semester__editions">
                {semester.editions.map((edition) => (
                  <li key={edition.number}>
                    <Link to={`/acheteurs/${buyer.slug}/editions/${semester.key}/${edition.number}`}>
                      Édition n° {edition.number}
                    </Link>{" "}
                    du {formatInstant(edition.publishedAt)} — {edition.itemCount} achat
                    {edition.itemCount > 1 ? "s" : ""}
                    {edition.isLatest ? <span className="badge badge--success">en vigueur</span> : null}
                  </li>
                ))}
              </ol>
            </section>
          );
        })
      )}
    </>
  );
}
