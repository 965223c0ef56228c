// Ed25519 public keys of the ledger and signatures (pure, no I/O): how a key is named (its
// fingerprint), shown to people, and how a signature over a canonical text is checked. The private
// key side is in signing.server.ts.
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";

export const SIGNATURE_ALGORITHM = "Ed25519";

/** A key's id: SHA-256 (hex) of its raw 32-byte public key. */
export function keyFingerprint(rawPublicKey: Uint8Array): string {
  return createHash("sha256").update(rawPublicKey).digest("hex");
}

/** "3f2a 9c01 …": the fingerprint in groups of four characters, to read aloud or compare by eye. */
export function groupedFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(" ");
}

/** The raw 32 bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string")
    throw new Error("not an Ed25519 public key");
  return Buffer.from(jwk.x, "base64url");
}

/** A public key object from its raw 32 bytes, in base64 (as published in /registre/cles.json). */
export function publicKeyFromBase64(base64: string): KeyObject {
  const raw = Buffer.from(base64, "base64");
  if (raw.length !== 32) throw new Error("an Ed25519 public key is 32 bytes");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
}

/** The SubjectPublicKeyInfo PEM of a public key, for tools such as openssl. */
export function publicKeyPem(base64: string): string {
  return publicKeyFromBase64(base64).export({ format: "pem", type: "spki" }).toString();
}

/** Whether `signatureBase64` is a valid Ed25519 signature of the UTF-8 `text` by the key. */
export function verifySignature(publicKeyBase64: string, text: string, signatureBase64: string): boolean {
  try {
    const signature = Buffer.from(signatureBase64, "base64");
    if (signature.length !== 64) return false;
    return verify(null, Buffer.from(text, "utf8"), publicKeyFromBase64(publicKeyBase64), signature);
  } catch {
    return false;
  }
}
