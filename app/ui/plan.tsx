// Shared pieces of the public forward plan's pages: dates in French, badges, the filters form,
// pagination and the feed links. Server-rendered and usable without JavaScript.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDateFr, formatDay, formatInstantDay } from "~/calendar/format";
import { CONSIDERATIONS, SORTS, filtersToSearchParams, planSearch, type PlanFilters, type Sort } from "~/plan/filters";
import { CATEGORIES, RESERVED, STATUSES, VALUE_BANDS, labelOf, optionsOf } from "~/plan/vocabulary";
import { departementLabel } from "~/territory/departements";
import { REGIONS } from "~/territory/regions";
import { FilterSelect, PlainCheckboxField, PlainSelectField } from "./form";

// ---- dates ---------------------------------------------------------------------------------------
// Written by the one formatter of dates and times (Intl, Europe/Paris), the same on the server and
// in the browser.

export { formatDay, formatMonth, formatInstant } from "~/calendar/format";

export function DateText({ iso, long = false }: { iso: string; long?: boolean }) {
  return <time dateTime={iso}>{long ? formatDateFr(iso) : formatDay(iso)}</time>;
}

// ---- badges ----------------------------------------------------------------------------------------

const RESERVED_SHORT: Record<string, string> = {
  disability: "Réservé EA / ESAT",
  siae: "Réservé insertion (SIAE)",
  ess: "Réservé ESS",
};

export function reservedShortLabel(reserved: string): string | null {
  return RESERVED_SHORT[reserved] ?? null;
}

export function PlanBadges({
  reserved,
  hasSocialConsideration,
  hasEnvironmentalConsideration,
  hasJustification,
}: {
  reserved: string;
  hasSocialConsideration: boolean;
  hasEnvironmentalConsideration: boolean;
  hasJustification?: boolean;
}) {
  const badges: { key: string; text: string; className: string; title?: string }[] = [];
  const reservedText = reservedShortLabel(reserved);
  if (reservedText)
    badges.push({
      key: "reserved",
      text: reservedText,
      className: "badge badge--reserved",
      title: labelOf(RESERVED, reserved),
    });
  if (hasSocialConsideration) badges.push({ key: "social", text: "Clause sociale", className: "badge badge--social" });
  if (hasEnvironmentalConsideration)
    badges.push({ key: "environment", text: "Clause environnementale", className: "badge badge--environment" });
  if (hasJustification)
    badges.push({
      key: "justified",
      text: "Date justifiée",
      className: "badge badge--muted",
      title: "Date pendant une période de congés, justifiée par l'acheteur",
    });
  if (badges.length === 0) return null;
  return (
    <ul className="badge-list" aria-label="Caractéristiques">
      {badges.map((badge) => (
        <li key={badge.key} className={badge.className} title={badge.title}>
          {badge.text}
        </li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const className =
    status === "abandoned"
      ? "badge badge--error"
      : status === "published" || status === "awarded"
        ? "badge badge--success"
        : "badge";
  return <span className={className}>{labelOf(STATUSES, status)}</span>;
}

// ---- notices -----------------------------------------------------------------------------------------

export function Notices({ notices }: { notices: readonly string[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="status">
      {notices.length === 1 ? (
        <p>{notices[0]}</p>
      ) : (
        <ul>
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

// ---- filters form ------------------------------------------------------------------------------------

export interface FilterOptionsView {
  /** null: too many buyers to list, the visitor chooses a territory first. */
  buyers: { value: string; label: string }[] | null;
  cpvDivisions: { value: string; label: string }[];
  semesters: { value: string; label: string }[];
  /** Départements where something is planned. */
  departements: { value: string; label: string }[];
}

function withCurrent(options: { value: string; label: string }[], current: string | undefined, label?: string) {
  if (!current || options.some((option) => option.value === current)) return options;
  return [{ value: current, label: label ?? current }, ...options];
}

const REGION_OPTIONS = [...REGIONS]
  .sort((a, b) => a.name.localeCompare(b.name, "fr"))
  .map((region) => ({ value: region.code, label: region.name }));

const ORDER_OPTIONS = [
  { value: "asc", label: "Croissant (du plus proche, de A à Z)" },
  { value: "desc", label: "Décroissant" },
];

/**
 * The filters as a GET form: it works without JavaScript (the browser submits the query string),
 * and with it Remix navigates without reloading the page.
 */
export function PlanFiltersForm({
  action,
  filters,
  options,
  buyerName,
  withSort = true,
  hidden = {},
}: {
  action: string;
  filters: PlanFilters;
  options: FilterOptionsView;
  buyerName?: string | null;
  withSort?: boolean;
  hidden?: Record<string, string>;
}) {
  const values = Object.fromEntries(filtersToSearchParams(filters, { page: 1 }));
  return (
    <Form method="get" action={action} className="plan-filters" aria-labelledby="filtres-titre">
      <h2 id="filtres-titre" className="plan-filters__title">
        Filtrer les achats
      </h2>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="plan-filters__grid">
        <FilterSelect
          name="semestre"
          label="Semestre"
          value={values.semestre}
          options={withCurrent(options.semesters, values.semestre)}
          placeholder="Tous les semestres"
        />
        <FilterSelect
          name="region"
          label="Région"
          value={values.region}
          options={REGION_OPTIONS}
          placeholder="Toutes les régions"
        />
        <FilterSelect
          name="departement"
          label="Département"
          value={values.departement}
          options={withCurrent(
            options.departements,
            values.departement,
            values.departement ? departementLabel(values.departement) : undefined,
          )}
          placeholder="Tous les départements"
        />
        {options.buyers ? (
          <FilterSelect
            name="acheteur"
            label="Acheteur"
            value={values.acheteur}
            options={withCurrent(options.buyers, values.acheteur, buyerName ?? undefined)}
            placeholder="Tous les acheteurs"
          />
        ) : (
          <div className="field">
            <span className="field__label">Acheteur</span>
            {values.acheteur ? (
              <>
                <input type="hidden" name="acheteur" value={values.acheteur} />
                <span>{buyerName ?? values.acheteur}</span>
              </>
            ) : (
              <span className="hint">
                Choisissez d'abord une région ou un département : la liste de leurs acheteurs apparaîtra ici.
              </span>
            )}
          </div>
        )}
        <FilterSelect
          name="categorie"
          label="Catégorie"
          value={values.categorie}
          options={optionsOf(CATEGORIES)}
          placeholder="Toutes les catégories"
        />
        <FilterSelect
          name="cpv"
          label="Domaine (division CPV)"
          value={values.cpv}
          options={withCurrent(options.cpvDivisions, values.cpv)}
          placeholder="Tous les domaines"
        />
        <FilterSelect
          name="consideration"
          label="Considération"
          value={values.consideration}
          options={optionsOf(CONSIDERATIONS)}
          placeholder="Toutes"
        />
        {withSort ? (
          <>
            <FilterSelect
              name="tri"
              label="Trier par"
              value={values.tri}
              options={optionsOf(SORTS).filter((o) => o.value !== "date")}
              placeholder="Date de publication prévue"
            />
            <PlainSelectField
              id="filtre-ordre"
              name="ordre"
              label="Ordre"
              defaultValue={values.ordre ?? "asc"}
              options={ORDER_OPTIONS}
            />
          </>
        ) : null}
      </div>
      <PlainCheckboxField
        id="filtre-reserve"
        name="reserve"
        value="1"
        defaultChecked={filters.reserve}
        label="Uniquement les marchés réservés (structures d'insertion, entreprises adaptées et ESAT, économie sociale et solidaire)"
      />
      <p className="actions">
        <button type="submit">Afficher les achats</button>
        <Link to={action + (hidden.mois ? `?mois=${hidden.mois}` : "")}>Effacer les filtres</Link>
      </p>
    </Form>
  );
}

// ---- the list's table ----------------------------------------------------------------------------

function SortHeader({
  path,
  filters,
  sort,
  children,
}: {
  path: string;
  filters: PlanFilters;
  sort: Sort;
  children: string;
}) {
  const active = filters.tri === sort;
  const nextOrder = active && filters.ordre === "asc" ? "desc" : "asc";
  const ariaSort = active ? (filters.ordre === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <Link to={`${path}${planSearch(filters, { tri: sort, ordre: nextOrder, page: 1 })}`} preventScrollReset>
        {children}
        <span className="visually-hidden">
          {active
            ? ` (trié ${filters.ordre === "asc" ? "par ordre croissant" : "par ordre décroissant"} ; cliquer pour inverser)`
            : ` (trier par ${SORTS[sort].toLowerCase()})`}
        </span>
        {active ? <span aria-hidden="true">{filters.ordre === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

/** A row of the plan's table: what the browser receives of a planned procurement. */
export interface PlanTableItem {
  plannedProcurementId: string;
  title: string;
  category: string;
  cpvCode: string;
  valueBand: string;
  reserved: string;
  expectedPublicationDate: string;
  status: string;
  departement: string;
  buyer: { slug: string; name: string };
  hasSocialConsideration: boolean;
  hasEnvironmentalConsideration: boolean;
  hasJustification: boolean;
  /** Where the item comes from (a relay's page shows it): the buyer's edition and when it was published. */
  source?: { label: string; publishedAt: string | Date };
  /** Why a relay highlights it ("Mis en avant par la CCI"), when it does. */
  highlight?: string | null;
}

/**
 * The plan's table, sortable by links (it works without JavaScript). `path` is the page that lists
 * (/plan, a relay's page), so that sorting stays on it.
 */
export function PlanTable({
  path,
  filters,
  page,
  countText,
}: {
  path: string;
  filters: PlanFilters;
  page: { page: number; pageCount: number; items: readonly PlanTableItem[] };
  countText: string;
}) {
  const withSource = page.items.some((item) => item.source);
  return (
    <table className="plan-table">
      <caption className="visually-hidden">
        {countText}, triés par {SORTS[filters.tri].toLowerCase()} (
        {filters.ordre === "asc" ? "croissant" : "décroissant"}), page {page.page} sur {page.pageCount}
      </caption>
      <thead>
        <tr>
          <SortHeader path={path} filters={filters} sort="date">
            Publication prévue
          </SortHeader>
          <SortHeader path={path} filters={filters} sort="titre">
            Achat
          </SortHeader>
          <SortHeader path={path} filters={filters} sort="acheteur">
            Acheteur
          </SortHeader>
          <th scope="col">Montant estimé</th>
          <th scope="col">État</th>
          {withSource ? <th scope="col">Source</th> : null}
        </tr>
      </thead>
      <tbody>
        {page.items.map((item) => (
          <tr key={item.plannedProcurementId}>
            <td data-label="Publication prévue">
              <DateText iso={item.expectedPublicationDate} />
            </td>
            <td data-label="Achat">
              <Link to={`/plan/${item.plannedProcurementId}`} className="plan-table__title">
                {item.title}
              </Link>
              <span className="plan-table__meta">
                {labelOf(CATEGORIES, item.category)} · CPV {item.cpvCode}
              </span>
              {item.highlight ? <span className="badge badge--accent">{item.highlight}</span> : null}
              <PlanBadges {...item} />
            </td>
            <td data-label="Acheteur">
              <Link to={`/acheteurs/${item.buyer.slug}`}>{item.buyer.name}</Link>
              <span className="plan-table__meta">{departementLabel(item.departement)}</span>
            </td>
            <td data-label="Montant estimé">{labelOf(VALUE_BANDS, item.valueBand)}</td>
            <td data-label="État">
              <StatusBadge status={item.status} />
            </td>
            {withSource ? (
              <td data-label="Source">
                {item.source ? (
                  <>
                    {item.source.label}
                    <span className="plan-table__meta">publiée le {formatInstantDay(item.source.publishedAt)}</span>
                  </>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---- pagination --------------------------------------------------------------------------------------

function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const pages = new Set(
    [1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pageCount),
  );
  const sorted = [...pages].sort((a, b) => a - b);
  const result: (number | "gap")[] = [];
  for (const [index, n] of sorted.entries()) {
    if (index > 0 && n - sorted[index - 1]! > 1) result.push("gap");
    result.push(n);
  }
  return result;
}

export function Pagination({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages de résultats">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              <span aria-hidden="true">← </span>Page précédente
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((n, index) =>
          n === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <a href={href(n)} aria-current="page">
                  <span className="visually-hidden">Page </span>
                  {n}
                </a>
              ) : (
                <Link to={href(n)}>
                  <span className="visually-hidden">Page </span>
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              Page suivante<span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

// ---- feeds -------------------------------------------------------------------------------------------

/** The "S'abonner" links: the three feeds with the same selection. */
export function FeedLinks({ search, origin, children }: { search: string; origin: string; children?: ReactNode }) {
  const webcal = `${origin.replace(/^https?:/, "webcal:")}/plan.ics${search}`;
  return (
    <section className="feed-links" aria-labelledby="abonnement-titre">
      <h2 id="abonnement-titre">S'abonner à ces achats</h2>
      {children}
      <ul>
        <IcsFeedItem href={`/plan.ics${search}`} webcal={webcal} />
        <CsvFeedItem href={`/plan.csv${search}`} />
        <li>
          <a href={`/plan.ocds.json${search}`} type="application/json">
            Données ouvertes au format OCDS (JSON)
          </a>{" "}
          — pour les développeurs et les outils de veille.
        </li>
      </ul>
    </section>
  );
}

/** The agenda subscription (iCal), one item of a list of feeds. */
export function IcsFeedItem({ href, webcal }: { href: string; webcal: string }) {
  return (
    <li>
      <a href={href} type="text/calendar">
        S'abonner dans mon agenda (iCal, .ics)
      </a>{" "}
      — copiez ce lien dans Outlook, Google Agenda ou Apple Calendrier : chaque date de publication prévue y apparaît et
      se met à jour toute seule. <a href={webcal}>Ouvrir directement dans mon agenda</a>.
    </li>
  );
}

/** The spreadsheet download (CSV for French Excel), one item of a list of feeds. */
export function CsvFeedItem({ href }: { href: string }) {
  return (
    <li>
      <a href={href} type="text/csv">
        Télécharger le tableau (CSV pour Excel ou LibreOffice)
      </a>
    </li>
  );
}
