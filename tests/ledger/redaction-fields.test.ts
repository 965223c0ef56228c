// Which fields of which records are redacted for a person (app/ledger/redaction.ts), and what a
// redaction does to a record: the chain still verifies, a second redaction adds to the first.
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  checkChain,
  GENESIS_HASH,
  REDACTED_TEXT,
  sealRecord,
  type StoredRecord,
} from "~/ledger/canonical";
import { fieldsToRedact, personMatcher, redactFields, type PersonToRedact } from "~/ledger/redaction";

const helene: PersonToRedact = { id: "cm4helene000001", email: "Helene.Dupont@Exemple.fr", name: "Hélène Dupont" };

function record(
  sequence: number,
  previousHash: string,
  values: { actorUserId?: string | null; actorLabel?: string; summary?: string; payload?: object },
): StoredRecord {
  const fields = {
    sequence,
    kind: "manual.exchange",
    actorUserId: values.actorUserId ?? "cm4buyer0000001",
    actorLabel: values.actorLabel ?? "Thomas Bernard",
    organizationIds: canonicalJson(["org-a"]),
    plannedProcurementId: null,
    eventId: null,
    summary: values.summary ?? "Échange sans nom",
    payload: canonicalJson((values.payload ?? {}) as never),
    occurredAt: new Date(Date.UTC(2026, 2, 2, 9, 30, sequence)),
    previousHash,
  };
  return { ...fields, ...sealRecord(fields), redactedDigests: null };
}

function chain(...values: Parameters<typeof record>[2][]): StoredRecord[] {
  const records: StoredRecord[] = [];
  for (const [index, value] of values.entries())
    records.push(record(index + 1, records[index - 1]?.hash ?? GENESIS_HASH, value));
  return records;
}

const fieldsFor = (stored: StoredRecord, person = helene) => fieldsToRedact(stored, person, personMatcher(person));

describe("the fields redacted for a person", () => {
  it("takes the actor's id and label and the summary of the records the person wrote", () => {
    const [own] = chain({
      actorUserId: helene.id,
      actorLabel: "Hélène Dupont",
      summary: "Réservation du créneau de 10 h 15",
      payload: { slotId: "slot-1", note: "rien de personnel" },
    });
    expect(fieldsFor(own!)).toEqual(["actorUserId", "actorLabel", "summary"]);
  });

  it("finds the name whatever its case and accents, and the address whatever its case", () => {
    const [byName, byAddress, untouched] = chain(
      { summary: "Appel de HELENE DUPONT au sujet du lot 2" },
      { payload: { contact: "helene.dupont@exemple.FR", channel: "email" } },
      { summary: "Appel de Marie Durand", payload: { contact: "marie@exemple.fr" } },
    );
    expect(fieldsFor(byName!)).toEqual(["summary"]);
    expect(fieldsFor(byAddress!)).toEqual(["payload.contact"]);
    expect(fieldsFor(untouched!)).toEqual([]);
  });

  it("finds a name or an id deep inside a payload value, and redacts only that top-level key", () => {
    const [nested] = chain({
      payload: {
        answers: { q1: ["oui", { signedBy: "Hélène  Dupont\n(gérante)" }], q2: 12 },
        registrationId: "reg-1",
        people: [{ user: helene.id }],
        price: "12 000 €",
      },
    });
    expect(fieldsFor(nested!)).toEqual(["payload.answers", "payload.people"]);
    // A name glued to a JSON escape is still found: "…bonjour\nHélène Dupont".
    const [afterNewline] = chain({ payload: { text: "Bonjour\nHélène Dupont" } });
    expect(fieldsFor(afterNewline!)).toEqual(["payload.text"]);
  });

  it("matches a name only as whole words, an address only whole, and never a name shorter than three letters", () => {
    const [longerName, longerAddress] = chain(
      { summary: "Visite chez Hélène Dupontel" },
      { payload: { contact: "marie.helene.dupont@exemple.fr" } },
    );
    expect(fieldsFor(longerName!)).toEqual([]);
    expect(fieldsFor(longerAddress!)).toEqual([]);
    const [endOfSentence] = chain({ summary: "Écrire à helene.dupont@exemple.fr." });
    expect(fieldsFor(endOfSentence!)).toEqual(["summary"]);

    const al: PersonToRedact = { id: "cm4al0000000001", email: "al@exemple.fr", name: "Al" };
    const [short, byId] = chain({ summary: "Al a appelé ; Alain aussi" }, { payload: { userId: al.id } });
    expect(fieldsFor(short!, al)).toEqual([]);
    expect(fieldsFor(byId!, al)).toEqual(["payload.userId"]);
  });
});

describe("a redaction of a record", () => {
  it("replaces the texts by tombstones, keeps the hash, and adds a later redaction to the first", () => {
    const records = chain(
      { summary: "Premier" },
      {
        actorUserId: helene.id,
        actorLabel: "Hélène Dupont",
        summary: "Hélène Dupont a réservé, avec Paul Martin",
        payload: { contact: "helene.dupont@exemple.fr", colleague: "Paul Martin", channel: "phone" },
      },
      { summary: "Dernier" },
    );
    const target = records[1]!;
    const first = { ...target, ...redactFields(target, fieldsFor(target)) };
    expect(first).toMatchObject({ actorUserId: null, actorLabel: REDACTED_TEXT, summary: REDACTED_TEXT });
    expect(JSON.parse(first.payload)).toEqual({ contact: REDACTED_TEXT, colleague: "Paul Martin", channel: "phone" });
    expect(JSON.stringify(first)).not.toMatch(/Hélène|helene/i);
    expect(Object.keys(JSON.parse(first.salts!))).toEqual(["payload.channel", "payload.colleague"]);
    const afterFirst = records.map((stored, index) => (index === 1 ? first : stored));
    expect(checkChain(afterFirst)).toMatchObject({ ok: true, count: 3, redacted: 1 });
    // A redacted field must read as the tombstone: its digest vouches for the erased text only.
    const rewritten = afterFirst.map((stored, index) => (index === 1 ? { ...first, summary: "Réécrit" } : stored));
    expect(checkChain(rewritten)).toMatchObject({ ok: false, brokenAt: 2 });
    const relinked = afterFirst.map((stored, index) => (index === 1 ? { ...first, actorUserId: "cm4other" } : stored));
    expect(checkChain(relinked)).toMatchObject({ ok: false, brokenAt: 2 });
    // Nothing left to redact for her.
    expect(fieldsFor(first)).toEqual([]);

    // Later, the colleague asks too: the record's redaction grows, the chain still verifies.
    const paul: PersonToRedact = { id: "cm4paul00000001", email: "paul@exemple.fr", name: "Paul Martin" };
    const paulFields = fieldsFor(first, paul);
    expect(paulFields).toEqual(["payload.colleague"]);
    const second = { ...first, ...redactFields(first, paulFields) };
    expect(Object.keys(JSON.parse(second.redactedDigests!)).sort()).toEqual(
      ["actorLabel", "actorUserId", "payload.colleague", "payload.contact", "summary"].sort(),
    );
    expect(checkChain(records.map((stored, index) => (index === 1 ? second : stored)))).toMatchObject({
      ok: true,
      redacted: 1,
    });
  });
});
