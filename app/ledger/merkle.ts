// The Merkle tree of the ledger's record hashes, as RFC 9162 (Certificate Transparency 2.0, §2.1)
// defines it (pure, no I/O). A signed checkpoint carries the root of the tree over the hashes of
// records 1..n; an export proves that each of its records is in that tree with an inclusion proof,
// which anyone can check with SHA-256 alone (docs/ledger-verification.md).
//
//   leaf hash  = SHA-256(0x00 || leaf bytes)          (a record: its 32-byte hash, hex-decoded)
//   node hash  = SHA-256(0x01 || left || right)
//   MTH({})    = SHA-256()                              (the empty string)
//   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n]))  with k the largest power of two < n
//
// Built level by level: pairing neighbours and carrying an unpaired last node up unchanged gives
// exactly the tree of the recursive definition (the left subtree is always the full one).
import { createHash, hash } from "node:crypto";

// One buffer per input length, reused: crypto.hash() on one buffer is about twice as fast as
// createHash().update().update() for these short inputs, and a tree of 100,000 records hashes
// 200,000 of them.
const RECORD_LEAF_INPUT = Buffer.alloc(33);
const NODE_INPUT = Buffer.alloc(65, 0x01);

export function merkleLeafHash(leaf: Uint8Array): Buffer {
  if (leaf.length === 32) {
    RECORD_LEAF_INPUT.set(leaf, 1);
    return hash("sha256", RECORD_LEAF_INPUT, "buffer");
  }
  return createHash("sha256")
    .update(Buffer.from([0x00]))
    .update(leaf)
    .digest();
}

export function merkleNodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length === 32 && right.length === 32) {
    NODE_INPUT.set(left, 1);
    NODE_INPUT.set(right, 33);
    return hash("sha256", NODE_INPUT, "buffer");
  }
  return createHash("sha256")
    .update(Buffer.from([0x01]))
    .update(left)
    .update(right)
    .digest();
}

export const EMPTY_TREE_ROOT = createHash("sha256").digest();

/** The leaf hash of a ledger record: its 64-character hex hash read as 32 bytes. */
export function recordLeafHash(recordHashHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(recordHashHex)) throw new Error(`not a record hash: ${recordHashHex.slice(0, 80)}`);
  return merkleLeafHash(Buffer.from(recordHashHex, "hex"));
}

/** A whole tree kept in memory (32 bytes per node, about 64 bytes per leaf), for many proofs at once. */
export class MerkleTree {
  /** levels[0] are the leaf hashes; the last level holds the root alone. */
  private readonly levels: Buffer[][];

  constructor(leafHashes: readonly Buffer[]) {
    this.levels = [leafHashes.slice()];
    let level = this.levels[0]!;
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(merkleNodeHash(level[i]!, level[i + 1]!));
      if (level.length % 2 === 1) next.push(level[level.length - 1]!);
      this.levels.push(next);
      level = next;
    }
  }

  static ofRecordHashes(recordHashes: readonly string[]): MerkleTree {
    return new MerkleTree(recordHashes.map(recordLeafHash));
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  root(): Buffer {
    return this.size === 0 ? EMPTY_TREE_ROOT : this.levels[this.levels.length - 1]![0]!;
  }

  /**
   * The audit path of leaf `index` (0-based): the sibling hashes from the leaf up to the root,
   * RFC 9162 §2.1.3.1's PATH(m, D[n]) in its order.
   */
  inclusionProof(index: number): Buffer[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`leaf ${index} is not in a tree of ${this.size}`);
    const path: Buffer[] = [];
    let position = index;
    for (let depth = 0; depth < this.levels.length - 1; depth++) {
      const level = this.levels[depth]!;
      const sibling = position ^ 1;
      // A last node without a sibling is carried up: nothing to add at this level.
      if (sibling < level.length) path.push(level[sibling]!);
      position >>= 1;
    }
    return path;
  }
}

/** MTH over leaf hashes without keeping the tree (for a root alone). */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  return new MerkleTree(leafHashes).root();
}

/**
 * RFC 9162 §2.1.3.2: whether `proof` proves that `leafHash` is leaf `index` of the tree of
 * `treeSize` leaves whose root is `root`.
 */
export function verifyInclusion(
  index: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  // Arithmetic on indices beyond 2^31 would break the bitwise operators below; ledgers stay far below.
  if (treeSize > 2 ** 31) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = merkleNodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
    } else {
      r = merkleNodeHash(r, p);
    }
    fn >>>= 1;
    sn >>>= 1;
  }
  return sn === 0 && Buffer.compare(Buffer.from(r), Buffer.from(root)) === 0;
}

/**
 * RFC 9162 §2.1.4.1: the consistency proof PROOF(m, D[n]) that the tree of the first `firstSize`
 * leaves is a prefix of the tree of all `leafHashes`: the subtree roots a verifier needs to rebuild
 * both roots. Empty when the sizes are equal (or the first tree is empty, which every tree extends).
 */
export function consistencyProof(leafHashes: readonly Buffer[], firstSize: number): Buffer[] {
  const size = leafHashes.length;
  if (!Number.isInteger(firstSize) || firstSize < 0 || firstSize > size)
    throw new RangeError(`no consistency proof from ${firstSize} leaves in a tree of ${size}`);
  if (firstSize === 0) return [];
  const proof: Buffer[] = [];
  // SUBPROOF(m, D[start:end], b), iterative: each step keeps one side and records the other side's root.
  const siblings: Buffer[] = [];
  let start = 0;
  let end = size;
  let m = firstSize;
  let wholeFirstTree = true;
  while (m !== end - start) {
    let k = 1;
    while (k * 2 < end - start) k *= 2;
    if (m <= k) {
      siblings.push(merkleRoot(leafHashes.slice(start + k, end)));
      end = start + k;
    } else {
      siblings.push(merkleRoot(leafHashes.slice(start, start + k)));
      start += k;
      m -= k;
      wholeFirstTree = false;
    }
  }
  // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}.
  if (!wholeFirstTree) proof.push(merkleRoot(leafHashes.slice(start, end)));
  // The recursion appends the sibling of each level after the deeper levels' nodes.
  for (let i = siblings.length - 1; i >= 0; i--) proof.push(siblings[i]!);
  return proof;
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` proves that the tree of `secondSize` leaves whose root is
 * `secondRoot` extends the tree of `firstSize` leaves whose root is `firstRoot` (same first
 * leaves, in the same order). Equal sizes need equal roots and an empty proof; an empty first tree
 * (whose root is the hash of nothing) is extended by every tree, with an empty proof.
 */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(firstSize) || !Number.isSafeInteger(secondSize)) return false;
  if (firstSize < 0 || firstSize > secondSize || secondSize > 2 ** 31) return false;
  if (proof.some((node) => node.length !== 32)) return false;
  const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
  if (firstSize === 0) return proof.length === 0 && same(firstRoot, EMPTY_TREE_ROOT);
  if (firstSize === secondSize) return proof.length === 0 && same(firstRoot, secondRoot);
  // 1. An empty proof proves nothing between different sizes.
  if (proof.length === 0) return false;
  // 2. When the first tree is a whole subtree (a power of two), it is the first node of the path.
  const path = (firstSize & (firstSize - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  // 3., 4. Skip the levels where the first tree's last node is a right child.
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn >>>= 1;
    sn >>>= 1;
  }
  // 5.
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = merkleNodeHash(c, fr);
      sr = merkleNodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>>= 1;
        sn >>>= 1;
      }
    } else {
      sr = merkleNodeHash(sr, c);
    }
    fn >>>= 1;
    sn >>>= 1;
  }
  // 7.
  return sn === 0 && same(fr, firstRoot) && same(sr, secondRoot);
}
