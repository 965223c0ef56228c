// The accessibility statement (déclaration d'accessibilité) in the RGAA model's structure, and the
// compliance status the footer of every page shows. The RGAA's rule: without an audit, the status
// is "non conforme". Change ACCESSIBILITY_STATUS and the statement only after a real RGAA audit.
import { Link } from "@remix-run/react";
import type { LegalIdentity } from "./identity";
import { DemonstrationNotice } from "./demonstration-notice";

export const ACCESSIBILITY_STATUS = {
  /** As the footer and the statement show it: "Accessibilité : non conforme". */
  label: "non conforme",
  reason: "aucun audit de conformité au RGAA n'a encore été réalisé",
} as const;

/** The day this statement was written or last revised (update it with the text). */
export const STATEMENT_DATE = "7 décembre 2026";
export const RGAA_VERSION = "4.1.2";

/** The pages that the automated axe checks of the end-to-end tests load (tests/e2e): not an audit sample. */
export const AUTOMATICALLY_CHECKED_PAGES = [
  "Accueil",
  "Se connecter",
  "Créer un compte (y compris le formulaire affichant ses erreurs)",
  "Mon compte",
  "Inscrire une organisation",
  "Page introuvable (erreur 404)",
  "Déclaration d'accessibilité, mentions légales, données personnelles, contact",
  "Achats publics prévus (liste filtrée)",
  "Espace acheteur : nouvel achat prévu, programmation",
  "Questionnaires de sourcing (liste et questionnaire publié)",
  "Espace acheteur : questionnaire en préparation, demandes de précision, réponses reçues",
  "Événements (liste, page d'un salon inversé, inscription à un webinaire)",
  "Espace acheteur : nouvel événement, page d'un événement, suivi après l'événement",
  "Administration : organisations à vérifier (y compris le formulaire de refus affichant son erreur)",
] as const;

export function AccessibilityStatement({ identity, origin }: { identity: LegalIdentity; origin: string }) {
  const publisher = identity.publisher.name;
  return (
    <>
      <h1>Déclaration d'accessibilité</h1>
      <DemonstrationNotice identity={identity} />
      <p>
        {publisher} s'engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles conformément
        à l'article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d'accessibilité s'applique au service Amont, à l'adresse <code>{origin}</code>.
      </p>

      <h2>État de conformité</h2>
      <p>
        Amont est <strong>{ACCESSIBILITY_STATUS.label}</strong> avec le référentiel général d'amélioration de
        l'accessibilité (RGAA), version {RGAA_VERSION}, car {ACCESSIBILITY_STATUS.reason}.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit RGAA n'a été réalisé : il n'existe donc pas encore de taux de conformité. Les seules vérifications
        faites aujourd'hui sont les suivantes.
      </p>
      <ul>
        <li>
          Les tests automatiques du projet passent l'outil axe-core sur les pages listées plus bas (règles WCAG 2.0 et
          2.1, niveaux A et AA) : aucune erreur grave n'y est acceptée.
        </li>
        <li>
          Les mêmes tests vérifient que le lien « Aller au contenu » est le premier élément atteint au clavier, que les
          formulaires fonctionnent sans JavaScript et que chaque message d'erreur est relié à son champ.
        </li>
      </ul>
      <p>
        Un outil automatique ne détecte qu'une partie des problèmes : ces tests ne remplacent pas un audit. En
        particulier, l'utilisation avec un lecteur d'écran, l'agrandissement du texte et l'affichage sur petit écran
        n'ont pas encore été vérifiés de façon systématique.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <p>Faute d'audit, cette liste n'est pas complète. Problème connu :</p>
      <ul>
        <li>
          Les vues « calendrier » des achats prévus et des événements (grille du mois, affichée par la bibliothèque
          FullCalendar quand JavaScript est disponible) n'ont été vérifiées ni au clavier ni avec un lecteur d'écran. La
          même information est toujours donnée sous forme de liste sur la même page : c'est la version de référence.
        </li>
      </ul>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l'obligation d'accessibilité</h3>
      <ul>
        <li>
          Les documents, présentations et enregistrements que les acheteurs publient après leurs événements, et les
          pièces ou liens qu'ils indiquent : ils sont produits et hébergés par chaque acheteur, qui en est responsable.
          Amont ne les vérifie pas.
        </li>
        <li>
          Les outils de visioconférence utilisés pour les webinaires, choisis par chaque acheteur et ouverts dans un
          autre site.
        </li>
      </ul>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le {STATEMENT_DATE}.</p>
      <h3>Technologies utilisées pour la réalisation du service</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>WAI-ARIA</li>
        <li>JavaScript (en complément : toutes les pages et tous les formulaires fonctionnent sans)</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>
        Tests automatiques avec axe-core (Deque Systems), piloté par Playwright dans le navigateur Chromium sous Linux.
        Aucune vérification n'a encore été faite avec une technologie d'assistance (lecteur d'écran, logiciel
        d'agrandissement, commande vocale).
      </p>
      <h3>Pages du site ayant fait l'objet de la vérification de conformité</h3>
      <p>
        Aucune, faute d'audit. Les tests automatiques décrits plus haut portent sur les pages suivantes (avec des
        données de test) :
      </p>
      <ul>
        {AUTOMATICALLY_CHECKED_PAGES.map((page) => (
          <li key={page}>{page}</li>
        ))}
      </ul>

      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une
        alternative accessible ou obtenir le contenu sous une autre forme :{" "}
        {identity.contactEmail ? (
          <>
            écrivez à <a href={`mailto:${identity.contactEmail}`}>{identity.contactEmail}</a> ou consultez la{" "}
          </>
        ) : (
          "consultez la "
        )}
        <Link to="/contact">page de contact</Link>.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service, et
        que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits par son{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;
        </li>
        <li>
          contacter <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits</a>{" "}
          de votre région ;
        </li>
        <li>appeler le Défenseur des droits au 09 69 39 00 00 ;</li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse
          71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </>
  );
}
