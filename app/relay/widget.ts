// The widget's copy-paste snippet (pure): an iframe a relay's webmaster pastes into its site.
import { escapeHtml } from "~/ui/escape";

/** The iframe: the widget's address on Amont, a title for screen readers, full width, no border. */
export function widgetSnippet(origin: string, relay: { slug: string; name: string }): string {
  const src = `${origin}/relais/${encodeURIComponent(relay.slug)}/widget`;
  const title = `Achats publics prévus, relayés par ${relay.name} (Amont)`;
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="100%" height="640" loading="lazy" style="border: 0; max-width: 100%;"></iframe>`;
}
