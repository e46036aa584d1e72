/**
 * Sandbox mode: every SP-API operation answers from the static sandbox cases in Amazon's
 * models instead of simulated data. Authentication and rate limits still apply first (the
 * operation wrapper in core/operation.ts calls the responder in place of the handler).
 */
export { NO_MATCHING_CASE, createSandboxResponder, requestPartsOf } from './sandbox-responder.js';
