// The verification link over real HTTP on the built server: opening it changes nothing (a mail
// scanner or a prefetch that follows it must not use it up); the button it shows verifies the address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "~/auth/accounts.server";
import { db } from "~/db/db.server";
import { visibleHtml } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

describe("the verification link", () => {
  it("shows a confirmation button on GET, and verifies the address only when it is pressed", async () => {
    const email = "lien.verification@exemple.fr";
    await signUp({ name: "Inès Garnier", email, password: "une phrase de passe solide" }, { ip: "192.0.2.10" });
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: email, template: "verify-email" } });
    const token = /\/verification\?token=([A-Za-z0-9_-]+)/.exec(message.text)?.[1];
    expect(token).toBeTruthy();
    const verified = async () => (await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt !== null;

    for (let time = 0; time < 2; time++) {
      const opened = await fetch(`${server.url}/verification?token=${token}`, { redirect: "manual" });
      expect(opened.status).toBe(200);
      const html = visibleHtml(await opened.text());
      expect(html).toContain("Confirmer mon adresse");
      expect(html).not.toContain("Ce lien de vérification n'est plus valable.");
    }
    expect(await verified()).toBe(false);

    const confirmed = await fetch(`${server.url}/verification`, {
      method: "POST",
      headers: { Origin: server.origin },
      body: new URLSearchParams({ intent: "link", token: token! }),
      redirect: "manual",
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe(`/connexion?${new URLSearchParams({ email })}`);
    expect(await verified()).toBe(true);

    const again = visibleHtml(await (await fetch(`${server.url}/verification?token=${token}`)).text());
    expect(again).not.toContain("Confirmer mon adresse");
    expect(again).toContain("Ce lien de vérification n'est plus valable.");
  });

  it("says at once when a link is unknown, without a button", async () => {
    const html = visibleHtml(await (await fetch(`${server.url}/verification?token=inconnu`)).text());
    expect(html).not.toContain("Confirmer mon adresse");
    expect(html).toContain("Ce lien de vérification n'est plus valable.");
  });
});
