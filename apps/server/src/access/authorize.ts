/**
 * Instance-level checks for use cases and the route guard.
 *
 * Denial codes (a decision, see the README's "Access control"):
 * - The principal may not even `read` the resource (another organization's order, a platform
 *   alert) → NOT_FOUND, the same answer as for an id that does not exist. A caller learns
 *   nothing about what exists outside its reach.
 * - The principal may read it but not do this (a viewer revealing an order of its own
 *   organization) → FORBIDDEN: it already knows the resource exists, and the UI needs to tell
 *   "not allowed" from "gone".
 */
import { subject as caslSubject, type ForcedSubject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { AppError, ErrorCode } from '@spapi/shared';
import { allFieldsOf, type CataloguedSubject, type FieldOf } from './fields.js';
import type {
  ActionOn,
  AppAbility,
  SubjectAttributes,
  SubjectName,
  TaggedSubject,
} from './subjects.js';

export type DenialCode = typeof ErrorCode.NOT_FOUND | typeof ErrorCode.FORBIDDEN;
export type AccessCheck =
  { readonly allowed: true } | { readonly allowed: false; readonly code: DenialCode };

/**
 * Tags a copy of `attributes` with its subject type. A copy, because CASL marks the object it
 * is given and a repository row must stay a plain object.
 */
export function tagSubject<S extends SubjectName>(
  type: S,
  attributes: SubjectAttributes[S],
): TaggedSubject {
  const tagged: SubjectAttributes[S] & ForcedSubject<S> = caslSubject(type, { ...attributes });
  // TypeScript cannot correlate a generic S with the TaggedSubject union; the value is exact.
  return tagged as TaggedSubject;
}

/** The decision for one action on one resource (optionally one field of it), without throwing. */
export function checkSubject<S extends SubjectName>(
  ability: AppAbility,
  action: ActionOn<S>,
  type: S,
  attributes: SubjectAttributes[S],
  field?: string,
): AccessCheck {
  const target = tagSubject(type, attributes);
  if (ability.can(action, target, field)) return { allowed: true };
  const visible = ability.can('read', target);
  return { allowed: false, code: visible ? ErrorCode.FORBIDDEN : ErrorCode.NOT_FOUND };
}

/** Throws AppError(NOT_FOUND | FORBIDDEN) unless the action is allowed on this resource. */
export function authorize<S extends SubjectName>(
  ability: AppAbility,
  action: ActionOn<S>,
  type: S,
  attributes: SubjectAttributes[S],
  field?: string,
): void {
  const decision = checkSubject(ability, action, type, attributes, field);
  if (!decision.allowed) throw new AppError(decision.code, { message: 'Access denied' });
}

/** The fields of a catalogued subject this principal may `action` (for one resource, if given). */
export function permittedFields<S extends CataloguedSubject>(
  ability: AppAbility,
  action: ActionOn<S>,
  type: S,
  attributes?: SubjectAttributes[S],
): FieldOf<S>[] {
  const target = attributes === undefined ? type : tagSubject(type, attributes);
  const all = allFieldsOf(type);
  const fields = permittedFieldsOf(ability, action, target, {
    fieldsFrom: (rule) => rule.fields ?? all,
  });
  // Only catalogued names: a rule listing an unknown field grants nothing in a response.
  return all.filter((field) => fields.includes(field));
}

/**
 * A copy of `row` holding only the fields this principal may `action`: the projection every
 * response of a catalogued subject goes through (plain fields for `read`, PII for `reveal`).
 */
export function pickPermitted<S extends CataloguedSubject, R extends SubjectAttributes[S]>(
  ability: AppAbility,
  action: ActionOn<S>,
  type: S,
  row: R,
): Partial<R> {
  const picked: Partial<Record<string, unknown>> = {};
  const source: Readonly<Record<string, unknown>> = row;
  for (const field of permittedFields(ability, action, type, row)) {
    if (Object.hasOwn(source, field)) picked[field] = source[field];
  }
  return picked as Partial<R>;
}

/** The rows of a list this principal may `action`: the backstop behind a scoped query. */
export function filterPermitted<S extends SubjectName, R extends SubjectAttributes[S]>(
  ability: AppAbility,
  action: ActionOn<S>,
  type: S,
  rows: readonly R[],
): R[] {
  return rows.filter((row) => ability.can(action, tagSubject(type, row)));
}
