import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The Amazon models we vendor, unmodified, in `../models` (see models/SOURCE.md). */
export const MODEL_FILES = {
  ordersV0: 'ordersV0.json',
  orders20260101: 'orders_2026-01-01.json',
  tokens20210301: 'tokens_2021-03-01.json',
  reports20210630: 'reports_2021-06-30.json',
  notifications: 'notifications.json',
} as const;

export type ApiName = keyof typeof MODEL_FILES;

/** Validation fields a Swagger 2.0 non-body parameter, or its `items`, may carry. */
export interface SwaggerSimpleSchema {
  type?: string;
  format?: string;
  items?: SwaggerSimpleSchema;
  /** How an array is written in one string: `csv` (default), `ssv`, `tsv`, `pipes`, `multi`. */
  collectionFormat?: string;
  enum?: (string | number | boolean)[];
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  maximum?: number;
  minimum?: number;
  exclusiveMaximum?: boolean;
  exclusiveMinimum?: boolean;
  multipleOf?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  default?: unknown;
}

export interface SwaggerParameter extends SwaggerSimpleSchema {
  name: string;
  in: 'query' | 'path' | 'body' | 'header' | 'formData';
  description?: string;
  required?: boolean;
  /** The body schema (`in: body` only). */
  schema?: unknown;
}

export interface SwaggerOperation {
  operationId: string;
  description?: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
}

export interface SwaggerResponse {
  description?: string;
  /** Absent when the response has no body (Swagger 2.0). */
  schema?: unknown;
  /** Example bodies by MIME type (Amazon sometimes keys them by a case name instead). */
  examples?: Record<string, unknown>;
  'x-amzn-api-sandbox'?: unknown;
}

export interface SwaggerModel {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, Record<string, SwaggerOperation | SwaggerParameter[]>>;
  definitions: Record<string, unknown>;
}

const cache = new Map<ApiName, SwaggerModel>();

/** Reads and caches one of Amazon's models. */
export function loadModel(api: ApiName): SwaggerModel {
  const cached = cache.get(api);
  if (cached) return cached;
  const url = new URL(`../models/${MODEL_FILES[api]}`, import.meta.url);
  const model = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as SwaggerModel;
  cache.set(api, model);
  return model;
}
