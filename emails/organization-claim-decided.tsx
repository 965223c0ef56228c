import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, paragraph } from "./layout";

export interface OrganizationClaimDecidedProps {
  organizationName: string;
  decision: "accepted" | "refused";
  /** Why it was refused. */
  reason: string | null;
  /** The organisation's page once accepted, the account page otherwise. */
  nextUrl: string;
}

export function subject({ organizationName, decision }: OrganizationClaimDecidedProps): string {
  return decision === "accepted"
    ? `Vous avez rejoint ${organizationName} sur Amont`
    : `Votre demande pour rejoindre ${organizationName} sur Amont est refusée`;
}

export const PreviewProps = {
  organizationName: "Menuiserie Perrin & Fils",
  decision: "accepted",
  reason: null,
  nextUrl: "https://amont.example.fr/organisations/exemple",
} satisfies OrganizationClaimDecidedProps;

/** Sent to the person who asked to join an organisation already registered. */
export default function OrganizationClaimDecided({
  organizationName,
  decision,
  reason,
  nextUrl,
}: OrganizationClaimDecidedProps) {
  const accepted = decision === "accepted";
  return (
    <EmailLayout
      preview={accepted ? `Vous êtes membre de ${organizationName}.` : `Votre demande n’a pas été acceptée.`}
      heading={accepted ? `Bienvenue dans ${organizationName}` : "Votre demande n’est pas acceptée"}
    >
      <Text style={paragraph}>Bonjour,</Text>
      {accepted ? (
        <Text style={paragraph}>
          {`Votre demande est acceptée${NBSP}: vous êtes maintenant membre de ${organizationName} sur Amont et pouvez agir en son nom. Choisissez-la dans le menu «${NBSP}Agir au nom de${NBSP}» si vous faites partie de plusieurs organisations.`}
        </Text>
      ) : (
        <>
          <Text style={paragraph}>
            {`Votre demande pour rejoindre ${organizationName} n’a pas été acceptée. Le motif donné${NBSP}:`}
          </Text>
          <Text style={paragraph}>{reason ?? ""}</Text>
          <Text style={paragraph}>
            {`Si vous travaillez bien pour cette organisation, demandez à l’un de ses administrateurs de vous inviter depuis Amont.`}
          </Text>
        </>
      )}
      <CallToAction href={nextUrl} label={accepted ? "Voir l’organisation" : "Aller à mon compte"} />
    </EmailLayout>
  );
}

OrganizationClaimDecided.PreviewProps = PreviewProps;
