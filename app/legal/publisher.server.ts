// Who publishes and hosts this instance of Amont, as the legal notices, the privacy notice, the
// contact page and security.txt state it. The deployer sets the LEGAL_* variables (README,
// "Configuration"); until they do, the defaults say plainly that this is a demonstration rather
// than inventing a publisher.
import { env, type Env } from "~/env.server";
import type { LegalIdentity } from "./identity";

const DEMONSTRATION_PUBLISHER = "Amont (démonstration)";

/** Amont's deployment guide targets Fly.io (fly.toml); another host sets LEGAL_HOST_NAME and LEGAL_HOST_ADDRESS. */
export const DEFAULT_HOST = {
  name: "Fly.io, Inc.",
  address: "321 N Clark St Suite 2550, Chicago, IL 60654, États-Unis",
} as const;

export function legalIdentityFrom(settings: Env): LegalIdentity {
  const contactEmail = settings.LEGAL_CONTACT_EMAIL ?? null;
  return {
    demonstration: !settings.LEGAL_PUBLISHER_NAME,
    publisher: {
      name: settings.LEGAL_PUBLISHER_NAME ?? DEMONSTRATION_PUBLISHER,
      address: settings.LEGAL_PUBLISHER_ADDRESS ?? null,
      siren: settings.LEGAL_PUBLISHER_SIREN ?? null,
    },
    publicationDirector: settings.LEGAL_PUBLICATION_DIRECTOR ?? null,
    contactEmail,
    dpoEmail: settings.LEGAL_DPO_EMAIL ?? null,
    host: {
      name: settings.LEGAL_HOST_NAME ?? DEFAULT_HOST.name,
      address: settings.LEGAL_HOST_ADDRESS ?? DEFAULT_HOST.address,
    },
    securityContact: settings.SECURITY_CONTACT ?? (contactEmail ? `mailto:${contactEmail}` : null),
  };
}

export function legalIdentity(): LegalIdentity {
  return legalIdentityFrom(env());
}

/** What every legal page's loader returns: who publishes, and the site's public origin. */
export function legalPageData(): { identity: LegalIdentity; origin: string } {
  return { identity: legalIdentity(), origin: env().appOrigin };
}
