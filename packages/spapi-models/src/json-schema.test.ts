import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { isIso8601DateTime, isRfc3339DateTime, registerFormats } from './formats.js';
import { convertDefinitions, convertSchema, type JsonSchema } from './json-schema.js';

const options = { refBase: 'test:model' };

function validatorFor(definitions: Record<string, unknown>, root: unknown) {
  const ajv = new Ajv({ strict: true, allErrors: true });
  registerFormats(ajv, 'rfc3339');
  ajv.addSchema({ $id: 'test:model', definitions: convertDefinitions(definitions, options) });
  return ajv.compile(convertSchema(root, options));
}

describe('convertSchema', () => {
  it('points #/definitions refs at the model schema and drops Swagger-only annotations', () => {
    const schema = convertSchema(
      {
        type: 'object',
        properties: {
          a: { $ref: '#/definitions/A', example: 'x', 'x-docgen-enum-table-extension': [] },
        },
        example: { a: 1 },
        externalDocs: { url: 'https://example.com' },
        readOnly: true,
      },
      options,
    );
    expect(schema).toEqual({
      type: 'object',
      properties: { a: { $ref: 'test:model#/definitions/A' } },
      readOnly: true,
    });
  });

  it('turns x-nullable into a null alternative', () => {
    expect(convertSchema({ type: 'string', enum: ['A'], 'x-nullable': true }, options)).toEqual({
      type: ['string', 'null'],
      enum: ['A', null],
    });
    expect(convertSchema({ $ref: '#/definitions/A', 'x-nullable': true }, options)).toEqual({
      anyOf: [{ $ref: 'test:model#/definitions/A' }, { type: 'null' }],
    });
    const validate = validatorFor(
      { A: { type: 'integer' } },
      { $ref: '#/definitions/A', 'x-nullable': true },
    );
    expect([validate(null), validate(3), validate('3')]).toEqual([true, true, false]);
  });

  it('translates draft-04 exclusive bounds', () => {
    expect(
      convertSchema({ type: 'number', maximum: 5, exclusiveMaximum: true, minimum: 0 }, options),
    ).toEqual({
      type: 'number',
      exclusiveMaximum: 5,
      minimum: 0,
    });
  });

  it('accepts anything for type: file (binary bodies)', () => {
    expect(convertSchema({ type: 'file', description: 'A PDF.' }, options)).toEqual({
      description: 'A PDF.',
    });
  });

  it('refuses what it cannot translate faithfully', () => {
    expect(() => convertSchema({ type: 'string', nullable: true }, options)).toThrow(/"nullable"/);
    expect(() => convertSchema({ $ref: 'other.json#/X' }, options)).toThrow(/#\/definitions/);
  });
});

describe('convertDefinitions with a discriminator', () => {
  const definitions = {
    Pet: {
      type: 'object',
      discriminator: 'petType',
      required: ['petType', 'name'],
      properties: { petType: { type: 'string' }, name: { type: 'string' } },
    },
    Cat: {
      allOf: [
        { $ref: '#/definitions/Pet' },
        {
          type: 'object',
          required: ['huntingSkill'],
          properties: { huntingSkill: { type: 'string' } },
        },
      ],
    },
    Dog: {
      'x-discriminator-value': 'dog',
      allOf: [
        { $ref: '#/definitions/Pet' },
        { type: 'object', required: ['packSize'], properties: { packSize: { type: 'integer' } } },
      ],
    },
  };

  it('dispatches on the discriminator value to the subtype', () => {
    const validate = validatorFor(definitions, { $ref: '#/definitions/Pet' });
    expect(validate({ petType: 'Cat', name: 'Tom', huntingSkill: 'lazy' })).toBe(true);
    expect(validate({ petType: 'Cat', name: 'Tom' })).toBe(false);
    expect(validate({ petType: 'dog', name: 'Rex', packSize: 3 })).toBe(true);
    expect(validate({ petType: 'dog', name: 'Rex', packSize: 'big' })).toBe(false);
    expect(validate({ name: 'Nobody' })).toBe(false);
  });

  it('lets subtypes extend the base without looping back to the dispatch', () => {
    const converted = convertDefinitions(definitions, options);
    const catAllOf = converted.Cat!.allOf as JsonSchema[];
    expect(catAllOf[0]).toEqual({ $ref: 'test:model#/definitions/Pet__base' });
    const validate = validatorFor(definitions, { $ref: '#/definitions/Cat' });
    expect(validate({ petType: 'Cat', name: 'Tom', huntingSkill: 'sly' })).toBe(true);
  });
});

describe('formats', () => {
  it('reads RFC 3339 strictly and ISO 8601 loosely', () => {
    expect(isRfc3339DateTime('2024-03-10T20:11:24.000Z')).toBe(true);
    expect(isRfc3339DateTime('2024-03-10T20:11:24+05:30')).toBe(true);
    expect(isRfc3339DateTime('2024-02-30T20:11:24Z')).toBe(false);
    expect(isRfc3339DateTime('2024-03-10T20:11Z')).toBe(false);
    expect(isRfc3339DateTime('2024-03-10T20:11:24')).toBe(false);
    expect(isIso8601DateTime('2024-03-10T20:11')).toBe(true);
    expect(isIso8601DateTime('2024-03-10T20:11:24+0530')).toBe(true);
    expect(isIso8601DateTime('03/10/2024')).toBe(false);
  });

  it('checks the Swagger numeric formats', () => {
    const validate = validatorFor({}, { type: 'integer', format: 'int32' });
    expect([validate(2 ** 31 - 1), validate(2 ** 31)]).toEqual([true, false]);
    const decimal = validatorFor({}, { type: 'string', format: 'decimal' });
    expect([decimal('19.99'), decimal('1e3'), decimal('nineteen')]).toEqual([true, true, false]);
  });
});
