/**
 * Minimal valid rows for storage tests. Each call makes new ids, so tests sharing a suite's
 * database never collide. Override any column.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { NewRow } from '../src/storage/database.types.js';

/** A fixed instant past 2^31 seconds *and* 2^32 ms: catches 32-bit truncation. */
export const T0 = Date.UTC(2030, 0, 15, 12, 0, 0, 123);

export function hexHash(): string {
  return randomBytes(32).toString('hex');
}

export function newOrganization(
  overrides: Partial<NewRow<'organizations'>> = {},
): NewRow<'organizations'> {
  return {
    id: randomUUID(),
    name: 'Harbor & Pine Goods',
    created_at: T0,
    updated_at: T0,
    ...overrides,
  };
}

export function newSellerUser(
  organizationId: string,
  overrides: Partial<NewRow<'users'>> = {},
): NewRow<'users'> {
  const id = randomUUID();
  return {
    id,
    organization_id: organizationId,
    email: `user-${id}@example.test`,
    role: 'operator',
    created_at: T0,
    updated_at: T0,
    ...overrides,
  };
}

export function newStaffUser(overrides: Partial<NewRow<'users'>> = {}): NewRow<'users'> {
  const id = randomUUID();
  return {
    id,
    organization_id: null,
    email: `staff-${id}@example.test`,
    role: 'support',
    created_at: T0,
    updated_at: T0,
    ...overrides,
  };
}
