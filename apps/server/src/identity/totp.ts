/**
 * TOTP (RFC 6238) through otplib v13: SHA-1, 6 digits, 30 s (what authenticator apps expect),
 * 160-bit secrets, a window of ±1 step, and replay protection through the last accepted step.
 */
import { generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
const SECRET_BYTES = 20;

export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** The `otpauth://totp/…` URI a QR code is drawn from. */
export function totpUri(issuer: string, accountLabel: string, secret: string): string {
  return generateURI({ issuer, label: accountLabel, secret });
}

/**
 * The time step the code belongs to, or null when it is wrong, outside ±1 step of `nowMs`, or
 * not later than `lastUsedStep` (a replay).
 */
export async function acceptedTotpStep(
  secret: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(nowMs / 1000);
  // otplib throws when `afterTimeStep` lies beyond the window (a clock set back): refuse instead.
  if (lastUsedStep !== null && lastUsedStep > Math.floor(epoch / TOTP_PERIOD_SECONDS)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(lastUsedStep === null ? {} : { afterTimeStep: lastUsedStep }),
  });
  if (!result.valid || !('timeStep' in result)) return null;
  return result.timeStep;
}
