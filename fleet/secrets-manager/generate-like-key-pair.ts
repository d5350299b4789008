import { generateKeyPair, type KeyObject } from "node:crypto";

/** A fresh asymmetric key pair. */
export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

type GenerateKeyPairCallback = (
  type: string,
  options: Record<string, unknown>,
  callback: (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) => void,
) => void;

/** The generation options that reproduce `key`'s algorithm and size (modulus, curve, PSS parameters). */
function optionsLike(key: KeyObject): Record<string, unknown> {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa":
      return {
        modulusLength: details.modulusLength,
        publicExponent: Number(details.publicExponent ?? 65537n),
      };
    case "rsa-pss":
      return {
        modulusLength: details.modulusLength,
        publicExponent: Number(details.publicExponent ?? 65537n),
        ...(details.hashAlgorithm ? { hashAlgorithm: details.hashAlgorithm } : {}),
        ...(details.mgf1HashAlgorithm ? { mgf1HashAlgorithm: details.mgf1HashAlgorithm } : {}),
        ...(details.saltLength !== undefined ? { saltLength: details.saltLength } : {}),
      };
    case "ec":
      return { namedCurve: details.namedCurve };
    case "ed25519":
    case "ed448":
    case "x25519":
    case "x448":
      return {};
    default:
      throw new Error(`cannot generate a key of type ${String(key.asymmetricKeyType)}`);
  }
}

/**
 * A new key pair of the same type and size as `key` (RSA, RSA-PSS, EC curve, Ed25519/Ed448):
 * rotation must keep consumers' algorithms working while changing the key material.
 */
export function generateLikeKeyPair(key: KeyObject): Promise<KeyPair> {
  const type = key.asymmetricKeyType;
  const options = optionsLike(key);
  const generate = generateKeyPair as unknown as GenerateKeyPairCallback;
  return new Promise((resolve, reject) => {
    generate(String(type), options, (error, publicKey, privateKey) => {
      if (error) reject(error);
      else resolve({ privateKey, publicKey });
    });
  });
}
