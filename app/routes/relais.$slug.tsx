// /relais/:slug: a relay's public page: the latest editions of the buyers it follows (by name, or
// through its départements and régions), their upcoming events and open questionnaires, with the
// filters of /plan (a GET form, usable without JavaScript), the source and time of each item, the
// periods to avoid in the chosen territory, and the relay's feeds.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatInstantDay } from "~/calendar/format";
import { labelOfKind } from "~/meetings/kinds";
import { eventWhen } from "~/meetings/ui";
import { RELAY_KINDS, labelOf } from "~/organizations/kinds";
import { publicOrigin } from "~/plan/feeds/http.server";
import { describeSelection, hasSelection, planSearch } from "~/plan/filters";
import { HIGHLIGHT_LABEL, describeFollowing, describeHighlights } from "~/relay/following";
import { loadRelayPage } from "~/relay/page.server";
import { findPublicRelay } from "~/relay/relays.server";
import { departementLabel } from "~/territory/departements";
import { notFound } from "~/ui/not-found.server";
import { BlockedPeriodsList } from "~/ui/periods";
import { CsvFeedItem, DateText, IcsFeedItem, Notices, Pagination, PlanFiltersForm, PlanTable } from "~/ui/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.relay.name} : achats publics prévus sur son territoire — Amont` },
        {
          name: "description",
          content: `Les achats que les acheteurs publics suivis par ${data.relay.name} prévoient de lancer, leurs événements et leurs questionnaires ouverts.`,
        },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `Actualité des achats publics relayés par ${data.relay.name}`,
          href: `/relais/${data.relay.slug}.atom`,
        },
      ]
    : [{ title: "Réseau introuvable — Amont" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const relay =
    (await findPublicRelay(params.slug ?? "")) ?? notFound("Aucun réseau relais ne porte cette adresse sur Amont.");
  const page = await loadRelayPage(relay, new URL(request.url).searchParams, new Date());
  return {
    relay: {
      slug: relay.slug,
      name: relay.name,
      kind: labelOf(RELAY_KINDS, relay.relayKind),
      logoUrl: relay.logoUrl,
      following: describeFollowing(
        relay.following,
        relay.followedBuyers.map((buyer) => buyer.name),
      ),
      highlights: describeHighlights(relay.highlights),
    },
    ...page,
    events: {
      total: page.events.total,
      events: page.events.events.map((event) => ({
        id: event.id,
        kind: event.kind,
        title: event.title,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        departement: event.departement,
        online: !event.location,
        organizer: event.organizer,
        coHost: event.coHost,
        publishedAt: event.publishedAt?.toISOString() ?? null,
      })),
    },
    origin: publicOrigin(request),
  };
}

export default function RelayPage() {
  const { relay, filters, buyerName, notices, page, options, events, questionnaires, periods, origin } =
    useLoaderData<typeof loader>();
  const path = `/relais/${relay.slug}`;
  const selection = describeSelection(filters, buyerName);
  const feedSearch = planSearch(filters, {}, { only: "selection" });
  const countText =
    page.total === 0
      ? "Aucun achat prévu ne correspond"
      : page.total === 1
        ? "1 achat prévu"
        : `${page.total.toLocaleString("fr-FR")} achats prévus`;
  return (
    <>
      <div className="relay-header">
        {relay.logoUrl ? <img src={relay.logoUrl} alt={`Logo de ${relay.name}`} className="relay-logo" /> : null}
        <div>
          <p className="muted relay-header__kind">{relay.kind}</p>
          <h1>{relay.name}</h1>
        </div>
      </div>
      <p className="lead">
        {relay.following.length
          ? `${relay.name} suit ${relay.following.join(" ; ")}. Cette page relaie la programmation que ces acheteurs publient sur Amont.`
          : `${relay.name} ne suit encore aucun territoire ni aucun acheteur.`}{" "}
        Chaque achat indique sa source : l'acheteur, l'édition de sa programmation et sa date de publication.
      </p>
      {relay.highlights.length ? (
        <p>
          <span className="badge badge--accent">{HIGHLIGHT_LABEL}</span> : {relay.highlights.join(", ")}.
        </p>
      ) : null}
      <Notices notices={notices} />
      <PlanFiltersForm action={path} filters={filters} options={options} buyerName={buyerName} />

      <section aria-labelledby="resultats-titre">
        <h2 id="resultats-titre">
          {countText}
          {selection.length ? <span className="muted"> — {selection.join(" · ")}</span> : null}
        </h2>
        {hasSelection(filters) ? (
          <p className="actions">
            <Link to={path}>Voir tous les achats relayés</Link>
          </p>
        ) : null}
        {page.items.length > 0 ? (
          <PlanTable path={path} filters={filters} page={page} countText={countText} />
        ) : (
          <p>Aucun achat prévu ne correspond à ces critères dans les programmations publiées par ces acheteurs.</p>
        )}
        <Pagination
          page={page.page}
          pageCount={page.pageCount}
          href={(n) => `${path}${planSearch(filters, { page: n })}`}
        />
      </section>

      <section aria-labelledby="evenements-titre">
        <h2 id="evenements-titre">Événements à venir</h2>
        {events.events.length === 0 ? (
          <p>Aucun événement à venir de ces acheteurs.</p>
        ) : (
          <ul className="relay-list">
            {events.events.map((event) => (
              <li key={event.id}>
                <Link to={`/evenements/${event.id}`}>{event.title}</Link>{" "}
                <span className="badge">{labelOfKind(event.kind)}</span>
                <span className="relay-list__meta">
                  {eventWhen(event)} · {event.online ? "en ligne" : departementLabel(event.departement)}
                </span>
                <span className="relay-list__meta">
                  Organisé par <Link to={`/acheteurs/${event.organizer.slug}`}>{event.organizer.name}</Link>
                  {event.coHost ? ` avec ${event.coHost}` : ""}
                  {event.publishedAt ? ` · publié le ${formatInstantDay(event.publishedAt)}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
        {events.total > events.events.length ? (
          <p>
            Et {events.total - events.events.length} autre{events.total - events.events.length > 1 ? "s" : ""} :{" "}
            <Link to="/evenements">tous les événements</Link>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="questionnaires-titre">
        <h2 id="questionnaires-titre">Questionnaires de sourcing ouverts</h2>
        {questionnaires.questionnaires.length === 0 ? (
          <p>Aucun questionnaire ouvert en ce moment chez ces acheteurs.</p>
        ) : (
          <ul className="relay-list">
            {questionnaires.questionnaires.map((questionnaire) => (
              <li key={questionnaire.id}>
                <Link to={`/sourcing/${questionnaire.id}`}>{questionnaire.title}</Link>
                <span className="relay-list__meta">
                  Pour l'achat prévu « {questionnaire.procurement.title} » · réponses jusqu'au{" "}
                  <DateText iso={questionnaire.openUntil} long />
                </span>
                <span className="relay-list__meta">
                  <Link to={`/acheteurs/${questionnaire.buyer.slug}`}>{questionnaire.buyer.name}</Link>, version n°{" "}
                  {questionnaire.versionNumber}
                  {questionnaire.publishedAt ? ` publiée le ${formatInstantDay(questionnaire.publishedAt)}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
        {questionnaires.total > questionnaires.questionnaires.length ? (
          <p>
            <Link to="/sourcing">Tous les questionnaires ouverts</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="periodes-titre">
        <h2 id="periodes-titre">Périodes à éviter</h2>
        <p>
          Les acheteurs évitent de lancer une consultation ou de fixer une date limite de réponse pendant ces périodes,
          où les entreprises répondent moins. Pour {periods.territory}, dans les six prochains mois (choisissez un
          département ou une région dans les filtres pour en voir un autre) :
        </p>
        {periods.periods.length === 0 ? (
          <p>Aucune période bloquée dans les six prochains mois.</p>
        ) : (
          <BlockedPeriodsList periods={periods.periods} />
        )}
      </section>

      <section className="feed-links" aria-labelledby="abonnement-titre">
        <h2 id="abonnement-titre">S'abonner à ces achats</h2>
        <p>
          Les abonnements reprennent les acheteurs suivis par {relay.name}
          {selection.length ? ` et les filtres choisis ci-dessus (${selection.join(", ")})` : ""}.
        </p>
        <ul>
          <IcsFeedItem
            href={`${path}.ics${feedSearch}`}
            webcal={`${origin.replace(/^https?:/, "webcal:")}${path}.ics${feedSearch}`}
          />
          <CsvFeedItem href={`${path}.csv${feedSearch}`} />
          <li>
            <a href={`${path}.atom${feedSearch}`} type="application/atom+xml">
              Fil d'actualité (Atom)
            </a>{" "}
            — pour un lecteur de flux : chaque nouvelle édition, chaque événement et chaque questionnaire ouvert.
          </li>
        </ul>
      </section>
    </>
  );
}
