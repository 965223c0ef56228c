import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import { EmailLayout, NBSP, note, paragraph, urlStyle } from "./layout";

// Identical for every supplier who booked or registered, attendee or not.
export interface EventMaterialsProps {
  eventTitle: string;
  organizerName: string;
  materials: Array<{ kindLabel: string; title: string; url: string }>;
  eventUrl: string;
}

export function subject({ eventTitle }: EventMaterialsProps): string {
  return `Supports disponibles${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  eventTitle: "Restauration collective : ce que nous achèterons en 2027",
  organizerName: "Communauté de communes du Val d’Amont",
  materials: [
    { kindLabel: "Présentation", title: "Diaporama de la réunion", url: "https://amont.example.fr/docs/diaporama.pdf" },
  ],
  eventUrl: "https://amont.example.fr/evenements/exemple",
} satisfies EventMaterialsProps;

export default function EventMaterials({ eventTitle, organizerName, materials, eventUrl }: EventMaterialsProps) {
  return (
    <EmailLayout
      preview={`${organizerName} publie les supports de ${eventTitle}.`}
      heading="Les supports de l’événement sont en ligne"
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`${organizerName} a publié les supports de «${NBSP}${eventTitle}${NBSP}». Ils sont publics${NBSP}: toutes les entreprises y ont accès, qu’elles aient assisté à l’événement ou non.`}
      </Text>
      {materials.map((material) => (
        <Text key={material.url} style={paragraph}>
          {`${material.kindLabel}${NBSP}: `}
          <Link href={material.url} style={urlStyle}>
            {material.title}
          </Link>
        </Text>
      ))}
      <Text style={note}>{`Page de l’événement${NBSP}: ${eventUrl}`}</Text>
    </EmailLayout>
  );
}

EventMaterials.PreviewProps = PreviewProps;
