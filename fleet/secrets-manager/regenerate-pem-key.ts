import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { generateLikeKeyPair, type KeyPair } from "./generate-like-key-pair.js";

const PRIVATE_PEM = /^-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (RSA |EC )?PRIVATE KEY-----\s*$/;
const PUBLIC_PEM = /^-----BEGIN (RSA )?PUBLIC KEY-----[\s\S]+-----END (RSA )?PUBLIC KEY-----\s*$/;

/** An unencrypted PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC). */
export function isPemPrivateKey(text: string): boolean {
  return PRIVATE_PEM.test(text.trim());
}

/** A PEM public key (SPKI or PKCS#1 RSA). */
export function isPemPublicKey(text: string): boolean {
  return PUBLIC_PEM.test(text.trim());
}

/** Exports a private key in the PEM encoding `like` uses, so consumers parse it the same way. */
export function exportPrivatePemLike(key: KeyObject, like: string): string {
  const type = like.includes("BEGIN RSA PRIVATE KEY")
    ? "pkcs1"
    : like.includes("BEGIN EC PRIVATE KEY")
      ? "sec1"
      : "pkcs8";
  const pem = key.export({ format: "pem", type }).toString();
  return like.endsWith("\n") ? pem : pem.trimEnd();
}

/** Exports a public key in the PEM encoding `like` uses (SPKI unless `like` is PKCS#1). */
export function exportPublicPemLike(key: KeyObject, like: string): string {
  const type = like.includes("BEGIN RSA PUBLIC KEY") ? "pkcs1" : "spki";
  const pem = key.export({ format: "pem", type }).toString();
  return like.endsWith("\n") ? pem : pem.trimEnd();
}

/** The SPKI DER (hex) of the public half of a PEM private or public key: an identity to pair keys by. */
export function publicKeyIdentity(pem: string): string {
  const key = isPemPrivateKey(pem) ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  return key.export({ format: "der", type: "spki" }).toString("hex");
}

/** A new key pair of the same type as the PEM private key `pem`, and the new private key in `pem`'s encoding. */
export async function regeneratePemPrivateKey(
  pem: string,
): Promise<{ readonly pem: string; readonly pair: KeyPair }> {
  const pair = await generateLikeKeyPair(createPrivateKey(pem));
  return { pem: exportPrivatePemLike(pair.privateKey, pem), pair };
}
