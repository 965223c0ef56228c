// /relais/:slug/widget: the relay's page in small, for an iframe on the relay's own site. No site
// header, footer or scripts (PageHandle.bare); every link opens Amont in a new tab; only Amont
// itself and the sites the relay declared may frame it (frame-ancestors, docs/decisions/0025-relays.md).
// The plan's filters may be set in the iframe's address (for example ?cpv=45).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatInstantDay } from "~/calendar/format";
import { labelOfKind } from "~/meetings/kinds";
import { eventWhen } from "~/meetings/ui";
import { describeSelection, planSearch } from "~/plan/filters";
import { loadRelayWidget } from "~/relay/page.server";
import { findPublicRelay } from "~/relay/relays.server";
import { widgetFrameAncestors } from "~/relay/sites";
import { notFound } from "~/ui/not-found.server";
import type { PageHandle } from "~/ui/page-handle";
import { DateText, PlanBadges } from "~/ui/plan";

export const handle: PageHandle = {
  bare: true,
  frameAncestors: (data) => (data as { frameAncestors: string[] }).frameAncestors,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Achats publics prévus, relayés par ${data.relay.name} — Amont` : "Réseau introuvable — Amont" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const relay =
    (await findPublicRelay(params.slug ?? "")) ?? notFound("Aucun réseau relais ne porte cette adresse sur Amont.");
  const widget = await loadRelayWidget(relay, new URL(request.url).searchParams, new Date());
  return {
    relay: { slug: relay.slug, name: relay.name, logoUrl: relay.logoUrl },
    frameAncestors: widgetFrameAncestors(relay.sites),
    ...widget,
    events: widget.events.events.map((event) => ({
      id: event.id,
      kind: event.kind,
      title: event.title,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      organizer: event.organizer.name,
    })),
    questionnaires: widget.questionnaires.questionnaires.map((questionnaire) => ({
      id: questionnaire.id,
      title: questionnaire.title,
      openUntil: questionnaire.openUntil,
      buyer: questionnaire.buyer.name,
    })),
  };
}

/** A link to Amont, in a new tab (the widget lives in another site's page). */
function Out({ href, children, className }: { href: string; children: React.ReactNode; className?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={className}>
      {children}
    </a>
  );
}

export default function RelayWidget() {
  const { relay, filters, items, events, questionnaires } = useLoaderData<typeof loader>();
  const pagePath = `/relais/${relay.slug}${planSearch(filters, {}, { only: "selection" })}`;
  const selection = describeSelection(filters);
  return (
    <main id="contenu" className="widget">
      <header className="widget__header">
        {relay.logoUrl ? <img src={relay.logoUrl} alt="" className="widget__logo" /> : null}
        <div>
          <h1 className="widget__title">Achats publics prévus</h1>
          <p className="widget__source">
            Relayés par {relay.name}
            {selection.length ? ` · ${selection.join(", ")}` : ""}. Source : programmations publiées sur Amont par les
            acheteurs. Les liens s'ouvrent dans un nouvel onglet.
          </p>
        </div>
      </header>

      <section aria-labelledby="widget-achats">
        <h2 id="widget-achats" className="widget__heading">
          Prochaines publications
        </h2>
        {items.items.length === 0 ? (
          <p>Aucune publication prévue à venir.</p>
        ) : (
          <ul className="widget__list">
            {items.items.map((item) => (
              <li key={item.plannedProcurementId}>
                <Out href={`/plan/${item.plannedProcurementId}`} className="widget__item-title">
                  {item.title}
                </Out>
                {item.highlight ? <span className="badge badge--accent">{item.highlight}</span> : null}
                <span className="widget__meta">
                  {item.buyer.name} · publication prévue le <DateText iso={item.expectedPublicationDate} />
                </span>
                <span className="widget__meta">
                  {item.source.label}, publiée le {formatInstantDay(item.source.publishedAt)}
                </span>
                <PlanBadges {...item} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {events.length ? (
        <section aria-labelledby="widget-evenements">
          <h2 id="widget-evenements" className="widget__heading">
            Événements
          </h2>
          <ul className="widget__list">
            {events.map((event) => (
              <li key={event.id}>
                <Out href={`/evenements/${event.id}`} className="widget__item-title">
                  {event.title}
                </Out>
                <span className="widget__meta">
                  {labelOfKind(event.kind)} · {eventWhen(event)} · {event.organizer}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {questionnaires.length ? (
        <section aria-labelledby="widget-questionnaires">
          <h2 id="widget-questionnaires" className="widget__heading">
            Questionnaires ouverts
          </h2>
          <ul className="widget__list">
            {questionnaires.map((questionnaire) => (
              <li key={questionnaire.id}>
                <Out href={`/sourcing/${questionnaire.id}`} className="widget__item-title">
                  {questionnaire.title}
                </Out>
                <span className="widget__meta">
                  {questionnaire.buyer} · réponses jusqu'au <DateText iso={questionnaire.openUntil} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p className="widget__more">
        <Out href={pagePath}>
          {items.total > items.items.length
            ? `Voir les ${items.total} publications prévues sur Amont`
            : "Voir la page du réseau sur Amont"}
        </Out>
      </p>
    </main>
  );
}
