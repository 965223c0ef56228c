// The Merkle tree of RFC 9162 (§2.1): the reference vectors of Certificate Transparency (RFC 6962's
// test data, the same tree hash and the same audit paths), then properties over every tree size
// from 1 to 100.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  EMPTY_TREE_ROOT,
  MerkleTree,
  merkleLeafHash,
  merkleNodeHash,
  merkleRoot,
  recordLeafHash,
  verifyInclusion,
} from "~/ledger/merkle";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const bytes = (text: string) => Buffer.from(text, "hex");

// The eight leaves and the tree heads of sizes 0 to 8 used by every CT implementation's tests.
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(
  (leaf) => merkleLeafHash(bytes(leaf)),
);
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
// Leaf index (0-based), tree size, audit path.
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    5,
    8,
    [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [
    1,
    5,
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
];

/** RFC 9162's recursive definition, written as the RFC says it, to compare the level-by-level tree with. */
function recursiveRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash("sha256").digest();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return merkleNodeHash(recursiveRoot(leaves.slice(0, k)), recursiveRoot(leaves.slice(k)));
}

function recordHashes(count: number, seed = "amont"): string[] {
  return Array.from({ length: count }, (_, i) => createHash("sha256").update(`${seed}:${i}`).digest("hex"));
}

describe("Merkle tree (RFC 9162)", () => {
  it("gives the reference tree head for every size from 0 to 8", () => {
    expect(hex(EMPTY_TREE_ROOT)).toBe(ROOTS[0]);
    for (let size = 0; size <= 8; size++)
      expect(hex(merkleRoot(LEAVES.slice(0, size))), `size ${size}`).toBe(ROOTS[size]);
  });

  it("gives the reference audit paths, and they verify", () => {
    for (const [index, size, path] of INCLUSION) {
      const tree = new MerkleTree(LEAVES.slice(0, size));
      expect(tree.inclusionProof(index).map(hex), `leaf ${index} of ${size}`).toEqual(path);
      expect(verifyInclusion(index, size, LEAVES[index]!, path.map(bytes), bytes(ROOTS[size]!))).toBe(true);
    }
  });

  it("builds the same root as the recursive definition for every size up to 100", () => {
    const hashes = recordHashes(100).map(recordLeafHash);
    for (let size = 1; size <= 100; size++)
      expect(hex(new MerkleTree(hashes.slice(0, size)).root()), `size ${size}`).toBe(
        hex(recursiveRoot(hashes.slice(0, size))),
      );
  });

  it("proves every leaf of every tree from 1 to 100 leaves, and nothing else", () => {
    const all = recordHashes(100).map(recordLeafHash);
    for (let size = 1; size <= 100; size++) {
      const tree = new MerkleTree(all.slice(0, size));
      const root = tree.root();
      for (let index = 0; index < size; index++) {
        const proof = tree.inclusionProof(index);
        expect(verifyInclusion(index, size, all[index]!, proof, root), `leaf ${index} of ${size}`).toBe(true);
        // An altered leaf, another position or a shortened path fails. (The tree size alone is not
        // bound by the path in every case; the signed checkpoint states it.)
        const altered = Buffer.from(all[index]!);
        altered[0]! ^= 0x01;
        expect(verifyInclusion(index, size, altered, proof, root)).toBe(false);
        if (size > 1) {
          expect(verifyInclusion((index + 1) % size, size, all[index]!, proof, root)).toBe(false);
          expect(verifyInclusion(index, size, all[index]!, proof.slice(0, -1), root)).toBe(false);
        }
      }
    }
  });

  it("fails a proof whose path node was altered, and indices outside the tree", () => {
    const tree = MerkleTree.ofRecordHashes(recordHashes(13));
    const leaf = recordLeafHash(recordHashes(13)[6]!);
    const proof = tree.inclusionProof(6);
    for (let position = 0; position < proof.length; position++) {
      const altered = proof.map((node) => Buffer.from(node));
      altered[position]![31]! ^= 0x80;
      expect(verifyInclusion(6, 13, leaf, altered, tree.root())).toBe(false);
    }
    expect(verifyInclusion(13, 13, leaf, proof, tree.root())).toBe(false);
    expect(verifyInclusion(-1, 13, leaf, proof, tree.root())).toBe(false);
    expect(() => tree.inclusionProof(13)).toThrow(RangeError);
  });

  it("reads a record's hash as its 32 bytes", () => {
    const hash = recordHashes(1)[0]!;
    expect(recordLeafHash(hash)).toEqual(merkleLeafHash(bytes(hash)));
    expect(() => recordLeafHash(hash.toUpperCase())).toThrow();
    expect(() => recordLeafHash("abc")).toThrow();
  });
});
