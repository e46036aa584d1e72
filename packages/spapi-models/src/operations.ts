import { loadModel, type ApiName, type SwaggerOperation, type SwaggerParameter } from './models.js';

export interface ModelOperation {
  api: ApiName;
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The model's path template, e.g. `/orders/v0/orders/{orderId}/address`. */
  path: string;
  operation: SwaggerOperation;
  /** Path-level parameters merged with operation-level ones. */
  parameters: SwaggerParameter[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function listOperations(api: ApiName): ModelOperation[] {
  const model = loadModel(api);
  const out: ModelOperation[] = [];
  for (const [path, item] of Object.entries(model.paths)) {
    const shared = (item.parameters as SwaggerParameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as SwaggerOperation | undefined;
      if (!operation) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])];
      out.push({ api, operationId: operation.operationId, method, path, operation, parameters });
    }
  }
  return out;
}

export function findOperation(api: ApiName, operationId: string): ModelOperation {
  const found = listOperations(api).find((op) => op.operationId === operationId);
  if (!found) throw new Error(`Operation ${operationId} is not in model ${api}`);
  return found;
}
