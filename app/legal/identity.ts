// Who publishes and hosts this instance, as the legal pages show it (built on the server by
// publisher.server.ts from the LEGAL_* settings, then passed to the pages as loader data).

export interface LegalIdentity {
  /** True while the publisher's name is not configured: the pages show a demonstration notice. */
  demonstration: boolean;
  publisher: { name: string; address: string | null; siren: string | null };
  publicationDirector: string | null;
  contactEmail: string | null;
  dpoEmail: string | null;
  host: { name: string; address: string };
  /** The Contact line of security.txt: a mailto: or https:// URI, or null when nothing is configured. */
  securityContact: string | null;
}
