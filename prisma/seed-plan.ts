// Demo forward plans: about 80 planned procurements of the six demo buyers for 2027, published as
// semester editions (S1 and S2 2027), with a second S1 edition of the Métropole so that an edition
// page shows what changed (added, moved, modified, withdrawn).
//
// Dates go through the buyers' real calendar (their zone's school holidays, public holidays, the
// platform's quiet periods): a wished date that falls in a blocked period moves to the next allowed
// day, except for the few items that keep a date in school holidays on purpose, with the written
// justification the public sees. Response deadlines leave at least the procedure's minimum of
// open days. Fictional buyers, contacts and links (.test / .example addresses).
import { loadCalendarContext, loadProcedureRules } from "../app/calendar/calendar.server";
import { earliestDeadline, evaluateDate, nextAllowedDate, type CalendarContext } from "../app/calendar/rules";
import { db, write } from "../app/db/db.server";
import { publishEdition } from "../app/plan/editions.server";
import {
  PROCEDURES,
  semesterOf,
  type Category,
  type Procedure,
  type Reserved,
  type ValueBand,
} from "../app/plan/vocabulary";
import { BUYERS } from "./seed-data";

type BuyerSlug = (typeof BUYERS)[number]["slug"];

interface DemoItem {
  ref: string;
  title: string;
  need: string;
  category: Category;
  cpv: string;
  band: ValueBand;
  procedure: Procedure;
  /** Wished expected publication date (moved to the next allowed day when blocked). */
  date: string;
  reserved?: Reserved;
  social?: string;
  environmental?: string;
  /** Keep `date` in school holidays with this public justification. */
  justification?: string;
  /** A response deadline kept in school holidays, with its justification. */
  deadline?: { date: string; justification: string };
  /** Open days beyond the procedure's minimum (default 5). */
  extraDays?: number;
  /** Months from the deadline to the contract start (default 3), and the contract's length. */
  startAfterMonths?: number;
  months?: number;
  status?: "planned" | "sourcing" | "published";
  lots?: readonly (readonly [string, string?])[];
}

const INSERTION_CLAUSE =
  "Clause d'insertion : 5 % des heures travaillées réservées à des personnes éloignées de l'emploi, avec l'appui du facilitateur du territoire.";

export const DEMO_PLAN: Record<BuyerSlug, readonly DemoItem[]> = {
  "metropole-rhone-confluence": [
    {
      ref: "MRC-2027-001",
      title: "Rénovation énergétique du groupe scolaire Jean-Macé",
      need: "Isoler les murs et la toiture, remplacer les fenêtres et la chaufferie au fioul du groupe scolaire (12 classes, 1970) pour diviser par deux sa consommation d'énergie. Les travaux bruyants ont lieu pendant les vacances scolaires, le reste en site occupé.",
      category: "travaux",
      cpv: "45453000-7",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-01-11",
      social: INSERTION_CLAUSE,
      environmental:
        "Matériaux biosourcés pour l'isolation (fibre de bois, ouate de cellulose) et tri des déchets de chantier sur place.",
      months: 14,
      startAfterMonths: 4,
      lots: [
        ["Désamiantage"],
        ["Isolation thermique par l'extérieur", "Fibre de bois sous enduit, environ 2 400 m²"],
        ["Menuiseries extérieures"],
        ["Chauffage, ventilation (raccordement au réseau de chaleur)"],
        ["Électricité, éclairage LED"],
      ],
    },
    {
      ref: "MRC-2027-002",
      title: "Repas bio et locaux pour les crèches métropolitaines",
      need: "Fabriquer et livrer chaque jour environ 1 800 repas adaptés aux tout-petits (purées, textures) pour 42 crèches, avec au moins la moitié de produits durables et un quart de bio.",
      category: "services",
      cpv: "55524000-9",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-02-15",
      justification:
        "Le budget est voté le 11 février : publier dès le 15, pendant les vacances d'hiver, permet de notifier avant l'été. Le délai de réponse est allongé à 45 jours ouvrés pour compenser.",
      extraDays: 10,
      environmental:
        "Au moins 50 % de produits durables dont 25 % issus de l'agriculture biologique (loi EGalim), contenants réutilisables en inox.",
      social:
        "Visite des cuisines ouverte aux petites entreprises et groupements de producteurs avant la remise des offres.",
      months: 48,
      status: "sourcing",
      lots: [["Crèches du nord et de l'ouest"], ["Crèches du centre"], ["Crèches du sud et de l'est"]],
    },
    {
      ref: "MRC-2027-003",
      title: "Entretien des espaces verts des parcs métropolitains",
      need: "Tondre, tailler, désherber sans produits chimiques et ramasser les feuilles dans six parcs (38 hectares), toute l'année, avec un renfort au printemps.",
      category: "services",
      cpv: "77313000-7",
      band: "215k_1m",
      procedure: "mapa",
      reserved: "siae",
      date: "2027-03-08",
      social:
        "Marché réservé aux structures d'insertion : l'accompagnement des salariés vers l'emploi durable fait partie du suivi du marché.",
      environmental:
        "Gestion différenciée, zéro produit phytosanitaire, broyage et compostage des déchets verts sur place.",
      months: 36,
    },
    {
      ref: "MRC-2027-004",
      title: "Maintenance du chauffage, de la ventilation et de la climatisation des bâtiments administratifs",
      need: "Entretenir et dépanner les chaudières, centrales de traitement d'air et climatiseurs de 14 bâtiments (environ 60 000 m²), avec une astreinte l'hiver et un suivi des consommations.",
      category: "services",
      cpv: "50720000-8",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-03-22",
      environmental:
        "Intéressement du titulaire aux économies d'énergie constatées ; récupération et traitement des fluides frigorigènes.",
      months: 48,
    },
    {
      ref: "MRC-2027-005",
      title: "Vélos à assistance électrique pour les déplacements des agents",
      need: "Acheter 60 vélos à assistance électrique avec antivol, sacoches et casques, et assurer leur entretien pendant trois ans.",
      category: "fournitures",
      cpv: "34430000-0",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-04-05",
      environmental: "Batteries garanties 5 ans et reprises en fin de vie ; pièces détachées disponibles 7 ans.",
      months: 36,
    },
    {
      ref: "MRC-2027-006",
      title: "Plateforme en ligne de participation citoyenne",
      need: "Mettre à disposition un site où les habitants donnent leur avis sur les projets (consultations, budget participatif, cartes collaboratives), hébergé en France, accessible aux personnes handicapées.",
      category: "services",
      cpv: "72260000-5",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-05-18",
      months: 36,
      status: "sourcing",
    },
    {
      ref: "MRC-2027-007",
      title: "Nettoyage des locaux de l'hôtel de la Métropole",
      need: "Nettoyer chaque jour les bureaux, salles de réunion et sanitaires de l'hôtel de la Métropole (18 000 m²), en journée plutôt que tôt le matin.",
      category: "services",
      cpv: "90919200-4",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-06-01",
      social:
        "Nettoyage en journée pour des horaires de travail compatibles avec la vie de famille ; reprise du personnel en place.",
      environmental: "Produits écolabellisés, microfibres lavables, dosage automatique.",
      months: 48,
    },
    {
      ref: "MRC-2027-008",
      title: "Collecte et valorisation des biodéchets des marchés alimentaires",
      need: "Collecter les invendus et déchets alimentaires de 25 marchés de plein air et les transformer en compost ou en biogaz.",
      category: "services",
      cpv: "90511000-2",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-06-14",
      environmental: "Véhicules au biogaz ou électriques ; traçabilité de la valorisation.",
      months: 36,
    },
    {
      ref: "MRC-2027-009",
      title: "Aménagement d'une voie verte le long de la Saône",
      need: "Créer 4,2 km de voie verte pour les vélos et les piétons entre deux ponts, avec éclairage économe, plantations et mobilier.",
      category: "travaux",
      cpv: "45233162-2",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-09-13",
      social: INSERTION_CLAUSE,
      environmental: "Revêtement perméable, réemploi des matériaux de déblai, plantation d'essences locales.",
      months: 10,
      lots: [["Terrassement et voirie"], ["Éclairage public"], ["Plantations et mobilier"]],
    },
    {
      ref: "MRC-2027-010",
      title: "Mobilier de bureau issu du réemploi",
      need: "Fournir des bureaux, sièges et rangements reconditionnés pour équiper 300 postes de travail, avec livraison et montage.",
      category: "fournitures",
      cpv: "39130000-2",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-09-27",
      environmental: "Au moins 60 % de mobilier de réemploi ou reconditionné ; reprise du mobilier usagé.",
      months: 24,
    },
    {
      ref: "MRC-2027-011",
      title: "Transport des élèves vers les piscines et gymnases",
      need: "Transporter en car les classes des écoles vers les piscines et gymnases métropolitains, environ 2 500 trajets par an.",
      category: "services",
      cpv: "60130000-8",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-10-11",
      environmental: "Cars aux normes Euro VI ou au biogaz.",
      months: 48,
    },
    {
      ref: "MRC-2027-012",
      title: "Impression des supports de communication",
      need: "Imprimer affiches, dépliants et magazines (environ 40 commandes par an), avec livraison dans les bâtiments métropolitains.",
      category: "services",
      cpv: "79810000-5",
      band: "40k_100k",
      procedure: "mapa",
      reserved: "disability",
      date: "2027-11-15",
      environmental: "Papier recyclé ou issu de forêts gérées durablement, encres végétales.",
      months: 24,
    },
    {
      ref: "MRC-2027-013",
      title: "Étude de programmation pour un centre aquatique",
      need: "Évaluer les besoins des habitants et des clubs, proposer un programme et un coût pour un futur centre aquatique intercommunal.",
      category: "services",
      cpv: "71241000-9",
      band: "40k_100k",
      procedure: "mapa",
      date: "2027-12-06",
      months: 8,
    },
  ],
  "agglo-picardie-somme": [
    {
      ref: "APS-27-01",
      title: "Transport scolaire des élèves de l'agglomération",
      need: "Assurer les circuits de ramassage scolaire des écoles, collèges et lycées de 39 communes (environ 3 200 élèves par jour) à partir de la rentrée 2027.",
      category: "services",
      cpv: "60112000-6",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-01-18",
      environmental: "Part minimale de cars au biogaz (bioGNV) ou électriques, croissante sur la durée du contrat.",
      months: 84,
      startAfterMonths: 6,
      lots: [["Secteur nord (Abbeville)"], ["Secteur centre"], ["Secteur est (vallée de la Somme)"], ["Secteur sud"]],
    },
    {
      ref: "APS-27-02",
      title: "Repas des cantines scolaires en liaison froide",
      need: "Préparer et livrer environ 2 000 repas par jour d'école pour 28 restaurants scolaires, avec des menus végétariens chaque semaine.",
      category: "services",
      cpv: "55524000-9",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-02-08",
      social: INSERTION_CLAUSE,
      environmental: "Produits de saison, 30 % de produits locaux, lutte contre le gaspillage (pesée des restes).",
      months: 48,
    },
    {
      ref: "APS-27-03",
      title: "Entretien des berges de la Somme",
      need: "Débroussailler, faucher et enlever les embâcles sur 45 km de berges, en respectant les périodes de nidification.",
      category: "services",
      cpv: "77312000-0",
      band: "100k_215k",
      procedure: "mapa",
      reserved: "siae",
      date: "2027-03-15",
      deadline: {
        date: "2027-04-20",
        justification:
          "Date limite fixée au 20 avril, pendant les vacances de printemps : l'entretien doit commencer avant la nidification de mai, et les structures d'insertion du secteur ont été prévenues dès février.",
      },
      environmental: "Matériel à batterie ou huiles biodégradables ; calendrier d'intervention validé par un écologue.",
      months: 36,
    },
    {
      ref: "APS-27-04",
      title: "Bacs de collecte des déchets ménagers",
      need: "Fournir et livrer environ 12 000 bacs roulants pour les ordures ménagères et le tri, avec puces d'identification.",
      category: "fournitures",
      cpv: "34928480-6",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-03-29",
      environmental: "Plastique recyclé à 50 % au moins ; reprise et recyclage des anciens bacs.",
      months: 36,
    },
    {
      ref: "APS-27-05",
      title: "Construction d'une maison de santé pluriprofessionnelle",
      need: "Construire un bâtiment de 900 m² pour accueillir médecins, infirmiers et kinésithérapeutes en centre-bourg, à énergie positive.",
      category: "travaux",
      cpv: "45215100-8",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-05-24",
      social: INSERTION_CLAUSE,
      environmental: "Structure bois, panneaux photovoltaïques en toiture, récupération des eaux pluviales.",
      months: 18,
      lots: [
        ["Gros œuvre"],
        ["Charpente et ossature bois"],
        ["Couverture et étanchéité"],
        ["Menuiseries"],
        ["Plâtrerie, peinture"],
        ["Plomberie, chauffage"],
        ["Électricité"],
        ["Photovoltaïque"],
      ],
    },
    {
      ref: "APS-27-06",
      title: "Nettoyage des vitres des équipements communautaires",
      need: "Nettoyer deux à quatre fois par an les vitres de 22 bâtiments (piscines, médiathèques, sièges administratifs).",
      category: "services",
      cpv: "90911300-9",
      band: "40k_100k",
      procedure: "mapa",
      reserved: "disability",
      date: "2027-06-07",
      months: 36,
    },
    {
      ref: "APS-27-07",
      title: "Location et maintenance de photocopieurs",
      need: "Louer environ 80 copieurs multifonctions, avec maintenance, consommables et logiciel de suivi des impressions.",
      category: "fournitures",
      cpv: "30120000-6",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-07-01",
      environmental: "Appareils reconditionnés acceptés ; papier recyclé par défaut.",
      months: 60,
    },
    {
      ref: "APS-27-08",
      title: "Assurance des bâtiments et des véhicules",
      need: "Assurer les 140 bâtiments et les 95 véhicules de l'agglomération (dommages aux biens, flotte automobile).",
      category: "services",
      cpv: "66515200-5",
      band: "100k_215k",
      procedure: "ao_ouvert",
      date: "2027-09-06",
      months: 48,
      lots: [["Dommages aux biens"], ["Flotte automobile"]],
    },
    {
      ref: "APS-27-09",
      title: "Réfection de la toiture de la médiathèque",
      need: "Refaire la couverture en ardoise et l'isolation des combles de la médiathèque (1 100 m²), en gardant le bâtiment ouvert.",
      category: "travaux",
      cpv: "45261000-4",
      band: "215k_1m",
      procedure: "mapa",
      date: "2027-09-20",
      environmental: "Isolation en laine de bois ; ardoises déposées triées pour réemploi.",
      months: 5,
    },
    {
      ref: "APS-27-10",
      title: "Accompagnement des allocataires du RSA vers l'emploi",
      need: "Accompagner chaque année environ 400 personnes : bilan, levée des freins (mobilité, garde d'enfants), immersion en entreprise.",
      category: "services",
      cpv: "85312320-8",
      band: "215k_1m",
      procedure: "mapa",
      reserved: "ess",
      date: "2027-10-04",
      social: "Suivi des sorties vers l'emploi ou la formation à 6 mois.",
      months: 36,
    },
    {
      ref: "APS-27-11",
      title: "Denrées alimentaires locales pour la cuisine centrale",
      need: "Fournir fruits, légumes, produits laitiers et viandes de la région pour la cuisine centrale (2 000 repas par jour).",
      category: "fournitures",
      cpv: "15000000-8",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-11-08",
      environmental: "Produits de saison, circuits courts, emballages réduits.",
      months: 36,
      lots: [["Fruits et légumes frais"], ["Produits laitiers"], ["Viandes et volailles"], ["Épicerie bio"]],
    },
    {
      ref: "APS-27-12",
      title: "Entretien de l'éclairage public",
      need: "Entretenir et dépanner environ 9 000 points lumineux et remplacer progressivement les lampes par des LED.",
      category: "services",
      cpv: "50232100-1",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-11-22",
      environmental: "Extinction nocturne pilotée ; recyclage des lampes.",
      months: 48,
    },
    {
      ref: "APS-27-13",
      title: "Vérifications périodiques des bâtiments",
      need: "Contrôler chaque année les installations électriques, gaz, ascenseurs, extincteurs et aires de jeux des bâtiments communautaires.",
      category: "services",
      cpv: "71631000-0",
      band: "40k_100k",
      procedure: "mapa",
      date: "2027-12-06",
      months: 48,
    },
  ],
  "saint-aubin-de-garonne": [
    {
      ref: "SAG-2027-01",
      title: "Rénovation énergétique de l'école élémentaire Les Platanes",
      need: "Isoler les combles et les murs, remplacer les fenêtres et installer une pompe à chaleur dans l'école (8 classes), pendant les vacances d'été.",
      category: "travaux",
      cpv: "45453000-7",
      band: "215k_1m",
      procedure: "mapa",
      date: "2027-04-05",
      justification:
        "Les travaux doivent se faire pendant l'été 2027, quand l'école est fermée : la consultation doit partir début avril pour signer fin mai. Les entreprises ont 25 jours ouvrés pour répondre.",
      extraDays: 10,
      environmental: "Isolants biosourcés, pompe à chaleur à fluide à faible impact climatique.",
      months: 4,
      startAfterMonths: 2,
      lots: [["Isolation et plâtrerie"], ["Menuiseries extérieures"], ["Chauffage et ventilation"], ["Électricité"]],
    },
    {
      ref: "SAG-2027-02",
      title: "Repas bio et locaux pour la cantine et le centre de loisirs",
      need: "Fournir et livrer environ 350 repas par jour pour l'école et le centre de loisirs, avec un repas végétarien par semaine.",
      category: "services",
      cpv: "55524000-9",
      band: "215k_1m",
      procedure: "mapa",
      date: "2027-01-25",
      environmental: "30 % de bio, produits de saison, producteurs du Sud-Ouest.",
      months: 36,
      status: "sourcing",
    },
    {
      ref: "SAG-2027-03",
      title: "Entretien des espaces verts communaux",
      need: "Tondre, tailler les haies et entretenir les massifs du centre-bourg, du cimetière et du stade.",
      category: "services",
      cpv: "77310000-6",
      band: "40k_100k",
      procedure: "mapa",
      reserved: "siae",
      date: "2027-02-15",
      months: 36,
    },
    {
      ref: "SAG-2027-04",
      title: "Fournitures scolaires et de bureau",
      need: "Fournir cahiers, crayons, papier et petites fournitures à l'école et à la mairie, livrés deux fois par an.",
      category: "fournitures",
      cpv: "30192000-1",
      band: "lt_40k",
      procedure: "mapa",
      date: "2027-05-03",
      environmental: "Produits écolabellisés et papier recyclé.",
      months: 24,
    },
    {
      ref: "SAG-2027-05",
      title: "Aménagement de la place du marché",
      need: "Rendre la place du marché plus agréable et accessible : revêtement, arbres, bancs, bornes électriques pour les commerçants.",
      category: "travaux",
      cpv: "45233260-9",
      band: "215k_1m",
      procedure: "mapa",
      date: "2027-06-07",
      environmental: "Désimperméabilisation d'un tiers de la place, arbres d'essences locales.",
      months: 6,
      lots: [["Voirie et revêtements"], ["Espaces verts et mobilier"], ["Réseaux électriques"]],
    },
    {
      ref: "SAG-2027-06",
      title: "Nettoyage des bâtiments municipaux",
      need: "Nettoyer la mairie, l'école, la salle des fêtes et les vestiaires du stade (environ 3 500 m²).",
      category: "services",
      cpv: "90919200-4",
      band: "40k_100k",
      procedure: "mapa",
      date: "2027-09-06",
      social: "Heures de travail regroupées pour offrir des contrats d'au moins 24 heures par semaine.",
      months: 36,
    },
    {
      ref: "SAG-2027-07",
      title: "Maintenance de l'éclairage public",
      need: "Dépanner et entretenir les 650 points lumineux de la commune, avec intervention sous 48 heures.",
      category: "services",
      cpv: "50232100-1",
      band: "lt_40k",
      procedure: "mapa",
      date: "2027-09-20",
      months: 36,
    },
    {
      ref: "SAG-2027-08",
      title: "Séjours de vacances pour les enfants de la commune",
      need: "Organiser deux séjours d'une semaine (neige en février, mer en juillet) pour 40 enfants de 8 à 14 ans, transport et encadrement compris.",
      category: "services",
      cpv: "55243000-5",
      band: "40k_100k",
      procedure: "mapa",
      reserved: "ess",
      date: "2027-10-04",
      months: 12,
    },
    {
      ref: "SAG-2027-09",
      title: "Repas livrés à domicile pour les aînés",
      need: "Livrer chaque jour un repas équilibré à environ 60 personnes âgées, avec un contact humain à chaque livraison.",
      category: "services",
      cpv: "55521100-9",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-10-18",
      social: "Vigilance des livreurs (signalement des situations d'isolement au centre communal d'action sociale).",
      months: 36,
    },
    {
      ref: "SAG-2027-10",
      title: "Véhicule utilitaire électrique pour les services techniques",
      need: "Acheter un petit utilitaire électrique avec benne basculante pour l'entretien de la voirie et des espaces verts.",
      category: "fournitures",
      cpv: "34144900-7",
      band: "lt_40k",
      procedure: "mapa",
      date: "2027-11-15",
      months: 1,
    },
    {
      ref: "SAG-2027-11",
      title: "Maîtrise d'œuvre pour la restructuration de la salle des fêtes",
      need: "Concevoir et suivre la rénovation de la salle des fêtes : accessibilité, acoustique, cuisine et isolation.",
      category: "services",
      cpv: "71200000-0",
      band: "40k_100k",
      procedure: "mapa",
      date: "2027-12-06",
      months: 24,
    },
    {
      ref: "SAG-2027-12",
      title: "Réfection de la toiture de l'église",
      need: "Reprendre la charpente et refaire la couverture en tuiles de l'église Saint-Aubin, inscrite aux monuments historiques.",
      category: "travaux",
      cpv: "45261000-4",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-03-08",
      months: 5,
      lots: [["Charpente"], ["Couverture et zinguerie"]],
    },
    {
      ref: "SAG-2027-13",
      title: "Panneaux solaires sur le toit du gymnase",
      need: "Installer une centrale photovoltaïque d'environ 100 kWc sur le gymnase pour alimenter l'école et la mairie.",
      category: "travaux",
      cpv: "45261215-4",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-10-11",
      environmental: "Panneaux à faible empreinte carbone, recyclage garanti en fin de vie.",
      months: 3,
    },
  ],
  "departement-haut-doubs": [
    {
      ref: "D25-27-001",
      title: "Réfection des chaussées des routes départementales",
      need: "Refaire les couches de roulement d'environ 60 km de routes départementales abîmées par le gel, secteur par secteur.",
      category: "travaux",
      cpv: "45233142-6",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-01-11",
      social: INSERTION_CLAUSE,
      environmental: "Enrobés tièdes et 30 % d'agrégats recyclés.",
      months: 12,
      startAfterMonths: 2,
      lots: [["Secteur de Pontarlier"], ["Secteur de Morteau"], ["Secteur de Maîche"]],
    },
    {
      ref: "D25-27-002",
      title: "Sel de déneigement",
      need: "Fournir et livrer environ 9 000 tonnes de sel de déneigement par hiver dans les centres d'exploitation routière.",
      category: "fournitures",
      cpv: "34927100-2",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-03-01",
      months: 36,
      startAfterMonths: 5,
    },
    {
      ref: "D25-27-003",
      title: "Rénovation énergétique du collège Lucie-Aubrac",
      need: "Isoler le collège (650 élèves), remplacer les menuiseries et le chauffage au gaz par une chaufferie bois, en site occupé.",
      category: "travaux",
      cpv: "45453000-7",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-04-12",
      justification:
        "Publication pendant les vacances de printemps pour que les travaux les plus bruyants soient faits pendant l'été 2027 ; la date limite de réponse est fixée trois semaines après la rentrée.",
      extraDays: 15,
      social: INSERTION_CLAUSE,
      environmental: "Chaufferie au bois local (label Bois des Alpes ou équivalent) ; isolants biosourcés.",
      months: 20,
      lots: [["Désamiantage"], ["Isolation et bardage bois"], ["Menuiseries"], ["Chaufferie bois"], ["Ventilation"]],
    },
    {
      ref: "D25-27-004",
      title: "Denrées bio et locales pour les cantines des collèges",
      need: "Fournir viande, fromages, fruits et légumes aux 22 collèges publics du département, en privilégiant les producteurs comtois.",
      category: "fournitures",
      cpv: "15000000-8",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-05-24",
      environmental: "Produits sous signe de qualité (AOP comté, bio) ; livraisons groupées.",
      months: 48,
      lots: [["Viande bovine et porcine"], ["Fromages AOP"], ["Fruits et légumes"], ["Produits laitiers bio"]],
    },
    {
      ref: "D25-27-005",
      title: "Transport adapté des élèves en situation de handicap",
      need: "Transporter chaque jour d'école environ 300 élèves en situation de handicap entre leur domicile et leur établissement, avec des véhicules adaptés.",
      category: "services",
      cpv: "60130000-8",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-02-01",
      social:
        "Conducteurs formés à l'accompagnement des enfants handicapés ; même conducteur toute l'année pour chaque circuit.",
      months: 48,
      startAfterMonths: 6,
    },
    {
      ref: "D25-27-006",
      title: "Insertion professionnelle des bénéficiaires du RSA",
      need: "Proposer des parcours d'insertion (mise en situation de travail, formation, accompagnement) à 250 bénéficiaires du RSA par an.",
      category: "services",
      cpv: "85312320-8",
      band: "215k_1m",
      procedure: "mapa",
      reserved: "siae",
      date: "2027-06-07",
      social: "Objectif de 40 % de sorties vers l'emploi ou la formation.",
      months: 36,
    },
    {
      ref: "D25-27-007",
      title: "Maintenance des ascenseurs des bâtiments départementaux",
      need: "Entretenir et dépanner 48 ascenseurs et monte-charges (collèges, centres médico-sociaux, hôtel du Département).",
      category: "services",
      cpv: "50750000-7",
      band: "100k_215k",
      procedure: "ao_ouvert",
      date: "2027-09-06",
      months: 60,
    },
    {
      ref: "D25-27-008",
      title: "Ordinateurs reconditionnés pour les collèges",
      need: "Fournir 1 500 ordinateurs portables reconditionnés pour les élèves de sixième, avec garantie et reprise des anciens.",
      category: "fournitures",
      cpv: "30213000-5",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-09-13",
      environmental: "Matériel reconditionné garanti 3 ans ; effacement certifié des données des appareils repris.",
      months: 24,
    },
    {
      ref: "D25-27-009",
      title: "Fauchage des accotements des routes départementales",
      need: "Faucher les accotements et débroussailler les talus de 800 km de routes départementales, deux passages par an.",
      category: "services",
      cpv: "77312000-0",
      band: "215k_1m",
      procedure: "mapa",
      reserved: "disability",
      date: "2027-10-11",
      environmental: "Fauchage tardif pour préserver la biodiversité.",
      months: 48,
    },
    {
      ref: "D25-27-010",
      title: "Nettoyage des centres médico-sociaux",
      need: "Nettoyer les 12 centres médico-sociaux du département (salles d'attente, bureaux, sanitaires).",
      category: "services",
      cpv: "90919200-4",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-11-08",
      social: INSERTION_CLAUSE,
      months: 48,
    },
    {
      ref: "D25-27-011",
      title: "Étude d'une passerelle piétonne sur le Doubs",
      need: "Étudier la faisabilité, le coût et l'impact sur la rivière d'une passerelle pour piétons et vélos.",
      category: "services",
      cpv: "71311000-1",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-11-22",
      months: 10,
    },
    {
      ref: "D25-27-012",
      title: "Vêtements de travail et équipements de protection des agents des routes",
      need: "Fournir vestes haute visibilité, chaussures de sécurité et tenues d'hiver à 350 agents des routes.",
      category: "fournitures",
      cpv: "18110000-3",
      band: "100k_215k",
      procedure: "mapa",
      reserved: "disability",
      date: "2027-12-06",
      months: 36,
    },
    {
      ref: "D25-27-013",
      title: "Rénovation de ponts départementaux",
      need: "Réparer les bétons, les garde-corps et l'étanchéité de sept ponts routiers, avec circulation maintenue par alternat.",
      category: "travaux",
      cpv: "45221119-9",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-03-08",
      social: INSERTION_CLAUSE,
      months: 16,
      lots: [["Ponts du secteur de Pontarlier"], ["Ponts du secteur de Morteau et Maîche"]],
    },
    {
      ref: "D25-27-014",
      title: "Véhicules légers électriques pour les services",
      need: "Acheter 25 véhicules électriques pour les déplacements des agents (travailleurs sociaux, techniciens), avec bornes de recharge.",
      category: "fournitures",
      cpv: "34144900-7",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-06-21",
      environmental: "Autonomie adaptée au relief et au froid ; batteries garanties 8 ans.",
      months: 48,
    },
  ],
  "ch-intercommunal-ourcq": [
    {
      ref: "CHIO-27-01",
      title: "Location et entretien du linge hospitalier",
      need: "Louer, laver et livrer le linge des services (draps, blouses, tenues du personnel), environ 600 tonnes par an.",
      category: "services",
      cpv: "98310000-9",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-02-08",
      justification:
        "Le contrat actuel de blanchisserie se termine le 30 septembre : une publication pendant les vacances d'hiver laisse le temps d'une visite des services et d'une mise en place progressive.",
      extraDays: 10,
      social: INSERTION_CLAUSE,
      environmental: "Lessives écolabellisées, réduction de la consommation d'eau par kilo de linge.",
      months: 60,
    },
    {
      ref: "CHIO-27-02",
      title: "Gants, compresses et consommables médicaux stériles",
      need: "Fournir gants d'examen, compresses, champs opératoires et autres consommables stériles pour tous les services.",
      category: "fournitures",
      cpv: "33141000-0",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-03-01",
      months: 48,
      lots: [["Gants"], ["Compresses et pansements"], ["Champs et textiles opératoires"]],
    },
    {
      ref: "CHIO-27-03",
      title: "Maintenance des appareils d'imagerie médicale",
      need: "Entretenir et réparer le scanner, l'IRM et les appareils de radiologie, avec un délai d'intervention de 4 heures.",
      category: "services",
      cpv: "50421000-2",
      band: "1m_5m",
      procedure: "negociee",
      date: "2027-03-15",
      months: 60,
    },
    {
      ref: "CHIO-27-04",
      title: "Repas des patients et du personnel",
      need: "Préparer environ 1 200 repas par jour pour les patients (régimes, textures) et le self du personnel.",
      category: "services",
      cpv: "55320000-9",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-05-18",
      environmental: "50 % de produits durables dont 20 % de bio ; suppression des barquettes plastique.",
      social: "Reprise du personnel de cuisine en place.",
      months: 60,
    },
    {
      ref: "CHIO-27-05",
      title: "Nettoyage des bureaux, halls et circulations",
      need: "Nettoyer les locaux administratifs, halls d'accueil et couloirs (hors chambres et blocs), 7 jours sur 7.",
      category: "services",
      cpv: "90919200-4",
      band: "215k_1m",
      procedure: "mapa",
      reserved: "siae",
      date: "2027-06-01",
      months: 36,
    },
    {
      ref: "CHIO-27-06",
      title: "Collecte et traitement des déchets de soins à risques infectieux",
      need: "Fournir les contenants, collecter et incinérer les déchets de soins (environ 180 tonnes par an).",
      category: "services",
      cpv: "90524000-6",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-01-25",
      months: 48,
    },
    {
      ref: "CHIO-27-07",
      title: "Nouveau dossier patient informatisé",
      need: "Remplacer le logiciel du dossier patient par une solution partagée par tous les services, avec reprise des données et formation des équipes.",
      category: "fournitures",
      cpv: "48180000-3",
      band: "1m_5m",
      procedure: "dialogue",
      date: "2027-09-06",
      months: 84,
      status: "sourcing",
    },
    {
      ref: "CHIO-27-08",
      title: "Mise en sécurité incendie du bâtiment B",
      need: "Installer détection incendie, portes coupe-feu et désenfumage dans le bâtiment B (4 étages), en gardant les services ouverts.",
      category: "travaux",
      cpv: "45343000-3",
      band: "215k_1m",
      procedure: "mapa",
      date: "2027-09-20",
      months: 8,
      lots: [["Détection et alarme incendie"], ["Portes et cloisons coupe-feu"], ["Désenfumage"]],
    },
    {
      ref: "CHIO-27-09",
      title: "Gardiennage et sécurité du site",
      need: "Assurer l'accueil de nuit, les rondes et la sécurité incendie du site hospitalier, 24 heures sur 24.",
      category: "services",
      cpv: "79710000-4",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-10-04",
      social: "Agents formés à l'accueil des personnes vulnérables ; stabilité des équipes.",
      months: 48,
    },
    {
      ref: "CHIO-27-10",
      title: "Entretien des espaces verts de l'hôpital",
      need: "Entretenir le parc et les jardins thérapeutiques de l'hôpital (2 hectares).",
      category: "services",
      cpv: "77314000-4",
      band: "lt_40k",
      procedure: "mapa",
      reserved: "disability",
      date: "2027-11-08",
      months: 36,
    },
    {
      ref: "CHIO-27-11",
      title: "Interprétariat médical et social",
      need: "Mettre des interprètes à disposition (sur place ou par téléphone) pour les patients qui ne parlent pas français, dans 30 langues.",
      category: "services",
      cpv: "79540000-1",
      band: "40k_100k",
      procedure: "mapa",
      reserved: "ess",
      date: "2027-11-22",
      months: 36,
    },
    {
      ref: "CHIO-27-12",
      title: "Transport sanitaire des patients",
      need: "Transporter en ambulance ou en véhicule sanitaire léger les patients entre les sites et vers les autres hôpitaux.",
      category: "services",
      cpv: "85143000-3",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-12-06",
      months: 48,
    },
    {
      ref: "CHIO-27-13",
      title: "Formation des équipes aux gestes d'urgence",
      need: "Former chaque année environ 400 soignants et agents aux gestes et soins d'urgence (attestation AFGSU).",
      category: "services",
      cpv: "80500000-9",
      band: "40k_100k",
      procedure: "mapa",
      date: "2027-03-22",
      months: 36,
    },
  ],
  "rhin-ill-habitat": [
    {
      ref: "RIH-2027-01",
      title: "Réhabilitation thermique de 120 logements au Neuhof",
      need: "Isoler les façades et les toitures, remplacer fenêtres et ventilation de quatre immeubles (120 logements) habités pendant les travaux.",
      category: "travaux",
      cpv: "45453000-7",
      band: "gt_5m",
      procedure: "ao_ouvert",
      date: "2027-01-18",
      social: INSERTION_CLAUSE + " Une personne chargée du lien avec les locataires pendant tout le chantier.",
      environmental: "Objectif étiquette énergie B ; isolants biosourcés ; réemploi des matériaux déposés.",
      months: 24,
      startAfterMonths: 4,
      lots: [
        ["Désamiantage"],
        ["Isolation thermique par l'extérieur"],
        ["Menuiseries extérieures"],
        ["Ventilation"],
        ["Couverture et étanchéité"],
        ["Peinture des parties communes"],
      ],
      status: "sourcing",
    },
    {
      ref: "RIH-2027-02",
      title: "Remplacement des chaudières individuelles par des pompes à chaleur",
      need: "Remplacer 260 chaudières gaz individuelles par des pompes à chaleur, logement par logement, avec l'accord des locataires.",
      category: "travaux",
      cpv: "45331000-6",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-03-01",
      environmental: "Pompes à chaleur à fluide à faible impact climatique ; reprise et recyclage des chaudières.",
      months: 18,
    },
    {
      ref: "RIH-2027-03",
      title: "Entretien ménager des parties communes",
      need: "Nettoyer halls, escaliers et abords de 85 immeubles, et sortir les poubelles.",
      category: "services",
      cpv: "90911200-8",
      band: "215k_1m",
      procedure: "mapa",
      reserved: "siae",
      date: "2027-04-05",
      months: 36,
    },
    {
      ref: "RIH-2027-04",
      title: "Entretien des espaces verts des résidences",
      need: "Entretenir pelouses, haies et aires de jeux de 40 résidences ; associer les locataires aux jardins partagés.",
      category: "services",
      cpv: "77314000-4",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-05-03",
      social: "Animation de deux chantiers participatifs par an avec les habitants.",
      environmental: "Zéro pesticide, fauchage tardif, compostage sur place.",
      months: 36,
    },
    {
      ref: "RIH-2027-05",
      title: "Maintenance des ascenseurs",
      need: "Entretenir et dépanner 95 ascenseurs, avec dépannage sous 4 heures et désincarcération sous 1 heure.",
      category: "services",
      cpv: "50750000-7",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-06-14",
      months: 60,
    },
    {
      ref: "RIH-2027-06",
      title: "Diagnostics amiante et performance énergétique",
      need: "Réaliser les diagnostics amiante avant travaux et les diagnostics de performance énergétique des logements remis en location.",
      category: "services",
      cpv: "71315300-2",
      band: "100k_215k",
      procedure: "mapa",
      date: "2027-09-06",
      months: 36,
    },
    {
      ref: "RIH-2027-07",
      title: "Enlèvement des encombrants et réemploi",
      need: "Enlever les encombrants déposés dans les résidences et trier ce qui peut être réparé ou donné.",
      category: "services",
      cpv: "90511000-2",
      band: "40k_100k",
      procedure: "mapa",
      reserved: "siae",
      date: "2027-09-20",
      environmental: "Au moins 30 % des objets collectés réemployés ou recyclés.",
      months: 24,
    },
    {
      ref: "RIH-2027-08",
      title: "Peinture des cages d'escalier",
      need: "Repeindre les cages d'escalier et halls de 30 immeubles, en couleurs choisies avec les locataires.",
      category: "travaux",
      cpv: "45442100-8",
      band: "215k_1m",
      procedure: "mapa",
      date: "2027-10-25",
      justification:
        "Lancement pendant les vacances de la Toussaint pour notifier avant Noël et commencer les chantiers en février, quand les locataires sont présents pour choisir les couleurs ; la date limite de réponse tombe après la rentrée.",
      extraDays: 5,
      social: INSERTION_CLAUSE,
      months: 12,
      lots: [["Strasbourg-Neuhof"], ["Illkirch et Schiltigheim"]],
    },
    {
      ref: "RIH-2027-09",
      title: "Fenêtres et portes d'entrée en bois des logements",
      need: "Fournir et poser environ 900 fenêtres et 120 portes palières dans des logements occupés.",
      category: "travaux",
      cpv: "45421000-4",
      band: "1m_5m",
      procedure: "ao_ouvert",
      date: "2027-11-15",
      environmental: "Bois certifié de gestion durable ; reprise et recyclage des anciennes menuiseries.",
      months: 24,
    },
    {
      ref: "RIH-2027-10",
      title: "Accompagnement social lié au logement",
      need: "Accompagner les locataires en difficulté de paiement ou en situation de fragilité, pour éviter les expulsions.",
      category: "services",
      cpv: "85312000-9",
      band: "100k_215k",
      procedure: "mapa",
      reserved: "ess",
      date: "2027-11-29",
      social: "Permanences dans les quartiers et visites à domicile.",
      months: 36,
    },
    {
      ref: "RIH-2027-11",
      title: "Désinsectisation et dératisation",
      need: "Traiter les punaises de lit, cafards et rongeurs dans les logements et parties communes, à la demande et en prévention.",
      category: "services",
      cpv: "90921000-9",
      band: "40k_100k",
      procedure: "mapa",
      date: "2027-06-01",
      environmental: "Traitements par le froid ou la chaleur privilégiés aux produits chimiques.",
      months: 36,
    },
    {
      ref: "RIH-2027-12",
      title: "Logiciel de gestion locative",
      need: "Remplacer le logiciel de gestion des loyers, des demandes et des interventions, avec un espace en ligne pour les locataires.",
      category: "fournitures",
      cpv: "48000000-8",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-12-06",
      months: 72,
    },
    {
      ref: "RIH-2027-13",
      title: "Entretien des chaufferies collectives",
      need: "Conduire et entretenir les 34 chaufferies collectives du patrimoine, avec astreinte et remplacement des pièces usées.",
      category: "services",
      cpv: "50720000-8",
      band: "215k_1m",
      procedure: "ao_ouvert",
      date: "2027-02-01",
      environmental:
        "Intéressement aux économies d'énergie ; suivi mensuel des consommations partagé avec les locataires.",
      months: 60,
    },
  ],
};

/** The second S1 edition of the Métropole: what changes after the first one. */
const METROPOLE_S1_CHANGES = {
  /** Moved two weeks later (a procurement that needs more preparation). */
  moved: { ref: "MRC-2027-006", date: "2027-06-01" },
  /** Modified: a larger value band after the sourcing. */
  modified: { ref: "MRC-2027-005", band: "215k_1m" as ValueBand },
  /** Withdrawn: the study is merged into another one. */
  withdrawn: {
    ref: "MRC-2027-008",
    reason:
      "Besoin regroupé avec la collecte des biodéchets de la restauration collective, qui fera l'objet d'un seul marché en 2028.",
  },
  added: {
    ref: "MRC-2027-014",
    title: "Bornes de recharge pour les véhicules de service",
    need: "Installer et exploiter 40 points de recharge pour les véhicules électriques de la Métropole, sur 8 sites.",
    category: "travaux",
    cpv: "45315000-8",
    band: "215k_1m",
    procedure: "mapa",
    date: "2027-05-03",
    environmental: "Électricité d'origine renouvelable ; pilotage de la recharge aux heures creuses.",
    months: 6,
  } satisfies DemoItem,
};

function contractStartAfter(deadline: string, months: number): string {
  const year = Number(deadline.slice(0, 4));
  const month = Number(deadline.slice(5, 7)) - 1 + months;
  return `${year + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`;
}

interface PreparedItem {
  data: {
    reference: string;
    title: string;
    need: string;
    category: string;
    cpvCode: string;
    valueBand: string;
    procedure: string;
    reserved: string;
    socialConsideration: string | null;
    environmentalConsideration: string | null;
    expectedPublicationDate: string;
    publicationJustification: string | null;
    responseDeadline: string;
    deadlineJustification: string | null;
    contractStart: string;
    contractDurationMonths: number | null;
    contactName: string;
    contactEmail: string;
    status: string;
    buyerProfileUrl: string | null;
  };
  lots: { number: number; title: string; description: string | null }[];
}

/** Dates of an item on the buyer's calendar (see the header). */
function prepare(
  item: DemoItem,
  ctx: CalendarContext,
  minimumOpenDays: number,
  contact: { name: string; email: string },
  slug: string,
): PreparedItem {
  let publication = item.date;
  let publicationJustification: string | null = null;
  const evaluation = evaluateDate(ctx, publication, "publication");
  if (item.justification && evaluation.status === "needs_justification") publicationJustification = item.justification;
  else if (evaluation.status !== "ok") publication = evaluation.nextAllowedDate;

  let deadline = nextAllowedDate(
    ctx,
    earliestDeadline(ctx, publication, minimumOpenDays + (item.extraDays ?? 5)),
    "response_deadline",
  );
  let deadlineJustification: string | null = null;
  if (
    item.deadline &&
    item.deadline.date >= earliestDeadline(ctx, publication, minimumOpenDays) &&
    evaluateDate(ctx, item.deadline.date, "response_deadline").status === "needs_justification"
  ) {
    deadline = item.deadline.date;
    deadlineJustification = item.deadline.justification;
  }
  const status = item.status ?? "planned";
  return {
    data: {
      reference: item.ref,
      title: item.title,
      need: item.need,
      category: item.category,
      cpvCode: item.cpv,
      valueBand: item.band,
      procedure: item.procedure,
      reserved: item.reserved ?? "none",
      socialConsideration: item.social ?? null,
      environmentalConsideration: item.environmental ?? null,
      expectedPublicationDate: publication,
      publicationJustification,
      responseDeadline: deadline,
      deadlineJustification,
      contractStart: contractStartAfter(deadline, item.startAfterMonths ?? 3),
      contractDurationMonths: item.months ?? null,
      contactName: contact.name,
      contactEmail: contact.email,
      status,
      buyerProfileUrl:
        status === "published" ? `https://profil-acheteur.example/${slug}/${item.ref.toLowerCase()}` : null,
    },
    lots: (item.lots ?? []).map(([title, description], index) => ({
      number: index + 1,
      title,
      description: description ?? null,
    })),
  };
}

export interface DemoPlanSummary {
  plannedProcurements: number;
  editions: number;
  reserved: number;
  justified: number;
}

/**
 * Inserts the demo plan and publishes its editions. Expects the demo buyers and their
 * administrators (seedDemoData) and the calendar reference data (migrations).
 */
export async function seedDemoPlan(): Promise<DemoPlanSummary> {
  const rules = await loadProcedureRules();
  const minimumOf = (procedure: string) =>
    rules.find((rule) => rule.procedure === procedure)?.minimumOpenDays ??
    PROCEDURES[procedure as Procedure]?.minimumOpenDays ??
    PROCEDURES.mapa.minimumOpenDays;

  const buyers = await db.organization.findMany({
    where: { slug: { in: BUYERS.map((buyer) => buyer.slug) } },
    select: {
      id: true,
      slug: true,
      departement: true,
      memberships: { where: { role: "admin" }, select: { user: { select: { id: true, name: true } } }, take: 1 },
    },
  });
  const summary: DemoPlanSummary = { plannedProcurements: 0, editions: 0, reserved: 0, justified: 0 };
  const prepared: { buyer: (typeof buyers)[number]; actor: { id: string; name: string }; items: PreparedItem[] }[] = [];
  for (const seed of BUYERS) {
    const buyer = buyers.find((candidate) => candidate.slug === seed.slug);
    const actor = buyer?.memberships[0]?.user;
    if (!buyer || !actor)
      throw new Error(`Demo buyer ${seed.slug} or its administrator is missing: run seedDemoData() first`);
    const ctx = await loadCalendarContext(buyer.departement, buyer.id);
    const contact = { name: seed.contactName, email: `marches@${seed.slug}.test` };
    const items = DEMO_PLAN[seed.slug].map((item) => prepare(item, ctx, minimumOf(item.procedure), contact, seed.slug));
    prepared.push({ buyer, actor, items });
  }

  const ids = await write(async (tx) => {
    const byRef = new Map<string, string>();
    for (const { buyer, actor, items } of prepared) {
      for (const { data, lots } of items) {
        const created = await tx.plannedProcurement.create({
          data: { ...data, organizationId: buyer.id, createdById: actor.id, lots: { create: lots } },
          select: { id: true },
        });
        byRef.set(data.reference, created.id);
      }
    }
    return byRef;
  });
  for (const { items } of prepared) {
    summary.plannedProcurements += items.length;
    summary.reserved += items.filter((item) => item.data.reserved !== "none").length;
    summary.justified += items.filter(
      (item) => item.data.publicationJustification || item.data.deadlineJustification,
    ).length;
  }

  const semesters = [
    { year: 2027, half: 1 as const },
    { year: 2027, half: 2 as const },
  ];
  for (const { buyer, actor } of prepared) {
    for (const semester of semesters) {
      const result = await publishEdition(actor, buyer.id, semester);
      if (!result.ok)
        throw new Error(
          `Publishing the demo plan of ${buyer.slug} (${semester.year}-S${semester.half}) failed: ${result.message}`,
        );
      summary.editions++;
    }
  }

  // The Métropole publishes a second S1 edition: one item moved, one modified, one withdrawn, one added.
  const metropole = prepared.find((entry) => entry.buyer.slug === "metropole-rhone-confluence")!;
  const ctx = await loadCalendarContext(metropole.buyer.departement, metropole.buyer.id);
  const changes = METROPOLE_S1_CHANGES;
  const added = prepare(
    changes.added,
    ctx,
    minimumOf(changes.added.procedure),
    { name: "Thomas Bernard", email: "marches@metropole-rhone-confluence.test" },
    metropole.buyer.slug,
  );
  const movedItem = metropole.items.find((item) => item.data.reference === changes.moved.ref)!;
  const moved = prepare(
    {
      ...DEMO_PLAN["metropole-rhone-confluence"].find((item) => item.ref === changes.moved.ref)!,
      date: changes.moved.date,
    },
    ctx,
    minimumOf(movedItem.data.procedure),
    { name: movedItem.data.contactName, email: movedItem.data.contactEmail },
    metropole.buyer.slug,
  );
  if (semesterOf(moved.data.expectedPublicationDate).half !== 1) throw new Error("The moved demo item left S1");
  await write(async (tx) => {
    await tx.plannedProcurement.update({
      where: { id: ids.get(changes.moved.ref)! },
      data: {
        expectedPublicationDate: moved.data.expectedPublicationDate,
        publicationJustification: moved.data.publicationJustification,
        responseDeadline: moved.data.responseDeadline,
        deadlineJustification: moved.data.deadlineJustification,
        contractStart: moved.data.contractStart,
      },
    });
    await tx.plannedProcurement.update({
      where: { id: ids.get(changes.modified.ref)! },
      data: { valueBand: changes.modified.band },
    });
    await tx.plannedProcurement.update({
      where: { id: ids.get(changes.withdrawn.ref)! },
      data: { status: "abandoned", withdrawnAt: new Date(), withdrawalReason: changes.withdrawn.reason },
    });
    await tx.plannedProcurement.create({
      data: {
        ...added.data,
        organizationId: metropole.buyer.id,
        createdById: metropole.actor.id,
        lots: { create: added.lots },
      },
    });
  });
  summary.plannedProcurements++;
  const second = await publishEdition(metropole.actor, metropole.buyer.id, semesters[0]!);
  if (!second.ok) throw new Error(`Publishing the second S1 edition of the Métropole failed: ${second.message}`);
  summary.editions++;
  return summary;
}
