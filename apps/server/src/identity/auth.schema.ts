/**
 * HTTP bodies of the identity endpoints. Platform-neutral (zod only) so they can move to
 * `packages/shared` unchanged. Lengths are bounds for parsing; the password *policy* is applied
 * by the use cases that set a password.
 */
import { z } from 'zod';

const email = z.string().trim().min(3).max(254).pipe(z.email());
/** Sign-in accepts any non-empty password up to the maximum (old passwords may be shorter). */
const anyPassword = z.string().min(1).max(256);
const newPassword = z.string().min(1).max(256);
const token = z
  .string()
  .min(16)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/);

export const signInBodySchema = z.strictObject({ email, password: anyPassword });
export const totpBodySchema = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
export const recoveryBodySchema = z.strictObject({
  code: z
    .string()
    .min(16)
    .max(40)
    .regex(/^[A-Za-z0-9 -]+$/),
});
export const deviceTokenBodySchema = z.strictObject({ label: z.string().trim().min(1).max(100) });
export const deviceRefreshBodySchema = z.strictObject({ refreshToken: token });
export const deviceIdParamsSchema = z.strictObject({ id: z.uuid() });
export const passwordChangeBodySchema = z.strictObject({
  currentPassword: anyPassword,
  newPassword,
});
/** Roles an owner can give: seller roles only (staff are created with the admin CLI). */
const sellerRole = z.enum(['owner', 'operator', 'viewer']);
export const inviteBodySchema = z.strictObject({ email, role: sellerRole });
export const roleChangeBodySchema = z.strictObject({ role: sellerRole });
export const userIdParamsSchema = z.strictObject({ userId: z.uuid() });
export const tokenWithPasswordBodySchema = z.strictObject({ token, password: newPassword });
export const passwordResetRequestBodySchema = z.strictObject({ email });

export const signInResponseSchema = z.object({
  next: z.enum(['mfa-enroll', 'mfa-verify']),
  csrfToken: z.string(),
});
export const sessionResponseSchema = z.object({
  state: z.enum(['pending-mfa', 'active']),
  userId: z.string(),
  role: z.string().optional(),
  organizationId: z.string().nullable().optional(),
});
