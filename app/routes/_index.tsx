import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Amont — en amont de la commande publique" }];

export default function Home() {
  return (
    <>
      <h1>Préparer les marchés publics ensemble, avant l'appel d'offres</h1>
      <p className="lead">
        Amont réunit les acheteurs publics et les entreprises de leur territoire avant la publication des marchés :
        programmation des achats, questionnaires de sourcing identiques pour tous, salons inversés et webinaires. Chaque
        échange est consigné dans un registre infalsifiable.
      </p>
      <ul className="cards">
        <li className="card">
          <h2>Vous êtes acheteur public</h2>
          <p>
            Commune, intercommunalité, département, hôpital ou bailleur social : publiez chaque semestre votre
            programmation prévisionnelle, évitez de lancer vos consultations pendant les vacances, interrogez le marché
            sans risque de rompre l'égalité entre candidats.
          </p>
          <p>Le registre des échanges s'exporte tel quel pour le rapport de présentation du marché.</p>
        </li>
        <li className="card">
          <h2>Vous êtes une entreprise ou une structure de l'ESS</h2>
          <p>
            TPE, PME, artisan, SIAE, entreprise adaptée ou ESAT : découvrez les achats prévus près de chez vous des mois
            à l'avance, répondez aux questionnaires de sourcing et rencontrez les acheteurs lors des salons inversés.
          </p>
          <p>Tout le monde reçoit la même information, au même moment.</p>
        </li>
        <li className="card">
          <h2>Vous accompagnez les entreprises</h2>
          <p>
            CCI, CMA, CRESS ou réseau d'entreprises : suivez les acheteurs de votre territoire, relayez leur
            programmation à vos adhérents et coorganisez les rencontres.
          </p>
        </li>
      </ul>
      <h2>Commencer</h2>
      <p className="actions">
        <a className="button" href="/inscription">
          Créer un compte
        </a>
        <a className="button button--secondary" href="/connexion">
          Se connecter
        </a>
      </p>
    </>
  );
}
