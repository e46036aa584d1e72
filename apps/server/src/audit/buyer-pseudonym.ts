/**
 * The only form in which a buyer identifier may enter the audit trail: a keyed BLAKE2b-256 hash
 * (crypto module) under a key used for nothing else, so the same buyer gives the same value
 * across entries (alerts can count) while the value cannot be reversed or joined to a blind index.
 */
import { keyedHash } from '../crypto/index.js';

/** `bh1_` + 64 hex: version 1 of the pseudonym, recognisable in the schema and by reviewers. */
export const BUYER_PSEUDONYM = /^bh1_[0-9a-f]{64}$/;

/** The audit pseudonym of a buyer identifier (e.g. Amazon's BuyerInfo email or buyer id). */
export function buyerPseudonym(auditBuyerKey: Uint8Array, buyerIdentifier: string): string {
  return `bh1_${keyedHash(auditBuyerKey, buyerIdentifier)}`;
}
