import fs from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { exportOpenApi } from './export';

/** The console's copy of the contract: `npm run gen:api` writes it; `npm run gen:api -- --check` (run by the contract test) fails when it is stale. */
export const GENERATED_CLIENT_TYPES = path.resolve(__dirname, '..', '..', 'client', 'src', 'api', 'schema.gen.ts');

const HEADER = `/**
 * Generated from GET /api/openapi.json by openapi-typescript: do not edit.
 * Regenerate with \`npm run gen:api\` after changing a route or a response schema.
 */
`;

export async function generateClientTypes(document: Record<string, unknown> = exportOpenApi()): Promise<string> {
  const ast = await openapiTS(document as unknown as OpenAPI3, { alphabetize: true });
  return HEADER + astToString(ast);
}

/** `[--check] [--out FILE]`: write FILE (default the console's copy), or only compare it. */
async function main(args: string[]): Promise<void> {
  const generated = await generateClientTypes();
  const outIndex = args.indexOf('--out');
  const file = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]!) : GENERATED_CLIENT_TYPES;
  const relative = path.relative(process.cwd(), file);
  if (args.includes('--check')) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== generated) {
      process.stderr.write(`${relative} is stale: run npm run gen:api and commit it\n`);
      process.exit(1);
    }
    process.stdout.write(`${relative} is current\n`);
    return;
  }
  fs.writeFileSync(file, generated);
  process.stdout.write(`wrote ${relative}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
}
