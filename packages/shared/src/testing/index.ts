// Test-only helpers for leak tests: generators of synthetic PII, of the places PII ends up in
// logs, and a leak check. Not part of the runtime API; import from `@spapi/shared/testing`.
export * from './pii-arbitraries.js';
export * from './placement-arbitraries.js';
export { leaks } from './leak-check.js';
