// One-time messages shown after a redirect ("Organisation créée"), carried by a flash cookie.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { z } from "zod";
import { env } from "~/env.server";

export const toastSchema = z.object({
  kind: z.enum(["success", "info", "error"]).default("success"),
  title: z.string(),
  description: z.string().optional(),
});
export type Toast = z.infer<typeof toastSchema>;
export type ToastInput = z.input<typeof toastSchema>;

type ToastStorage = ReturnType<typeof createCookieSessionStorage<Record<string, never>, { toast: Toast }>>;
let storage: ToastStorage | undefined;
function toastStorage() {
  storage ??= createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
    cookie: {
      name: "amont_toast",
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secrets: [env().SESSION_SECRET],
      secure: env().secureCookies,
    },
  });
  return storage;
}

export async function toastHeader(toast: ToastInput): Promise<string> {
  const session = await toastStorage().getSession();
  session.flash("toast", toastSchema.parse(toast));
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: ToastInput, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

export async function readToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const parsed = toastSchema.safeParse(session.get("toast"));
  if (!parsed.success) return { toast: null, setCookie: null };
  return { toast: parsed.data, setCookie: await toastStorage().commitSession(session) };
}
