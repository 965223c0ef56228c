import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

// Sent when a new password is asked for an address without an account: the page answers the same
// either way, so only the owner of the address learns that it has no account.
export interface PasswordResetNoAccountProps {
  /** The sign-up page. */
  signUpUrl: string;
}

export function subject(_props: PasswordResetNoAccountProps): string {
  return "Aucun compte Amont avec cette adresse";
}

export const PreviewProps = {
  signUpUrl: "https://amont.example.fr/inscription",
} satisfies PasswordResetNoAccountProps;

export default function PasswordResetNoAccount({ signUpUrl }: PasswordResetNoAccountProps) {
  return (
    <EmailLayout
      preview={`Un nouveau mot de passe a été demandé pour cette adresse, mais aucun compte ne l’utilise.`}
      heading="Aucun compte avec cette adresse"
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`Quelqu’un vient de demander un nouveau mot de passe Amont pour votre adresse e-mail. Aucun compte Amont n’utilise cette adresse${NBSP}: il n’y a donc pas de mot de passe à changer.`}
      </Text>
      <Text style={paragraph}>
        {`Si c’était vous, votre compte a peut-être été créé avec une autre adresse (celle de votre service, par exemple). Vous pouvez aussi créer un compte${NBSP}:`}
      </Text>
      <CallToAction href={signUpUrl} label="Créer un compte" />
      <Text style={note}>{`Ce n’était pas vous${NBSP}? Ignorez simplement ce message.`}</Text>
    </EmailLayout>
  );
}

PasswordResetNoAccount.PreviewProps = PreviewProps;
