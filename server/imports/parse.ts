import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';

/** The file types an import accepts, by the request's Content-Type. */
export const FILE_TYPES = {
  csv: ['text/csv', 'application/csv'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
} as const;
export type FileType = keyof typeof FILE_TYPES;

/** One data row of the file: its line (CSV: the line it ends on; XLSX: the row number) and its cells by column. */
export interface SourceRow {
  line: number;
  values: Record<string, string>;
}

export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

/** Thrown when the file itself cannot be read as a table (bad quoting, not a workbook, unknown columns). */
export class FileProblem extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.message);
  }
}

/** Records handed on per await. */
const BATCH = 1_000;

const normalise = (header: string) => header.replace(/^\uFEFF/, '').trim().toLowerCase();

/** Column names as written in the file (English or the console's Chinese) → the field they fill. */
export type Columns = Record<string, string>;

function headerFields(headers: string[], columns: Columns, required: readonly string[]): string[] {
  const fields = headers.map((h) => columns[normalise(h)] ?? '');
  const unknown = headers.find((h, i) => fields[i] === '' && normalise(h) !== '');
  if (unknown !== undefined) throw new FileProblem({ line: 1, field: unknown, message: `unknown column "${unknown}"` });
  const missing = required.find((field) => !fields.includes(field));
  if (missing) throw new FileProblem({ line: 1, field: missing, message: `the column ${missing} is missing` });
  return fields;
}

/** A cell of a workbook as text: numbers as written, dates as YYYY-MM-DD, rich text and formulas by their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

function fileStream(file: string, onBytes?: (bytes: number) => void): fs.ReadStream {
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
  return stream;
}

/**
 * The records of an object stream in arrays of up to `size`: one await per array instead of one
 * per record (a million rows spend seconds on per-record promises otherwise).
 */
async function* inBatches<T>(stream: Readable, size: number): AsyncGenerator<T[]> {
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  stream.on('readable', signal);
  stream.on('end', () => {
    ended = true;
    signal();
  });
  stream.on('error', (error: unknown) => {
    failure = error;
    signal();
  });
  for (;;) {
    const batch: T[] = [];
    let record: T | null;
    while (batch.length < size && (record = stream.read() as T | null) !== null) batch.push(record);
    if (failure !== undefined) throw failure;
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}

async function* csvRows(file: string, columns: Columns, required: readonly string[], onBytes?: (bytes: number) => void): AsyncGenerator<SourceRow[]> {
  let fields: string[] | undefined;
  const parser = fileStream(file, onBytes).pipe(parseCsv({ bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: false }));
  try {
    for await (const records of inBatches<{ record: string[]; info: { lines: number } }>(parser, BATCH)) {
      const rows: SourceRow[] = [];
      for (const { record, info } of records) {
        if (!fields) {
          fields = headerFields(record, columns, required);
          continue;
        }
        const values: Record<string, string> = {};
        for (let i = 0; i < fields.length; i += 1) if (fields[i]) values[fields[i]!] = record[i] ?? '';
        rows.push({ line: info.lines, values });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    const lines = (error as { lines?: number }).lines;
    throw new FileProblem({ line: lines ?? 1, field: 'file', message: `not readable as CSV: ${(error as Error).message}` });
  } finally {
    parser.destroy();
  }
  if (!fields) throw new FileProblem({ line: 1, field: 'file', message: 'the file is empty: the first line names the columns' });
}

async function* xlsxRows(file: string, columns: Columns, required: readonly string[], onBytes?: (bytes: number) => void): AsyncGenerator<SourceRow[]> {
  let fields: string[] | undefined;
  // streamed: shared strings are cached, styles and hyperlinks ignored, only the first sheet read
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fileStream(file, onBytes), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based: [ , A, B, …]
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (!fields) {
          fields = headerFields(cells, columns, required);
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        const values: Record<string, string> = {};
        for (let i = 0; i < fields.length; i += 1) if (fields[i]) values[fields[i]!] = cells[i] ?? '';
        yield [{ line: row.number, values }];
      }
      break;
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem({ line: 1, field: 'file', message: `not readable as an XLSX workbook: ${(error as Error).message}` });
  }
  if (!fields) throw new FileProblem({ line: 1, field: 'file', message: 'the workbook is empty: its first row names the columns' });
}

/**
 * The data rows of a spooled file in arrays, streamed (memory stays bounded whatever its size):
 * the first line names the columns (`columns` maps each accepted name to its field).
 */
export function readRows(file: string, type: FileType, columns: Columns, required: readonly string[], onBytes?: (bytes: number) => void): AsyncGenerator<SourceRow[]> {
  return type === 'csv' ? csvRows(file, columns, required, onBytes) : xlsxRows(file, columns, required, onBytes);
}
