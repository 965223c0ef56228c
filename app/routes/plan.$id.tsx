// /plan/:id: everything a supplier needs to know about one planned procurement, as published in
// the buyer's latest edition (or its last published version, when the buyer withdrew it).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cpvDivisionLabel } from "~/plan/cpv";
import { labelOfKind } from "~/meetings/kinds";
import { eventsForProcurement } from "~/meetings/public.server";
import { eventWhen } from "~/meetings/ui";
import { getPublicItem } from "~/plan/public.server";
import { openQuestionnaireFor } from "~/sourcing/responses.server";
import {
  CATEGORIES,
  contractDurationText,
  PROCEDURES,
  RESERVED,
  STATUSES,
  VALUE_BANDS,
  labelOf,
  reservedExplanation,
  semesterKey,
  semesterLabel,
} from "~/plan/vocabulary";
import { departementLabel } from "~/territory/departements";
import { findRegion } from "~/territory/regions";
import { notFound } from "~/ui/not-found.server";
import { DateText, PlanBadges, StatusBadge, formatInstant } from "~/ui/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.item.title} — ${data.item.buyer.name} — Amont` },
        { name: "description", content: `Achat prévu par ${data.item.buyer.name} : ${data.item.need.slice(0, 150)}` },
      ]
    : [{ title: "Achat prévu introuvable — Amont" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getPublicItem(params.id ?? "");
  if (!found) notFound("Aucun achat prévu publié ne porte cet identifiant.");
  // Upcoming published events where this procurement is presented (meetings).
  const events = (await eventsForProcurement(found.item.plannedProcurementId)).map((event) => ({
    id: event.id,
    title: event.title,
    kind: event.kind,
    when: eventWhen(event),
    organizer: event.organization.name,
  }));
  // The open sourcing questionnaire on this procurement, if any.
  const questionnaire = await openQuestionnaireFor(found.item.plannedProcurementId);
  return { ...found, events, questionnaire };
}

export default function PlannedProcurementPage() {
  const { item, withdrawn, withdrawnIn, events, questionnaire } = useLoaderData<typeof loader>();
  const semester = { year: item.edition.year, half: item.edition.half };
  const editionPath = `/acheteurs/${item.buyer.slug}/editions/${semesterKey(semester)}/${item.edition.number}`;
  return (
    <article className="plan-item">
      <p className="muted">
        <Link to="/plan">Achats publics prévus</Link> ›{" "}
        <Link to={`/acheteurs/${item.buyer.slug}`}>{item.buyer.name}</Link>
      </p>
      <h1>{item.title}</h1>
      <p className="plan-item__buyer">
        Acheteur : <Link to={`/acheteurs/${item.buyer.slug}`}>{item.buyer.name}</Link> (
        {departementLabel(item.departement)}, {findRegion(item.region)?.name ?? item.region})
      </p>
      {withdrawn ? (
        <div className="notice notice--warning" role="status">
          <p>
            <strong>Cet achat ne figure plus dans la programmation publiée par l'acheteur.</strong>{" "}
            {withdrawnIn ? (
              <>
                Il a été retiré (abandonné, reporté ou déplacé à un autre semestre) dans l'
                <Link to={`/acheteurs/${item.buyer.slug}/editions/${semesterKey(withdrawnIn)}/${withdrawnIn.number}`}>
                  édition n° {withdrawnIn.number} du {semesterLabel(withdrawnIn)}
                </Link>
                .
              </>
            ) : null}{" "}
            Voici sa dernière version publiée, pour mémoire.
          </p>
        </div>
      ) : null}
      <p>
        <StatusBadge status={item.status} />
      </p>
      <PlanBadges
        reserved={item.reserved}
        hasSocialConsideration={item.socialConsideration !== null}
        hasEnvironmentalConsideration={item.environmentalConsideration !== null}
      />

      <section aria-labelledby="besoin">
        <h2 id="besoin">Le besoin</h2>
        <p className="plan-item__need">{item.need}</p>
      </section>

      <section aria-labelledby="calendrier">
        <h2 id="calendrier">Calendrier prévu</h2>
        <ol className="timeline">
          <li>
            <span className="timeline__label">Publication de la consultation</span>
            <span className="timeline__date">
              <DateText iso={item.expectedPublicationDate} long />
            </span>
            {item.publicationJustification ? (
              <p className="timeline__note">
                Cette date tombe pendant une période de congés ou de fermeture. Justification de l'acheteur : «{" "}
                {item.publicationJustification} »
              </p>
            ) : null}
          </li>
          {item.responseDeadline ? (
            <li>
              <span className="timeline__label">Date limite de réponse</span>
              <span className="timeline__date">
                <DateText iso={item.responseDeadline} long />
              </span>
              {item.deadlineJustification ? (
                <p className="timeline__note">
                  Le délai de réponse traverse une période de congés ou se termine pendant l'une d'elles. Justification
                  de l'acheteur : « {item.deadlineJustification} »
                </p>
              ) : null}
            </li>
          ) : null}
          {item.contractStart ? (
            <li>
              <span className="timeline__label">Début du contrat</span>
              <span className="timeline__date">
                <DateText iso={item.contractStart} long />
              </span>
            </li>
          ) : null}
          {item.contractDurationMonths ? (
            <li>
              <span className="timeline__label">Durée du contrat</span>
              <span className="timeline__date">{contractDurationText(item.contractDurationMonths)}</span>
            </li>
          ) : null}
        </ol>
        <p className="muted">
          Ces dates sont prévisionnelles : l'acheteur peut les ajuster dans une prochaine édition de sa programmation.
        </p>
        {withdrawn ? null : (
          <p>
            <a href={`/plan/${item.plannedProcurementId}/calendrier.ics`} className="button button--secondary" download>
              Ajouter la date de publication à mon agenda (.ics)
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="caracteristiques">
        <h2 id="caracteristiques">Caractéristiques</h2>
        <dl className="plan-item__facts">
          <div>
            <dt>Catégorie</dt>
            <dd>{labelOf(CATEGORIES, item.category)}</dd>
          </div>
          <div>
            <dt>Code CPV</dt>
            <dd>
              {item.cpvCode} <span className="muted">({cpvDivisionLabel(item.cpvDivision)})</span>
            </dd>
          </div>
          <div>
            <dt>Montant estimé</dt>
            <dd>{labelOf(VALUE_BANDS, item.valueBand)}</dd>
          </div>
          <div>
            <dt>Procédure envisagée</dt>
            <dd>{labelOf(PROCEDURES, item.procedure)}</dd>
          </div>
          {item.reference ? (
            <div>
              <dt>Référence de l'acheteur</dt>
              <dd>{item.reference}</dd>
            </div>
          ) : null}
          <div>
            <dt>État d'avancement</dt>
            <dd>{labelOf(STATUSES, item.status)}</dd>
          </div>
        </dl>
        {item.buyerProfileUrl ? (
          <p>
            <a href={item.buyerProfileUrl} rel="external noopener">
              Voir la consultation sur le profil d'acheteur
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="lots">
        <h2 id="lots">Lots</h2>
        {item.lots.length > 0 ? (
          <ol className="plan-item__lots">
            {item.lots.map((lot) => (
              <li key={lot.number} value={lot.number}>
                <strong>
                  Lot {lot.number} : {lot.title}
                </strong>
                {lot.description ? <p>{lot.description}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>Ce marché n'est pas découpé en lots : une seule offre couvre l'ensemble du besoin.</p>
        )}
      </section>

      <section aria-labelledby="acces">
        <h2 id="acces">Qui peut répondre ?</h2>
        <p>
          <strong>{labelOf(RESERVED, item.reserved)}.</strong> {reservedExplanation(item.reserved)}
        </p>
      </section>

      <section aria-labelledby="considerations">
        <h2 id="considerations">Considérations sociales et environnementales</h2>
        {item.socialConsideration || item.environmentalConsideration ? (
          <dl className="plan-item__facts">
            {item.socialConsideration ? (
              <div>
                <dt>Considération sociale</dt>
                <dd>{item.socialConsideration}</dd>
              </div>
            ) : null}
            {item.environmentalConsideration ? (
              <div>
                <dt>Considération environnementale</dt>
                <dd>{item.environmentalConsideration}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p>L'acheteur n'a pas encore précisé de considération sociale ou environnementale pour cet achat.</p>
        )}
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact">Contact</h2>
        <p>
          {item.contactName} — <a href={`mailto:${item.contactEmail}`}>{item.contactEmail}</a>
        </p>
        <p className="muted">
          Avant la publication, toute question sur le besoin reçoit une réponse identique pour toutes les entreprises :
          l'acheteur ne peut pas donner à l'une une information qu'il ne donne pas aux autres.
        </p>
      </section>

      {events.length ? (
        <section aria-labelledby="evenements">
          <h2 id="evenements">Rencontrer l'acheteur</h2>
          <ul>
            {events.map((event) => (
              <li key={event.id}>
                {labelOfKind(event.kind)} : <Link to={`/evenements/${event.id}`}>{event.title}</Link>, {event.when} (
                {event.organizer})
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {questionnaire ? (
        <section aria-labelledby="sourcing">
          <h2 id="sourcing">Questionnaire de sourcing</h2>
          <p>
            L'acheteur interroge le marché sur cet achat :{" "}
            <Link to={`/sourcing/${questionnaire.id}`}>{questionnaire.title}</Link>, ouvert à toutes les entreprises
            jusqu'au <DateText iso={questionnaire.openUntil} long />.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="source">
        <h2 id="source">Source</h2>
        <p>
          {withdrawn ? "Dernière publication" : "Publié"} dans l'
          <Link to={editionPath}>
            édition n° {item.edition.number} de la programmation du {semesterLabel(semester)}
          </Link>{" "}
          de {item.buyer.name}, le {formatInstant(item.edition.publishedAt)}.
        </p>
        <p className="actions">
          <Link to={`/acheteurs/${item.buyer.slug}`}>Toutes les éditions de {item.buyer.name}</Link>
          <Link to={`/plan?acheteur=${item.buyer.slug}`}>Tous les achats prévus de cet acheteur</Link>
        </p>
      </section>
    </article>
  );
}
