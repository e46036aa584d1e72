import { findOperation } from './operations.js';
import type { ApiName } from './models.js';

export interface UsagePlan {
  /** Requests per second restored to the bucket. */
  rate: number;
  /** Bucket size. */
  burst: number;
}

// The models document each operation's default usage plan as a Markdown table in the
// description: "| Rate (requests per second) | Burst |" followed by "| 0.0167 | 20 |".
const TABLE =
  /\|\s*Rate \(requests per second\)\s*\|\s*Burst\s*\|\s*\n\s*\|[-\s|]+\|\s*\n\s*\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/;

/** The default usage plan of an operation, read from its model description. */
export function usagePlanOf(api: ApiName, operationId: string): UsagePlan {
  const { operation } = findOperation(api, operationId);
  const match = TABLE.exec(operation.description ?? '');
  if (!match?.[1] || !match[2]) {
    throw new Error(`No usage plan table in the model for ${api}.${operationId}`);
  }
  return { rate: Number(match[1]), burst: Number(match[2]) };
}
