// /acheteurs/:slug: a buyer's public page: its published plan editions per semester (latest
// first), what its latest edition of each semester announces, and what it then launched, and when
// (the plan's accuracy).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BUYER_KINDS, labelOf as organizationLabelOf } from "~/organizations/kinds";
import { planAccuracy, type SemesterAccuracy } from "~/plan/accuracy.server";
import { accuracySentence, launchTimingLabel } from "~/plan/launch";
import { BUYER_PAGE_ITEMS, getBuyerPublicPage } from "~/plan/public.server";
import { relaysFollowingBuyer } from "~/relay/relays.server";
import { FollowingRelays } from "~/relay/ui";
import { CATEGORIES, labelOf } from "~/plan/vocabulary";
import { departementLabel } from "~/territory/departements";
import { notFound } from "~/ui/not-found.server";
import { DateText, PlanBadges, formatInstant, formatMonth } from "~/ui/plan";

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
  const [accuracy, relays] = await Promise.all([planAccuracy(page.buyer.id), relaysFollowingBuyer(page.buyer)]);
  return { ...page, accuracy: Object.fromEntries(accuracy), relays };
}

/** What the latest edition of a semester announced, against what was launched and when. */
function PlanAccuracy({ id, accuracy }: { id: string; accuracy: SemesterAccuracy }) {
  const { rows, summary } = accuracy;
  return (
    <section aria-labelledby={id} className="plan-accuracy">
      <h3 id={id}>Annoncé et lancé</h3>
      <p>
        Ce tableau compare ce que l'acheteur a annoncé dans la dernière édition de ce semestre (le mois de publication
        prévu de chaque achat) avec ce qu'il a réellement lancé, et quand. Il montre si sa programmation est fiable :
        une entreprise peut s'y fier pour se préparer.
      </p>
      <p>
        <strong>{accuracySentence(summary)}</strong>
        {rows.length < summary.announced ? ` Les ${rows.length} premiers, par date annoncée :` : null}
      </p>
      <table>
        <caption className="visually-hidden">Achats annoncés et date de leur lancement</caption>
        <thead>
          <tr>
            <th scope="col">Achat</th>
            <th scope="col">Annoncé pour</th>
            <th scope="col">Lancé</th>
            <th scope="col">Écart</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.plannedProcurementId}>
              <th scope="row">
                <Link to={`/plan/${row.plannedProcurementId}`}>{row.title}</Link>
              </th>
              <td>{formatMonth(row.expectedPublicationDate.slice(0, 7))}</td>
              <td>
                {row.launchedOn ? (
                  <>
                    le <DateText iso={row.launchedOn} />
                    {row.noticeReference ? (
                      <>
                        {" "}
                        (
                        {row.noticeUrl ? (
                          <a href={row.noticeUrl}>avis {row.noticeReference}</a>
                        ) : (
                          `avis ${row.noticeReference}`
                        )}
                        )
                      </>
                    ) : null}
                  </>
                ) : (
                  "pas encore"
                )}
              </td>
              <td>{launchTimingLabel(row.timing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function BuyerPage() {
  const { buyer, semesters, accuracy, relays } = useLoaderData<typeof loader>();
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
      <FollowingRelays relays={relays} subject="Sa programmation" />

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
              {accuracy[semester.key] ? (
                <PlanAccuracy id={`precision-${semester.key}`} accuracy={accuracy[semester.key]!} />
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
