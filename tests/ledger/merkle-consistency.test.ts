// Consistency proofs between two trees (RFC 9162 §2.1.4): the reference vectors of transparency-dev
// (the Certificate Transparency family the inclusion vectors of merkle.test.ts come from), the
// corruptions that suite applies to them (for the app's check and the offline script's), then properties on random trees: every first size of a
// tree verifies, and any altered node, root or size fails.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  consistencyProof,
  EMPTY_TREE_ROOT,
  merkleLeafHash,
  merkleRoot,
  recordLeafHash,
  verifyConsistency,
} from "~/ledger/merkle";
import { verifyConsistency as scriptVerifyConsistency } from "../../scripts/verify-export.mjs";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const bytes = (text: string) => Buffer.from(text, "hex");

// The eight leaves of every CT implementation's tests; their roots are in merkle.test.ts.
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(
  (leaf) => merkleLeafHash(bytes(leaf)),
);

// First size, second size, proof: `consistencyProofs` of transparency-dev/merkle, proof/verify_test.go
// (commit 02194e9afb6c1d95b5381350007963aa70fff472, the same vectors as certificate-transparency-go's
// merkle/log_verifier_test.go), checked there against the roots of sizes 1 to 8.
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    6,
    8,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [
    2,
    5,
    [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
  [
    6,
    7,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
];

const rootOf = (size: number) => merkleRoot(LEAVES.slice(0, size));
const SOME_HASH = bytes("abacaba000000000000000000000000000000000000000000060061e00123456");

/** The wrong probes of transparency-dev's corruptConsistencyProof, none of which may verify. */
function corruptions(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Buffer[]) {
  const flipped = proof.map((_, position) =>
    proof.map((node, i) => (i === position ? Buffer.from(node.map((b, j) => (j === 0 ? b ^ 16 : b))) : node)),
  );
  const probes: [string, number, number, Buffer, Buffer, Buffer[]][] = [
    ["size1 - 1", size1 - 1, size2, root1, root2, proof],
    ["size1 + 1", size1 + 1, size2, root1, root2, proof],
    ["size1 ^ 2", size1 ^ 2, size2, root1, root2, proof],
    ["size2 * 2", size1, size2 * 2, root1, root2, proof],
    ["size2 / 2", size1, Math.floor(size2 / 2), root1, root2, proof],
    ["wrong root1", size1, size2, Buffer.from("WrongRoot"), root2, proof],
    ["wrong root2", size1, size2, root1, Buffer.from("WrongRoot"), proof],
    ["swapped roots", size1, size2, root2, root1, proof],
    ["empty proof", size1, size2, root1, root2, []],
    ["trailing garbage", size1, size2, root1, root2, [...proof, Buffer.alloc(0)]],
    ["trailing root1", size1, size2, root1, root2, [...proof, root1]],
    ["trailing root2", size1, size2, root1, root2, [...proof, root2]],
    ["preceding garbage", size1, size2, root1, root2, [Buffer.alloc(0), ...proof]],
    ["preceding root1", size1, size2, root1, root2, [root1, ...proof]],
    ["preceding root2", size1, size2, root1, root2, [root2, ...proof]],
    ["preceding proof[0]", size1, size2, root1, root2, [proof[0]!, ...proof]],
    ["truncated proof", size1, size2, root1, root2, proof.slice(0, -1)],
    ...flipped.map(
      (altered, i) =>
        [`modified proof[${i}] bit 4`, size1, size2, root1, root2, altered] as [
          string,
          number,
          number,
          Buffer,
          Buffer,
          Buffer[],
        ],
    ),
  ];
  return probes;
}

function recordHashes(count: number, seed: string): string[] {
  return Array.from({ length: count }, (_, i) => createHash("sha256").update(`${seed}:${i}`).digest("hex"));
}

describe("consistency proofs (RFC 9162 §2.1.4)", () => {
  it("gives the reference proofs, and they verify against the reference roots", () => {
    for (const [size1, size2, expected] of CONSISTENCY) {
      const proof = consistencyProof(LEAVES.slice(0, size2), size1);
      expect(proof.map(hex), `${size1} to ${size2}`).toEqual(expected);
      expect(verifyConsistency(size1, size2, rootOf(size1), rootOf(size2), expected.map(bytes))).toBe(true);
      // The offline verifier has its own copy of the check (it depends on nothing).
      expect(scriptVerifyConsistency(size1, size2, rootOf(size1), rootOf(size2), expected.map(bytes))).toBe(true);
    }
  });

  it("refuses every corruption of the reference proofs that transparency-dev's suite tries", () => {
    for (const [size1, size2, expected] of CONSISTENCY) {
      if (expected.length === 0) continue;
      for (const [what, s1, s2, r1, r2, proof] of corruptions(
        size1,
        size2,
        rootOf(size1),
        rootOf(size2),
        expected.map(bytes),
      )) {
        expect(verifyConsistency(s1, s2, r1, r2, proof), `${size1} to ${size2}: ${what}`).toBe(false);
        expect(scriptVerifyConsistency(s1, s2, r1, r2, proof), `script, ${size1} to ${size2}: ${what}`).toBe(false);
      }
    }
  });

  it("handles the edge sizes as transparency-dev does, but asks an empty first tree for its real root", () => {
    const [one, two] = [Buffer.from("don't care 1"), Buffer.from("don't care 2")];
    expect(verifyConsistency(0, 0, one, two, [])).toBe(false);
    expect(verifyConsistency(1, 1, one, two, [])).toBe(false);
    expect(verifyConsistency(1, 1, two, two, [])).toBe(true);
    expect(verifyConsistency(1, 0, one, two, [])).toBe(false);
    expect(verifyConsistency(2, 1, one, two, [])).toBe(false);
    expect(verifyConsistency(1, 2, one, two, [])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_TREE_ROOT, two, [])).toBe(false);
    expect(verifyConsistency(0, 0, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [EMPTY_TREE_ROOT])).toBe(false);
    expect(verifyConsistency(0, 1, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [EMPTY_TREE_ROOT])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [EMPTY_TREE_ROOT])).toBe(false);
    // transparency-dev accepts any first root for an empty first tree; here it must be the empty tree's.
    expect(verifyConsistency(0, 3, EMPTY_TREE_ROOT, rootOf(3), [])).toBe(true);
    expect(verifyConsistency(0, 3, one, rootOf(3), [])).toBe(false);
    expect(consistencyProof(LEAVES.slice(0, 3), 0)).toEqual([]);
    expect(() => consistencyProof(LEAVES.slice(0, 3), 4)).toThrow(RangeError);
    expect(() => consistencyProof(LEAVES.slice(0, 3), -1)).toThrow(RangeError);
    expect(verifyConsistency(2, 5, rootOf(2), rootOf(5), [SOME_HASH, SOME_HASH])).toBe(false);
  });

  it("proves every first size of every tree up to 40 leaves, and fails on the wrong second root", () => {
    const all = recordHashes(40, "consistency").map(recordLeafHash);
    for (let size2 = 1; size2 <= all.length; size2++) {
      const leaves = all.slice(0, size2);
      const root2 = merkleRoot(leaves);
      for (let size1 = 1; size1 <= size2; size1++) {
        const root1 = merkleRoot(leaves.slice(0, size1));
        const proof = consistencyProof(leaves, size1);
        expect(verifyConsistency(size1, size2, root1, root2, proof), `${size1} to ${size2}`).toBe(true);
        expect(scriptVerifyConsistency(size1, size2, root1, root2, proof), `script, ${size1} to ${size2}`).toBe(true);
        if (size1 < size2) expect(verifyConsistency(size1, size2, root1, root1, proof)).toBe(false);
      }
    }
  });
});

describe("consistency proofs: properties on random trees", () => {
  const tree = fc
    .array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 300 })
    .map((leaves) => leaves.map((leaf) => merkleLeafHash(leaf)));

  it("every first size 1..n verifies", () => {
    fc.assert(
      fc.property(tree, (leaves) => {
        const root2 = merkleRoot(leaves);
        for (let size1 = 1; size1 <= leaves.length; size1++) {
          const proof = consistencyProof(leaves, size1);
          if (!verifyConsistency(size1, leaves.length, merkleRoot(leaves.slice(0, size1)), root2, proof)) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it("an altered node, root, leaf, first size or depth of the second tree fails", () => {
    const scenario = tree
      .filter((leaves) => leaves.length >= 2)
      .chain((leaves) =>
        fc.record({
          leaves: fc.constant(leaves),
          size1: fc.integer({ min: 1, max: leaves.length - 1 }),
          bit: fc.integer({ min: 0, max: 255 }),
          node: fc.nat(),
          sizeShift: fc.integer({ min: 1, max: 5 }),
          change: fc.constantFrom("node", "root1", "root2", "size1", "size2", "leaf"),
        }),
      );
    fc.assert(
      fc.property(scenario, ({ leaves, size1, bit, node, sizeShift, change }) => {
        const size2 = leaves.length;
        let root1 = merkleRoot(leaves.slice(0, size1));
        let root2 = merkleRoot(leaves);
        let proof = consistencyProof(leaves, size1);
        let [s1, s2] = [size1, size2];
        const flip = (hash: Buffer) => {
          const copy = Buffer.from(hash);
          copy[bit >> 3]! ^= 1 << (bit & 7);
          return copy;
        };
        if (change === "node") proof = proof.map((hash, i) => (i === node % proof.length ? flip(hash) : hash));
        if (change === "root1") root1 = flip(root1);
        if (change === "root2") root2 = flip(root2);
        if (change === "size1") s1 = size1 + sizeShift <= size2 ? size1 + sizeShift : Math.max(0, size1 - sizeShift);
        // The second size is bound by the depth of the path, not always by its last bits (as for an
        // inclusion proof, merkle.test.ts): the signed checkpoint states it with its root.
        if (change === "size2") s2 = size2 * 2 ** sizeShift;
        if (change === "leaf") {
          // The second tree with one of the first tree's leaves changed: not an extension of it.
          const changed = leaves.slice();
          changed[node % size1] = flip(changed[node % size1]!);
          root2 = merkleRoot(changed);
          proof = consistencyProof(changed, size1);
        }
        return !verifyConsistency(s1, s2, root1, root2, proof) && !scriptVerifyConsistency(s1, s2, root1, root2, proof);
      }),
      { numRuns: 400 },
    );
  });
});
