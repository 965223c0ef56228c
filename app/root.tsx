import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getSession } from "~/auth/session.server";
import { SiteFooter, SiteHeader } from "~/ui/layout";
import { useNonce } from "~/ui/nonce";
import { pageHandleOf } from "~/ui/page-handle";
import { ToastMessage } from "~/ui/toast";
import { readToast } from "~/ui/toast.server";
import styles from "~/ui/styles.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [
  { title: "Amont — en amont de la commande publique" },
  {
    name: "description",
    content: "Programmations d'achats, sourcing équitable et rencontres acheteurs-entreprises, tracés de bout en bout.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getSession(request);
  const memberships = current?.memberships ?? [];
  const active = current?.active ?? null;
  const { toast, setCookie } = await readToast(request);
  return data(
    {
      user: current
        ? {
            name: current.user.name,
            email: current.user.email,
            isPlatformAdmin: current.user.isPlatformAdmin,
            verified: Boolean(current.user.emailVerifiedAt),
          }
        : null,
      organizations: memberships.map((membership) => ({
        id: membership.organization.id,
        name: membership.organization.name,
        kind: membership.organization.kind,
        role: membership.role,
      })),
      activeOrganizationId: active?.organizationId ?? null,
      toast,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

function Document({
  children,
  title,
  bare = false,
}: {
  children: React.ReactNode;
  title?: string;
  /** A page for an iframe: no skip link and no scripts (it works without them). */
  bare?: boolean;
}) {
  const nonce = useNonce();
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Files of public/ (other/build-icons.js draws the bitmaps from favicon.svg). */}
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
        <link rel="manifest" href="/site.webmanifest" />
        <meta name="theme-color" content="#1a4d8f" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body className={bare ? "bare" : undefined}>
        {bare ? null : (
          <a className="skip-link" href="#contenu">
            Aller au contenu
          </a>
        )}
        {children}
        {bare ? null : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  const { user, organizations, activeOrganizationId, toast } = useLoaderData<typeof loader>();
  const bare = useMatches().some((match) => pageHandleOf(match.handle).bare);
  if (bare)
    return (
      <Document bare>
        <Outlet />
      </Document>
    );
  return (
    <Document>
      <SiteHeader user={user} organizations={organizations} activeOrganizationId={activeOrganizationId} />
      <main id="contenu" tabIndex={-1}>
        {toast ? <ToastMessage toast={toast} /> : null}
        <Outlet />
      </main>
      <SiteFooter />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const heading =
    status === 404
      ? "Page introuvable"
      : status === 403
        ? "Accès refusé"
        : status === 503
          ? "Service momentanément indisponible"
          : "Une erreur est survenue";
  const explanation =
    status === 404
      ? "L'adresse demandée ne correspond à aucune page d'Amont. Elle a peut-être changé, ou comporte une faute de frappe."
      : status === 403
        ? isRouteErrorResponse(error) && typeof error.data === "string"
          ? error.data
          : "Vous n'avez pas accès à cette page avec l'organisation active."
        : status === 503
          ? "La base de données est occupée par une opération de maintenance. Rien n'a été enregistré à moitié : réessayez dans quelques secondes."
          : "Le problème a été enregistré et sera examiné. Réessayez dans un instant ; si l'erreur persiste, écrivez-nous.";
  return (
    <Document title={`${heading} — Amont`}>
      <SiteHeader
        user={rootData?.user ?? null}
        organizations={rootData?.organizations ?? []}
        activeOrganizationId={rootData?.activeOrganizationId ?? null}
      />
      <main id="contenu" tabIndex={-1}>
        <h1>{heading}</h1>
        <p>{explanation}</p>
        <p className="muted">Code d'erreur : {status}</p>
        <p>
          <a href="/">Revenir à l'accueil</a>
        </p>
      </main>
      <SiteFooter />
    </Document>
  );
}
