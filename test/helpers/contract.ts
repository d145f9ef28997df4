import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import request from 'supertest';

type Json = Record<string, unknown>;
interface ResponseObject { description: string; content?: Record<string, { schema?: Json }> }
interface Operation { responses: Record<string, ResponseObject> }

export interface CheckedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function describeErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 8)
    .map((e) => {
      const where = e.instancePath || '(body)';
      const extra = 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : '';
      return `${where} ${e.message ?? e.keyword}${extra}`;
    })
    .join('; ');
}

/**
 * Checks answers against the OpenAPI document the desk serves: the status must be declared (or
 * fall under `default`), the media type must be one the status declares, and a JSON body must
 * match its schema. Returns what is wrong, or undefined; paths the document does not describe
 * (health checks, the console, survey pages) are not part of the contract and pass.
 */
export function responseChecker(document: Json): (method: string, url: string, response: CheckedResponse) => string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const components = document.components as Json;
  const paths = document.paths as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  // literal segments win over parameters: /api/callbacks/policy before /api/callbacks/{id}
  const templates = Object.keys(paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^/]+?\\?\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (key: string, schema: Json): ValidateFunction => {
    let validate = compiled.get(key);
    if (!validate) {
      // the response schema's `#/components/...` references resolve against this root
      validate = ajv.compile({ ...schema, components });
      compiled.set(key, validate);
    }
    return validate;
  };

  return (method, url, response) => {
    const pathname = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0]!;
    const match = templates.find((t) => t.pattern.test(pathname) && paths[t.template]![method as (typeof METHODS)[number]]);
    if (!match) return undefined;
    const operation = paths[match.template]![method as (typeof METHODS)[number]]!;
    const name = `${method.toUpperCase()} ${match.template} → ${response.status}`;
    // `default` stands for the errors a route may answer; a success must be declared by its status
    const declared = operation.responses[String(response.status)] ?? (response.status >= 400 ? operation.responses.default : undefined);
    if (!declared) {
      return `${name}: status not declared (declared: ${Object.keys(operation.responses).join(', ')}); body ${JSON.stringify(response.body).slice(0, 300)}`;
    }
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim();
    const hasBody = mediaType !== '' && (response.text ?? JSON.stringify(response.body ?? '')).length > 0;
    if (!declared.content) return hasBody ? `${name}: declares no body but sent ${mediaType}` : undefined;
    if (!hasBody) return `${name}: declares ${Object.keys(declared.content).join(', ')} but sent no body`;
    const content = declared.content[mediaType];
    if (!content) return `${name}: sent ${mediaType}, declares ${Object.keys(declared.content).join(', ')}`;
    if (!content.schema || !/[/+]json$/.test(mediaType)) return undefined;
    const validate = validator(`${method} ${match.template} ${response.status} ${mediaType}`, content.schema);
    if (validate(response.body)) return undefined;
    return `${name}: body breaks the declared schema: ${describeErrors(validate.errors ?? [])}`;
  };
}

type Agent = ReturnType<typeof request>;

/**
 * supertest against `app` where every answer is also checked against `document`: a response that
 * breaks its declaration fails the request's promise like a failed `.expect()`, after the test's
 * own expectations (so a wrong status still reads as a wrong status).
 */
export function checkedRequest(app: Express, document: Json): Agent {
  const check = responseChecker(document);
  const agent = request(app);
  const wrapped = { ...agent } as Agent;
  for (const method of METHODS) {
    wrapped[method] = (url: string) => {
      const test = agent[method](url);
      const end = test.end.bind(test);
      let armed = false;
      test.end = (fn) => {
        if (!armed) {
          armed = true;
          const asserts = (test as unknown as { _asserts: ((res: CheckedResponse) => Error | undefined)[] })._asserts;
          asserts.push((res) => {
            const problem = check(method, url, res);
            return problem ? new Error(`response breaks the OpenAPI contract: ${problem}`) : undefined;
          });
        }
        return end(fn);
      };
      return test;
    };
  }
  return wrapped;
}
