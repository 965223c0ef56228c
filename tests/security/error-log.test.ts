// The error logger (Remix's handleError in entry.server.tsx) never writes a secret: neither the
// request's URL nor what the error says about it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";

const token = "k7q2xw4mzp3r5t6y7u8i9o0pa1s2d3f4";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("error log", () => {
  it("redacts tokens in the URL, the message, the stack and the causes", () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
    const error = new Error(`could not load /calendrier/${token}.ics`, {
      cause: new Error(`upstream said: GET /mot-de-passe/nouveau?token=${token}`),
    });
    handleError(error, {
      request: new Request(`http://localhost:3000/invitations/${token}?code=123456`),
      params: { token },
      context: { clientIp: "127.0.0.1" },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("[error] GET http://localhost:3000/invitations/[redacted]?code=[redacted]");
    expect(logged[0]).toContain("could not load /calendrier/[redacted].ics");
    expect(logged[0]).toContain("upstream said: GET /mot-de-passe/nouveau?token=[redacted]");
    expect(logged[0]).not.toContain(token);
    expect(logged[0]).not.toContain("123456");
  });
});
