// Access control: tenancy, roles, the permission policy (CASL), and route declarations.
// See the "Access control" section of apps/server/README.md.

export {
  ALL_ROLES,
  Role,
  SELLER_ROLES,
  STAFF_ROLES,
  isRole,
  isSellerRole,
  isStaffRole,
  type SellerRole,
  type StaffRole,
} from './roles.js';
export {
  isSellerPrincipal,
  principalSchema,
  toPrincipal,
  type Principal,
  type PrincipalInput,
  type SellerPrincipal,
  type StaffPrincipal,
} from './principal.js';
export {
  Action,
  SUBJECT_ACTIONS,
  SUBJECT_NAMES,
  Subject,
  type ActionOn,
  type AppAbility,
  type SubjectAttributes,
  type SubjectName,
  type TaggedSubject,
} from './subjects.js';
export {
  FIELD_CATALOG,
  FieldClass,
  ORDER_PII_FIELDS,
  allFieldsOf,
  fieldsOf,
  someFieldsOf,
  type CataloguedSubject,
  type FieldOf,
} from './fields.js';
export { defineAbilityFor } from './define-ability.js';
export {
  authorize,
  checkSubject,
  filterPermitted,
  permittedFields,
  pickPermitted,
  tagSubject,
  type AccessCheck,
} from './authorize.js';
export {
  recordAccessDenials,
  type AccessDenial,
  type AccessDenialRecorder,
} from './access-denials.js';
export { abilityOf, bindPrincipal, principalOf, requirePrincipal } from './request-principal.js';
export {
  accessDecisionOf,
  checkRouteAccess,
  type AccessDecision,
  describeAccess,
  type AccessOutcome,
  type PermissionRequirement,
  type RouteAccess,
  type SubjectResolver,
} from './route-access.js';
export { RouteScope, representativeOf } from './route-scope.js';
export {
  ROUTE_METHODS,
  createSecureRouter,
  declareMiddleware,
  declarePublicHandler,
  type RouteDeclaration,
  type RouteMethod,
  type SecureRouter,
} from './secure-router.js';
export {
  UndeclaredRouteError,
  assertEveryRouteDeclared,
  type InventoryEntry,
} from './route-inventory.js';
