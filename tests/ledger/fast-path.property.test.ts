// The fast path of the chain's check (hashFromCanonicalTexts, canonicalMembers: the stored payload is
// not parsed and serialised again) must give exactly what the reference path gives, the algorithm
// as docs/ledger-verification.md states it: on random records, canonical or not, redacted or not,
// with unicode, nested payloads, awkward numbers (1e21, -0, 0.1), keys JavaScript orders its own
// way ("10", "__proto__") and damaged salts. checkChain only calls expectedStoredHash, so if both
// paths agree record by record, verifyLedger's results are those of the reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  canonicalMembers,
  expectedStoredHash,
  hashFromCanonicalTexts,
  legacyRecordHash,
  parsePayloadObject,
  REDACTED_TEXT,
  referenceStoredHash,
  sealRecord,
  type JsonValue,
  type StoredRecord,
} from "~/ledger/canonical";
import { redactFields } from "~/ledger/redaction";

// ---- JSON texts, canonical or not ---------------------------------------------------------------

type Node =
  | { type: "string"; value: string }
  | { type: "number"; token: string }
  | { type: "literal"; token: "true" | "false" | "null" }
  | { type: "array"; items: Node[] }
  | { type: "object"; entries: [string, Node][] };

const awkwardTexts = [
  REDACTED_TEXT,
  "",
  "é",
  "Échange « prévu » ✓",
  'guillemet " et barre \\',
  "ligne 1\nligne 2\ttab",
  "\u0000\u0001\u001f\u007f",
  "/",
  "\u2028\u2029",
  "😀",
  "\ud83d", // a lone high surrogate
  "\ude00x", // a lone low surrogate
];
const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...awkwardTexts) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);
const keyArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom("channel", "text", "supplier", "a", "b", "B", "é", "constructor", "toString"),
  },
  { weight: 2, arbitrary: fc.constantFrom("__proto__", "0", "1", "9", "10", "-1", "01", "4294967295", "1.5") },
  { weight: 3, arbitrary: textArb },
);
const numberTokenArb = fc.oneof(
  fc.constantFrom("0", "-0", "1e21", "1e+21", "1E+21", "0.1", "1.0", "1e-7", "1e-07", "100", "1e2", "5e-324"),
  fc.constantFrom("9007199254740993", "123456789012345678901234567890", "-2", "1e400", "0.000001", "1e-6"),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer().map(String),
);
const leafArb: fc.Arbitrary<Node> = fc.oneof(
  textArb.map((value) => ({ type: "string" as const, value })),
  numberTokenArb.map((token) => ({ type: "number" as const, token })),
  fc
    .constantFrom("true" as const, "false" as const, "null" as const)
    .map((token) => ({ type: "literal" as const, token })),
);
const { node: nodeArb, object: objectArb } = fc.letrec<{ node: Node; array: Node; object: Node }>((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leafArb, tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 4 }).map((items): Node => ({ type: "array", items })),
  object: fc
    .array(fc.tuple(keyArb, tie("node")), { maxLength: 5 })
    .map((entries): Node => ({ type: "object", entries })),
}));

interface Rendering {
  sortKeys: boolean;
  dropDuplicates: boolean;
  spaced: boolean;
  /** Escapes JSON.stringify would not write: "\u00e9" for "é", "\/" for "/", "\u001F" in capitals. */
  otherEscapes: boolean;
}
const renderingArb: fc.Arbitrary<Rendering> = fc.record({
  sortKeys: fc.boolean(),
  dropDuplicates: fc.boolean(),
  spaced: fc.boolean(),
  otherEscapes: fc.boolean(),
});

function renderString(value: string, rendering: Rendering): string {
  const text = JSON.stringify(value);
  if (!rendering.otherEscapes) return text;
  return text.replaceAll("é", "\\u00e9").replaceAll("/", "\\/").replaceAll("\\u001f", "\\u001F");
}

function render(node: Node, rendering: Rendering): string {
  const space = rendering.spaced ? " " : "";
  switch (node.type) {
    case "string":
      return renderString(node.value, rendering);
    case "number":
    case "literal":
      return node.token;
    case "array":
      return `[${node.items.map((item) => render(item, rendering)).join(`,${space}`)}]`;
    case "object": {
      let entries = node.entries;
      if (rendering.dropDuplicates) entries = [...new Map(entries).entries()];
      if (rendering.sortKeys) entries = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const members = entries.map(
        ([key, value]) => `${renderString(key, rendering)}:${space}${render(value, rendering)}`,
      );
      return `{${space}${members.join(`,${space}`)}}`;
    }
  }
}

/** A payload's text: often exactly canonicalJson of what it holds (as the ledger writes it), else as rendered. */
const payloadTextArb = fc.tuple(objectArb, renderingArb, fc.boolean()).map(([node, rendering, canonicalise]) => {
  const text = render(node, rendering);
  const parsed = canonicalise ? parsePayloadObject(text) : null;
  return parsed ? canonicalJson(parsed) : text;
});

// ---- canonicalMembers ------------------------------------------------------------------------------

describe("canonicalMembers", () => {
  it("accepts a text only when it is canonicalJson of what it holds, and gives each member's canonical text in sorted order", () => {
    fc.assert(
      fc.property(payloadTextArb, (text) => {
        const members = canonicalMembers(text);
        if (members === null) return;
        const parsed = parsePayloadObject(text);
        expect(parsed).not.toBeNull();
        expect(canonicalJson(parsed)).toBe(text);
        expect(members).toEqual(
          Object.keys(parsed!)
            .sort()
            .map((key) => [key, canonicalJson(parsed![key]!)]),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it("accepts every canonical text whose keys are neither integers nor __proto__", () => {
    fc.assert(
      fc.property(objectArb, renderingArb, (node, rendering) => {
        const parsed = parsePayloadObject(render(node, rendering));
        fc.pre(parsed !== null && !hasKeyJavaScriptReorders(parsed) && depth(parsed) <= 30);
        expect(canonicalMembers(canonicalJson(parsed))).not.toBeNull();
      }),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ["whitespace", '{"a": 1}'],
    ["keys out of order", '{"b":1,"a":2}'],
    ["a duplicate key", '{"a":1,"a":2}'],
    ["-0", '{"a":-0}'],
    ["1e21 (JSON.stringify writes 1e+21)", '{"a":1e21}'],
    ["1.0", '{"a":1.0}'],
    ["an escape JSON.stringify does not write", '{"a":"\\u00e9"}'],
    ["an escaped slash", '{"a":"\\/"}'],
    ["a capital hex escape", '{"a":"\\u001F"}'],
    ["a raw lone surrogate", '{"a":"\ud83d"}'],
    ["integer keys, which JavaScript lists first", '{"a":{"10":1,"9":2}}'],
    ["a nested __proto__", '{"a":{"__proto__":1}}'],
    ["an array", "[1]"],
    ["trailing text", '{"a":1}x'],
    ["invalid JSON", '{"a":}'],
  ])("leaves to the reference path a payload with %s", (_what, text) => {
    expect(canonicalMembers(text)).toBeNull();
  });

  it("reads canonical texts with escapes, unicode, nested values and awkward numbers", () => {
    const payload = {
      b: { z: [1, 0.1, 1e21, -5e-7, null, true], a: "Ligne 1\nLigne 2 « é » 😀 \ud83d" },
      a: "\u0000\u001f\u2028",
      'clé "guillemets"': [{ y: 1, x: 2 }],
    };
    const text = canonicalJson(payload);
    expect(canonicalMembers(text)).toEqual([
      ["a", JSON.stringify(payload.a)],
      ["b", canonicalJson(payload.b)],
      ['clé "guillemets"', canonicalJson(payload['clé "guillemets"'])],
    ]);
  });
});

// ---- a record's hash: fast path and reference ---------------------------------------------------

const hexArb = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 });
const saltArb = fc.oneof({ weight: 8, arbitrary: hexArb }, { weight: 1, arbitrary: textArb });

const recordArb = fc
  .record({
    payload: payloadTextArb,
    actorUserId: fc.constantFrom(null, "user-1", 'ü"ser\\'),
    actorLabel: fc.oneof(fc.constant(REDACTED_TEXT), textArb),
    summary: fc.oneof(fc.constant(REDACTED_TEXT), textArb),
    /** Per protected field (in order), whether it is redacted. */
    redactions: fc.array(fc.constantFrom(false, false, false, false, true), { minLength: 12, maxLength: 12 }),
    /** Whether redacted fields hold their tombstone, as they must. */
    tombstones: fc.constantFrom(true, true, true, false),
    salts: fc.array(saltArb, { minLength: 12, maxLength: 12 }),
    keptDigests: fc.array(fc.oneof({ weight: 8, arbitrary: hexArb }, { weight: 1, arbitrary: textArb }), {
      minLength: 12,
      maxLength: 12,
    }),
    damage: fc.constantFrom(
      "none",
      "none",
      "none",
      "salt missing",
      "salt extra",
      "salt kept for a redacted field",
      "kept digest extra",
      "salts spaced",
      "salts null",
      "salts not an object",
      "salts unsorted",
      "digests null",
    ),
    format: fc.constantFrom(2, 2, 2, 1),
    legacyHash: fc.option(hexArb),
    sequence: fc.nat(),
    kind: fc.oneof(fc.constant("manual.exchange"), textArb),
    organizationIds: fc.array(textArb, { maxLength: 3 }).map((ids) => canonicalJson(ids.sort())),
    plannedProcurementId: fc.option(textArb),
    eventId: fc.option(textArb),
    occurredAt: fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
    previousHash: fc.oneof(hexArb, textArb),
  })
  .map((input): StoredRecord => {
    const payload = parsePayloadObject(input.payload);
    const fields = ["actorUserId", "actorLabel", "summary", ...Object.keys(payload ?? {}).map((k) => `payload.${k}`)];
    const salts: Record<string, string> = {};
    const kept: Record<string, string> = {};
    fields.forEach((field, index) => {
      if (input.redactions[index % 12]) kept[field] = input.keptDigests[index % 12]!;
      else salts[field] = input.salts[index % 12]!;
    });
    let payloadText = input.payload;
    const values = { actorUserId: input.actorUserId, actorLabel: input.actorLabel, summary: input.summary };
    if (input.tombstones) {
      const canonical = payload !== null && canonicalJson(payload) === input.payload;
      for (const field of Object.keys(kept)) {
        if (field === "actorUserId") values.actorUserId = null;
        else if (field === "actorLabel" || field === "summary") values[field] = REDACTED_TEXT;
        else if (payload) payload[field.slice("payload.".length)] = REDACTED_TEXT;
      }
      if (canonical) payloadText = canonicalJson(payload);
    }
    const [firstRedacted] = Object.keys(kept);
    const [firstSalted] = Object.keys(salts);
    if (input.damage === "salt missing" && firstSalted) delete salts[firstSalted];
    if (input.damage === "salt extra") salts["payload.gone"] = "0".repeat(32);
    if (input.damage === "salt kept for a redacted field" && firstRedacted) salts[firstRedacted] = "1".repeat(32);
    if (input.damage === "kept digest extra") kept["payload.gone"] = "2".repeat(64);
    const saltsText = {
      "salts spaced": JSON.stringify(salts, null, 1),
      "salts null": null,
      "salts not an object": "[]",
      "salts unsorted": JSON.stringify(Object.fromEntries(Object.entries(salts).reverse())),
    }[input.damage as string];
    return {
      sequence: input.sequence,
      kind: input.kind,
      ...values,
      organizationIds: input.organizationIds,
      plannedProcurementId: input.plannedProcurementId,
      eventId: input.eventId,
      payload: payloadText,
      occurredAt: input.occurredAt,
      previousHash: input.previousHash,
      hash: "",
      format: input.format,
      salts: saltsText !== undefined ? saltsText : canonicalJson(salts),
      redactedDigests: input.damage === "digests null" || Object.keys(kept).length === 0 ? null : canonicalJson(kept),
      legacyHash: input.legacyHash,
    };
  });

describe("a stored record's hash", () => {
  it("is the same through the fast path and the reference path, or the reference says why it cannot be computed", () => {
    let fast = 0;
    fc.assert(
      fc.property(recordArb, (record) => {
        const expected = expectedStoredHash(record);
        if (record.format === 1) {
          expect(expected).toEqual({ hash: legacyRecordHash(record) });
          return;
        }
        const reference = referenceStoredHash(record);
        expect(expected).toEqual(reference);
        const hash = hashFromCanonicalTexts(record);
        if (hash !== null) {
          fast++;
          expect(reference).toEqual({ hash });
        }
      }),
      { numRuns: 3_000 },
    );
    // The property is only worth something if the fast path is taken often.
    expect(fast).toBeGreaterThan(300);
  });

  it("is the sealed hash through the fast path for records as the ledger writes and redacts them", () => {
    const plainKeyArb = fc.oneof(
      fc.constantFrom("channel", "text", "é", "constructor"),
      fc.string({ unit: "grapheme" }),
    );
    fc.assert(
      fc.property(
        objectArb,
        fc.dictionary(plainKeyArb, nodeArb, { maxKeys: 5 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        textArb,
        textArb,
        (nested, top, redactions, actorLabel, summary) => {
          const rendering = { sortKeys: false, dropDuplicates: false, spaced: false, otherEscapes: false };
          const payload: Record<string, JsonValue> = {};
          for (const [key, node] of Object.entries(top))
            payload[key] = JSON.parse(render(node, rendering)) as JsonValue;
          payload.nested = JSON.parse(render(nested, rendering)) as JsonValue;
          fc.pre(!hasKeyJavaScriptReorders(payload) && depth(payload) <= 30);
          const fields = {
            sequence: 7,
            kind: "manual.exchange",
            actorUserId: "user-1",
            actorLabel,
            organizationIds: canonicalJson(["org-a", "org-b"]),
            plannedProcurementId: null,
            eventId: "event-1",
            summary,
            payload: canonicalJson(payload),
            occurredAt: new Date("2027-03-15T11:00:00.000Z"),
            previousHash: "ab".repeat(32),
          };
          const sealed: StoredRecord = { ...fields, ...sealRecord(fields), redactedDigests: null };
          expect(hashFromCanonicalTexts(sealed)).toBe(sealed.hash);
          const all = ["actorUserId", "actorLabel", "summary", ...Object.keys(payload).map((k) => `payload.${k}`)];
          const redacted = {
            ...sealed,
            ...redactFields(
              sealed,
              all.filter((_, index) => redactions[index % 12]),
            ),
          };
          expect(hashFromCanonicalTexts(redacted)).toBe(sealed.hash);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

/** Integer keys (listed first by JavaScript) and "__proto__" (a setter in an object literal) are left to the reference path. */
function hasKeyJavaScriptReorders(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(hasKeyJavaScriptReorders);
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(
    ([key, item]) => key === "__proto__" || /^[0-9]/.test(key) || hasKeyJavaScriptReorders(item),
  );
}

function depth(value: JsonValue): number {
  if (value === null || typeof value !== "object") return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depth));
}
