/**
 * Minting: jose `CompactSign` with exactly the header members verification accepts. ES256
 * signatures are rewritten to low-S so every token we mint has the one spelling we accept.
 */
import { randomBytes } from "node:crypto";
import { CompactSign } from "jose";
import { encodeSegment, toLowS } from "./format.ts";
import type { SigningKeyEntry } from "./keys.ts";

const encoder = new TextEncoder();

export async function signToken(key: SigningKeyEntry, typ: string, claims: object): Promise<string> {
  const token = await new CompactSign(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: key.alg, typ, kid: key.kid })
    .sign(key.signKey);
  if (key.alg !== "ES256") return token;
  const dot = token.lastIndexOf(".");
  const signature = toLowS(Buffer.from(token.slice(dot + 1), "base64url"));
  return `${token.slice(0, dot)}.${encodeSegment(signature)}`;
}

/** 128 random bits, base64url (22 chars). */
export function newId(): string {
  return randomBytes(16).toString("base64url");
}
