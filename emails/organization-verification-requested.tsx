import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface OrganizationVerificationRequestedProps {
  organizationName: string;
  /** « acheteur public » or « réseau d’accompagnement ». */
  organizationKindLabel: string;
  /** « SIREN 213 800 004 », or null for a relay (no identifier asked). */
  identifier: string | null;
  /** « 80 — Somme ». */
  departement: string;
  requesterName: string;
  requesterEmail: string;
  /** For a new review after a refusal: what the organisation's admin wrote. */
  note: string | null;
  /** /admin/organisations on this platform. */
  reviewUrl: string;
}

export function subject({ organizationName }: OrganizationVerificationRequestedProps): string {
  return `Organisation à vérifier sur Amont${NBSP}: ${organizationName}`;
}

export const PreviewProps = {
  organizationName: "Commune de Villers-sur-Authie",
  organizationKindLabel: "acheteur public",
  identifier: "SIREN 218 007 990",
  departement: "80 — Somme",
  requesterName: "Hélène Dufour",
  requesterEmail: "h.dufour@villers-sur-authie.fr",
  note: null,
  reviewUrl: "https://amont.example.fr/admin/organisations",
} satisfies OrganizationVerificationRequestedProps;

/** Sent to every platform administrator when a buyer or a relay registers. */
export default function OrganizationVerificationRequested({
  organizationName,
  organizationKindLabel,
  identifier,
  departement,
  requesterName,
  requesterEmail,
  note: requesterNote,
  reviewUrl,
}: OrganizationVerificationRequestedProps) {
  return (
    <EmailLayout
      preview={`${organizationName} attend votre vérification${NBSP}: elle ne peut rien publier avant.`}
      heading="Une organisation attend votre vérification"
    >
      <Text style={paragraph}>Bonjour,</Text>
      {requesterNote === null ? (
        <Text style={paragraph}>
          {`${requesterName} (${requesterEmail}) vient d’inscrire ${organizationName} (${organizationKindLabel}, ${departement}${identifier ? `, ${identifier}` : ""}) sur Amont.`}
        </Text>
      ) : (
        <>
          <Text style={paragraph}>
            {`${organizationName} (${organizationKindLabel}, ${departement}${identifier ? `, ${identifier}` : ""}) avait été refusée. ${requesterName} (${requesterEmail}) demande un nouvel examen et écrit${NBSP}:`}
          </Text>
          <Text style={paragraph}>{`«${NBSP}${requesterNote}${NBSP}»`}</Text>
        </>
      )}
      <Text style={paragraph}>
        {`Tant que vous ne l’avez pas validée, cette organisation peut préparer des brouillons mais ne publie rien. Vérifiez que la personne agit bien pour cet organisme (son adresse, un appel au standard de l’organisme), puis validez ou refusez la demande en expliquant pourquoi.`}
      </Text>
      <CallToAction href={reviewUrl} label="Voir les demandes" />
      <Text style={note}>Ce message est envoyé à chaque administrateur de la plateforme.</Text>
    </EmailLayout>
  );
}

OrganizationVerificationRequested.PreviewProps = PreviewProps;
