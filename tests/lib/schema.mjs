// tests/lib/schema.mjs — checks a value against a schema of src/http/openapi.json (the subset of
// JSON Schema the document uses: $ref, allOf, type, nullable, enum, pattern, required,
// properties, additionalProperties, items). Returns the list of problems ([] when it conforms).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './server.mjs';

/** The API document, parsed. */
export async function openapi() {
  return JSON.parse(await readFile(path.join(ROOT, 'src/http/openapi.json'), 'utf8'));
}

/** Problems of VALUE against components.schemas[NAME] of DOC. */
export function schemaErrors(doc, name, value) {
  return checkSchema(doc, { $ref: `#/components/schemas/${name}` }, value);
}

export function checkSchema(doc, schema, value, at = '$', errors = []) {
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k], doc);
    return checkSchema(doc, target, value, at, errors);
  }
  if (value === null) {
    if (!schema.nullable && Object.keys(schema).length) errors.push(`${at}: null not allowed`);
    return errors;
  }
  if (schema.allOf) for (const s of schema.allOf) checkSchema(doc, s, value, at, errors);
  const t = schema.type;
  const typeOk = {
    object: () => typeof value === 'object' && !Array.isArray(value),
    array: () => Array.isArray(value),
    string: () => typeof value === 'string',
    integer: () => Number.isInteger(value),
    number: () => typeof value === 'number',
    boolean: () => typeof value === 'boolean',
  };
  if (t && !typeOk[t]()) {
    errors.push(`${at}: expected ${t}, got ${JSON.stringify(value)}`);
    return errors;
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) {
    errors.push(`${at}: ${value} does not match ${schema.pattern}`);
  }
  if (t === 'object') {
    for (const k of schema.required ?? []) if (!(k in value)) errors.push(`${at}: missing ${k}`);
    for (const [k, v] of Object.entries(value)) {
      if (schema.properties?.[k]) checkSchema(doc, schema.properties[k], v, `${at}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}: undocumented member ${k}`);
      else if (typeof schema.additionalProperties === 'object') {
        checkSchema(doc, schema.additionalProperties, v, `${at}.${k}`, errors);
      }
    }
  }
  if (t === 'array' && schema.items) value.forEach((v, i) => checkSchema(doc, schema.items, v, `${at}[${i}]`, errors));
  return errors;
}
