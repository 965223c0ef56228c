// The organisation page over real HTTP on the built server: members see the members, only the
// organisation's administrators see (and receive in the page's data) the pending invitations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "~/db/db.server";
import { inviteMember } from "~/organizations/organizations.server";
import { createBuyer } from "../plan/fixtures";
import { sessionCookie, visibleHtml } from "../support/http";
import { must } from "../support/must";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_LOGS) console.log(server?.logs());
  await server?.stop();
});

const INVITED = "nouvelle.collegue@exemple.fr";

describe("pending invitations", () => {
  it("are sent to the organisation's administrators only, never in a member's page or data", async () => {
    const admin = await createBuyer({ name: "Communauté de communes du Pilat", departement: "42" });
    const organizationId = admin.organization.id;
    must(await inviteMember(admin.user, organizationId, { email: INVITED, role: "member" }, { ip: "192.0.2.10" }));
    const member = await write((tx) =>
      tx.user.create({
        data: {
          name: "Agent membre du Pilat",
          email: "membre.pilat@exemple.fr",
          passwordHash: "x",
          emailVerifiedAt: new Date(),
          memberships: { create: { organizationId, role: "member" } },
        },
      }),
    );
    const page = (cookie: string, data = false) =>
      // `.data`: the loader's data as the browser fetches it when navigating (Remix single fetch).
      fetch(`${server.url}/organisations/${organizationId}${data ? ".data" : ""}`, {
        headers: { Cookie: cookie },
      });

    const memberCookie = await sessionCookie(member.id, organizationId);
    const memberPage = await page(memberCookie);
    expect(memberPage.status).toBe(200);
    const memberHtml = await memberPage.text();
    expect(visibleHtml(memberHtml)).toContain("Agent membre du Pilat");
    expect(memberHtml).not.toContain(INVITED);
    expect(visibleHtml(memberHtml)).not.toContain("Invitations en attente");
    const memberData = await page(memberCookie, true);
    expect(memberData.status).toBe(200);
    const memberJson = await memberData.text();
    expect(memberJson).toContain("Agent membre du Pilat");
    expect(memberJson).not.toContain(INVITED);

    const adminHtml = visibleHtml(await (await page(await sessionCookie(admin.user.id, organizationId))).text());
    expect(adminHtml).toContain("Invitations en attente");
    expect(adminHtml).toContain(INVITED);
  });
});
