import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph, urlStyle } from "./layout";

// Sent instead of a verification code when someone signs up with an address that already has an
// account: the sign-up page answers the same either way, so only the owner of the address learns it.
export interface AccountExistsProps {
  /** Display name of the existing account. */
  name: string;
  /** The login page. */
  loginUrl: string;
  /** The "forgotten password" page (no secret in it: the owner asks for a link there). */
  forgottenPasswordUrl: string;
}

export function subject(_props: AccountExistsProps): string {
  return "Vous avez déjà un compte Amont";
}

export const PreviewProps = {
  name: "Camille Martin",
  loginUrl: "https://amont.example.fr/connexion",
  forgottenPasswordUrl: "https://amont.example.fr/mot-de-passe-oublie",
} satisfies AccountExistsProps;

export default function AccountExists({ name, loginUrl, forgottenPasswordUrl }: AccountExistsProps) {
  return (
    <EmailLayout
      preview={`Quelqu’un a voulu créer un compte avec votre adresse${NBSP}: vous en avez déjà un.`}
      heading="Vous avez déjà un compte"
    >
      <Text style={paragraph}>{`Bonjour ${name},`}</Text>
      <Text style={paragraph}>
        {`Quelqu’un vient de demander la création d’un compte Amont avec votre adresse e-mail. Un compte existe déjà avec cette adresse${NBSP}: aucun second compte n’a été créé.`}
      </Text>
      <Text style={paragraph}>{`Si c’était vous, connectez-vous avec votre mot de passe habituel${NBSP}:`}</Text>
      <CallToAction href={loginUrl} label="Me connecter" />
      <Text style={paragraph}>
        {`Mot de passe oublié${NBSP}? Demandez un lien pour en choisir un nouveau${NBSP}: `}
        <Link href={forgottenPasswordUrl} style={urlStyle}>
          {forgottenPasswordUrl}
        </Link>
      </Text>
      <Text style={note}>
        {`Ce n’était pas vous${NBSP}? Ignorez ce message${NBSP}: votre compte et votre mot de passe ne changent pas.`}
      </Text>
    </EmailLayout>
  );
}

AccountExists.PreviewProps = PreviewProps;
