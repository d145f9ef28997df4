import { readIdempotencyKey } from '../http/idempotency';
import { defineRoute, type RouteSpec } from '../http/route';
import { FILE_TYPES } from './parse';
import { importParams, importQuery, importResultSchema } from './schemas';
import type { ImportsService } from './service';

export const importRoutes = (imports: ImportsService): RouteSpec[] => [
  defineRoute({
    method: 'post', path: '/api/imports/:kind', action: 'imports.write', tag: 'imports',
    summary: 'Import units, users or customers from a CSV or XLSX file',
    description:
      'The body is the file (`text/csv` or XLSX); its first row names the columns (units: code, name, parent_code, area; users: username, name, role, ' +
      'unit_code, email, password; customers: phone, name, account_no, area, tier, email, unit_code). The whole file is checked first: any bad row ' +
      'answers 422 `import_rows_invalid` with `errors: [{line, field, message}]` and nothing is written; `dry_run=true` only checks. Rows are upserted ' +
      'by their natural key (unit code, username, customer phone); an empty cell keeps the stored value. The same file (or `Idempotency-Key`) twice ' +
      'imports once: the second answer has `replayed: true`. Customer files over 100 000 rows are committed in batches that a re-run completes. ' +
      'Progress reaches the uploading console as `import.progress` events; one audit row per import.',
    params: importParams, query: importQuery,
    fileBody: { mediaTypes: [...FILE_TYPES.csv, ...FILE_TYPES.xlsx], description: 'the file, at most 256 MB' },
    headers: [{ name: 'Idempotency-Key', required: false, description: 'names this import; without it the file\'s content hash does' }],
    responses: {
      200: { description: 'imported (or checked, for a dry run)', schema: importResultSchema },
      409: { description: 'the same import is running (`import_in_progress`)' },
      413: { description: 'the file is larger than 256 MB' },
      415: { description: 'neither CSV nor XLSX' },
      422: { description: 'bad rows (`import_rows_invalid`, every bad line in `errors`), or the key was used for another file' },
    },
    handler: async ({ principal, params, query, req }) => ({
      body: await imports.importFile(principal, params.kind, req, { dryRun: query.dry_run, key: readIdempotencyKey(req) }),
    }),
  }),
];
