// Canonical JSON (docs/ledger-verification.md, § 1): the keys of every object sorted by UTF-16 code
// units, at every depth, nothing dropped. Anyone rewriting the verifier from the document must get
// the same text as the application and the offline script, keys that JavaScript objects treat
// specially included (integer-like keys, "__proto__").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, type JsonValue } from "~/ledger/canonical";
import { canonicalJson as offlineCanonicalJson } from "../../scripts/verify-export.mjs";

/** The keys of every object of a JSON text, in the order the text writes them (a reader of its own). */
function keyOrders(text: string): string[][] {
  const orders: string[][] = [];
  let at = 0;
  const readString = () => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (): void => {
    const char = text[at];
    if (char === "{") {
      const keys: string[] = [];
      at++;
      while (text[at] !== "}") {
        if (text[at] === ",") at++;
        keys.push(readString());
        at++; // ":"
        readValue();
      }
      at++;
      orders.push(keys);
    } else if (char === "[") {
      at++;
      while (text[at] !== "]") {
        if (text[at] === ",") at++;
        readValue();
      }
      at++;
    } else if (char === '"') readString();
    else while (at < text.length && !",]}".includes(text[at]!)) at++;
  };
  readValue();
  return orders;
}

describe("canonicalJson", () => {
  it("sorts integer-like keys as texts, as the specification says, not in JavaScript's numeric order", () => {
    const value = { "9": "neuf", "10": "dix", a: { "2": true, "10": false } };
    expect(canonicalJson(value)).toBe('{"10":"dix","9":"neuf","a":{"10":false,"2":true}}');
    expect(offlineCanonicalJson(value)).toBe(canonicalJson(value));
  });

  it('keeps a "__proto__" key at any depth instead of dropping it', () => {
    const value = JSON.parse('{"b":{"__proto__":{"nom":"Marie"}},"a":1}') as JsonValue;
    expect(canonicalJson(value)).toBe('{"a":1,"b":{"__proto__":{"nom":"Marie"}}}');
    expect(offlineCanonicalJson(value)).toBe(canonicalJson(value));
  });

  it("writes every key of every object once, sorted by UTF-16 code units, and loses nothing", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (generated) => {
        const value = generated as JsonValue;
        const text = canonicalJson(value);
        expect(offlineCanonicalJson(value)).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        for (const keys of keyOrders(text)) {
          for (let index = 1; index < keys.length; index++) expect(keys[index - 1]! < keys[index]!).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
