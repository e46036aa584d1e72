// One Ajv instance per validator: each model's definitions are converted and added once
// (under `spapi-models:<api>`), and every schema compiled from them is cached by a key.
import { Ajv, type ValidateFunction } from 'ajv';
import { registerFormats, type DateTimeMode } from './formats.js';
import { convertDefinitions, convertSchema, type JsonSchema } from './json-schema.js';
import { loadModel, type ApiName } from './models.js';

export interface SchemaCompiler {
  /** Compiles (once per `key`) a Swagger schema of `api`'s model. */
  compile(api: ApiName, key: string, swaggerSchema: unknown): ValidateFunction;
  /** Compiles (once per `key`) a JSON Schema already converted. */
  compileJson(api: ApiName, key: string, schema: JsonSchema): ValidateFunction;
}

export function modelSchemaId(api: ApiName): string {
  return `spapi-models:${api}`;
}

export function createSchemaCompiler(dateTime: DateTimeMode): SchemaCompiler {
  // strict: unknown keywords or formats, and ambiguous types, fail at compile time.
  const ajv = new Ajv({ strict: true, allErrors: true });
  registerFormats(ajv, dateTime);
  const compiled = new Map<string, ValidateFunction>();

  const addModel = (api: ApiName): void => {
    const refBase = modelSchemaId(api);
    if (ajv.getSchema(refBase)) return;
    const definitions = convertDefinitions(loadModel(api).definitions, { refBase });
    ajv.addSchema({ $id: refBase, definitions });
  };

  const compileJson = (api: ApiName, key: string, schema: JsonSchema): ValidateFunction => {
    const cacheKey = `${api} ${key}`;
    const cached = compiled.get(cacheKey);
    if (cached) return cached;
    addModel(api);
    const validate = ajv.compile(schema);
    compiled.set(cacheKey, validate);
    return validate;
  };

  return {
    compileJson,
    compile: (api, key, swaggerSchema) => {
      const cached = compiled.get(`${api} ${key}`);
      if (cached) return cached;
      return compileJson(api, key, convertSchema(swaggerSchema, { refBase: modelSchemaId(api) }));
    },
  };
}
