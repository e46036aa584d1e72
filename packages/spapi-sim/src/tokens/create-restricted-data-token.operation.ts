import { randomBytes } from 'node:crypto';
import { invalidInput } from '../core/errors.js';
import type { RestrictedResource, SimApplication } from '../core/grants.js';
import { defineOperation, type OperationContext, type OperationResult } from '../core/operation.js';
import { RDT_TTL_SECONDS, type SimState } from '../core/state.js';
import { parseCreateRdtRequest, type RequestedResource } from './rdt-request.js';
import { NO_ACCESS_TO_RESOURCE, checkResource } from './resource-check.js';
import { isRestrictedReportDocument } from './report-documents.js';

/** Expired tokens are kept this long so a late caller still hears "has expired". */
const EXPIRED_RETENTION_MS = 24 * 3600 * 1000;

/** `Atz.sprdt|` plus standard base64, as Amazon's RDTs look (`Atz.sprdt|AYABePut/6a4O…`). */
function mintRestrictedDataToken(): string {
  return `Atz.sprdt|${randomBytes(150).toString('base64')}`;
}

/**
 * `targetApplication` delegates the token to another application (Amazon's delegatee flow).
 * The draft-app form `amzn1.sp.solution.…&version=beta` is accepted too.
 */
function resolveTargetApplication(
  state: SimState,
  targetApplication: string | undefined,
): SimApplication | null | undefined {
  if (targetApplication === undefined) return undefined;
  const applicationId = targetApplication.replace(/&version=beta$/, '');
  return state.applicationById(applicationId) ?? null;
}

function toStoredResource({ method, path, dataElements }: RequestedResource): RestrictedResource {
  return dataElements === undefined ? { method, path } : { method, path, dataElements };
}

function purgeLongExpired(state: SimState, now: number): void {
  for (const [token, grant] of state.restrictedDataTokens) {
    if (grant.expiresAt + EXPIRED_RETENTION_MS < now) state.restrictedDataTokens.delete(token);
  }
}

/**
 * createRestrictedDataToken: called with the seller's LWA access token (an RDT is refused by
 * the operation wrapper, which only lets RDTs into restricted operations). The token is bound
 * to the seller, the application it is for, the region of the endpoint and the resources.
 */
function createRestrictedDataToken({
  req,
  state,
  caller,
  now,
  region,
}: OperationContext): OperationResult {
  const parsed = parseCreateRdtRequest(req.body);
  if (!parsed.ok) throw parsed.error;
  const { restrictedResources, targetApplication } = parsed.request;

  const target = resolveTargetApplication(state, targetApplication);
  if (target === null) {
    throw invalidInput(
      NO_ACCESS_TO_RESOURCE,
      'targetApplication is not the application id of a known application.',
    );
  }
  const applications = target ? [caller.application, target] : [caller.application];
  for (const resource of restrictedResources) {
    const error = checkResource(resource, {
      applications,
      isRestrictedReportDocument: (documentId) =>
        isRestrictedReportDocument(state, caller.sellingPartnerId, documentId),
    });
    if (error) throw error;
  }

  purgeLongExpired(state, now);
  const token = mintRestrictedDataToken();
  state.restrictedDataTokens.set(token, {
    token,
    clientId: (target ?? caller.application).clientId,
    sellingPartnerId: caller.sellingPartnerId,
    region,
    resources: restrictedResources.map(toStoredResource),
    expiresAt: now + RDT_TTL_SECONDS * 1000,
  });
  return { status: 200, body: { restrictedDataToken: token, expiresIn: RDT_TTL_SECONDS } };
}

export const createRestrictedDataTokenOperation = defineOperation({
  operationId: 'createRestrictedDataToken',
  api: 'tokens20210301',
  method: 'post',
  path: '/tokens/2021-03-01/restrictedDataToken',
  handler: createRestrictedDataToken,
});
