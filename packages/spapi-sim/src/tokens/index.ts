import type { OperationDef } from '../core/operation.js';
import { createRestrictedDataTokenOperation } from './create-restricted-data-token.operation.js';

/** Tokens API 2021-03-01. */
export const tokensOperations: OperationDef[] = [createRestrictedDataTokenOperation];
