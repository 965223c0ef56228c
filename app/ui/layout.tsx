import { Form, NavLink } from "@remix-run/react";
import { ACCESSIBILITY_STATUS } from "~/legal/accessibility";
import { ORGANIZATION_KINDS, labelOf } from "~/organizations/kinds";

interface HeaderProps {
  user: { name: string; isPlatformAdmin: boolean } | null;
  organizations: { id: string; name: string; kind: string }[];
  activeOrganizationId: string | null;
}

function kindLabel(kind: string) {
  return labelOf(ORGANIZATION_KINDS, kind);
}

export function SiteHeader({ user, organizations, activeOrganizationId }: HeaderProps) {
  const active = organizations.find((organization) => organization.id === activeOrganizationId);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="site-header__brand" href="/">
          Amont
          <small>en amont de la commande publique</small>
        </a>
        <nav className="site-nav" aria-label="Navigation principale">
          <ul>
            <li>
              <NavLink to="/" end>
                Accueil
              </NavLink>
            </li>
            <li>
              <NavLink to="/plan">Achats prévus</NavLink>
            </li>
            <li>
              <NavLink to="/sourcing">Questionnaires</NavLink>
            </li>
            <li>
              <NavLink to="/evenements">Événements</NavLink>
            </li>
            {active?.kind === "buyer" ? (
              <>
                <li>
                  <NavLink to="/acheteur/achats">Ma programmation</NavLink>
                </li>
                <li>
                  <NavLink to="/acheteur/sourcing">Mes questionnaires</NavLink>
                </li>
                <li>
                  <NavLink to="/acheteur/evenements">Mes événements</NavLink>
                </li>
              </>
            ) : null}
            {active?.kind === "supplier" ? (
              <>
                <li>
                  <NavLink to="/fournisseur/agenda">Mon agenda</NavLink>
                </li>
                <li>
                  <NavLink to="/fournisseur/alertes">Mes alertes</NavLink>
                </li>
              </>
            ) : null}
            {active?.kind === "relay" ? (
              <li>
                <NavLink to={`/organisations/${active.id}/relais`}>Mon relais</NavLink>
              </li>
            ) : null}
            {active?.kind === "buyer" || active?.kind === "relay" ? (
              <li>
                <NavLink to="/territoire">Calendrier du territoire</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to="/compte">Mon compte</NavLink>
              </li>
            ) : null}
            {user?.isPlatformAdmin ? (
              <>
                <li>
                  <NavLink to="/admin/organisations">Organisations</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/calendrier">Calendrier</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/courriels">Courriels envoyés</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/taches">Tâches programmées</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/effacement">Effacement de données</NavLink>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
        <div className="account-bar">
          {user ? (
            <>
              <span>
                <span className="visually-hidden">Connecté en tant que </span>
                {user.name}
                {active ? (
                  <>
                    {" "}
                    — <span className="visually-hidden">organisation active : </span>
                    <a href={`/organisations/${active.id}`}>{active.name}</a> ({kindLabel(active.kind)})
                  </>
                ) : null}
              </span>
              {organizations.length > 1 ? (
                <Form method="post" action="/organisations/active">
                  <label className="visually-hidden" htmlFor="active-organization">
                    Agir au nom de
                  </label>
                  <select id="active-organization" name="organizationId" defaultValue={active?.id}>
                    {organizations.map((organization) => (
                      <option key={organization.id} value={organization.id}>
                        {organization.name}
                      </option>
                    ))}
                  </select>{" "}
                  <button type="submit" className="button--secondary">
                    Changer d'organisation
                  </button>
                </Form>
              ) : null}
              <Form method="post" action="/deconnexion">
                <button type="submit" className="link-button">
                  Se déconnecter
                </button>
              </Form>
            </>
          ) : (
            <>
              <a href="/connexion">Se connecter</a>
              <a href="/inscription">Créer un compte</a>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>
          Amont — en amont de la commande publique. Les échanges entre acheteurs et entreprises sont consignés dans un
          registre infalsifiable, joint au rapport de présentation du marché.
        </p>
        <nav aria-label="Informations sur le site">
          <ul className="site-footer__links">
            <li>
              <a href="/relais">Réseaux relais</a>
            </li>
            <li>
              <a href="/accessibilite">Accessibilité : {ACCESSIBILITY_STATUS.label}</a>
            </li>
            <li>
              <a href="/mentions-legales">Mentions légales</a>
            </li>
            <li>
              <a href="/confidentialite">Données personnelles</a>
            </li>
            <li>
              <a href="/contact">Contact</a>
            </li>
            <li>
              <a href="/registre/etat">Registre des échanges</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
