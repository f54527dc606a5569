// The CLI's JSON Schema (docs/cli-output.schema.json) as validators, for tests of real output.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schema: unknown = JSON.parse(readFileSync(new URL('../../../docs/cli-output.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
if (typeof schema !== 'object' || schema === null) throw new Error('docs/cli-output.schema.json is not a JSON object');
ajv.addSchema(schema, 'cli-output');

function validator(ref: string): (value: unknown) => string[] {
  const validate = ajv.compile({ $ref: `cli-output${ref}` });
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`));
}

/** The problems with one `decode --json` output (a Cookie header or one HAR file); empty when it fits. */
export const decodeOutputProblems = validator('#/$defs/decodeOutput');
/** The problems with one line of `decode --har DIR --json`; empty when it fits. */
export const siteAuditProblems = validator('#/$defs/siteAudit');
/** The problems against the schema as a whole (either form). */
export const outputProblems = validator('');
