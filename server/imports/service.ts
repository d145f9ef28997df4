import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { writeAudit } from '../audit';
import { checkPassword } from '../auth/password-policy';
import type { Principal } from '../auth/permissions';
import {
  countKnownPhones, customersCopyText, customersFromCopyText, upsertCustomers, upsertCustomersCopied, type CustomerUpsert,
} from '../customers/repository';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import type { DomainEvent } from '../events/types';
import { AppError, errors } from '../http/errors';
import type { UnitsService } from '../units/service';
import type { UsersService } from '../users/service';
import { FILE_TYPES, FileProblem, readRows, type FileType, type RowProblem, type SourceRow } from './parse';
import { importsRepository, type ImportBatchRow } from './repository';
import {
  COLUMNS, REQUIRED_COLUMNS, customerRow, unitRow, userRow,
  type CustomerImportRow, type ImportKind, type ImportResult, type UnitImportRow, type UserImportRow,
} from './schemas';

/** The largest file accepted (a million customers is about 70 MB of CSV). */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;
/** Rows per statement (and per committed batch of a big file: one over `LOOPDESK_IMPORT_BATCH_ABOVE_ROWS` rows). */
const CHUNK_ROWS = 5_000;
/** Units and users are applied row by row through their services' rules: files of them stay small. */
const DIRECTORY_MAX_ROWS = 10_000;
/** Every bad row is counted, the first ones are listed. */
const MAX_LISTED_ERRORS = 1_000;
const PROGRESS_EVERY_MS = 250;
/** A batch not heard of for this long was interrupted (a crash): a re-run takes it over and resumes. */
const STALE_AFTER_MS = 60_000;

interface Upload {
  file: string;
  type: FileType;
  hash: string;
  bytes: number;
}

function fileType(req: Request): FileType {
  for (const [type, mediaTypes] of Object.entries(FILE_TYPES) as [FileType, readonly string[]][]) {
    if (req.is([...mediaTypes])) return type;
  }
  throw new AppError(415, 'Unsupported Media Type', `send the file as ${Object.values(FILE_TYPES).flat().join(' or ')}`, { errors: [{ path: 'Content-Type', message: 'text/csv or XLSX' }] });
}

/** Streams the request body to a temporary file (bounded memory), hashing it on the way. */
async function spool(req: Request, dir: string): Promise<Upload> {
  const type = fileType(req);
  const limit = `${IMPORT_MAX_BYTES / 1024 / 1024} MB`;
  if (Number(req.get('Content-Length') ?? 0) > IMPORT_MAX_BYTES) throw errors.payloadTooLarge(limit);
  const file = path.join(dir, `upload.${type}`);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > IMPORT_MAX_BYTES) return done(errors.payloadTooLarge(limit));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(req, meter, fs.createWriteStream(file));
  if (bytes === 0) throw errors.badRequest('send the file as the request body', [{ path: 'body', message: 'empty' }]);
  return { file, type, hash: hash.digest('hex'), bytes };
}

async function readRange(file: string, range: { start: number; end: number }): Promise<string> {
  const handle = await fs.promises.open(file);
  try {
    const buffer = Buffer.alloc(range.end - range.start);
    await handle.read(buffer, 0, buffer.length, range.start);
    return buffer.toString();
  } finally {
    await handle.close();
  }
}

/** Bad rows, counted all, listed up to MAX_LISTED_ERRORS. */
class Problems {
  readonly listed: RowProblem[] = [];
  count = 0;
  add(problem: RowProblem): void {
    this.count += 1;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(problem);
  }
  fromZod(line: number, error: z.ZodError): void {
    for (const issue of error.issues) this.add({ line, field: issue.path.join('.') || 'row', message: issue.message });
  }
  fromAppError(line: number, error: AppError): void {
    const fields = (error.extra.errors ?? []) as { path: string; message: string }[];
    if (fields.length === 0) this.add({ line, field: 'row', message: error.message });
    for (const f of fields) this.add({ line, field: f.path, message: `${f.message}: ${error.message}` });
  }
}

function rowsInvalid(problems: Problems): AppError {
  return errors.rule(`${problems.count} problem(s) in the file; nothing was imported`, {
    code: 'import_rows_invalid',
    errors: problems.listed.map((p) => ({ path: `line${p.line}.${p.field}`, line: p.line, field: p.field, message: p.message })),
    errors_total: problems.count,
  });
}

/** Counts of one import. */
interface Tally {
  rows: number;
  created: number;
  updated: number;
}

/** One batch of checked customer rows in the staging file: its byte range, and how many rows of the file it came from. */
interface StagedBatch {
  sourceRows: number;
  start: number;
  end: number;
}

interface UnitRef {
  id: number;
  parentCode: string | null;
}

interface UserRef {
  id: number;
  name: string;
  role: string;
  unitId: number | null;
  email: string | null;
}

export function createImportsService(deps: Deps, services: { units: UnitsService; users: UsersService }) {
  const { knex, bus, clock, logger } = deps;
  // PGlite takes no COPY from a client stream: the embedded desk sends each batch as JSON
  const embedded = deps.config.databaseUrl === undefined;
  // a big file is committed in batches of this many rows (tests set a small threshold to see it)
  const batchRows = Math.min(CHUNK_ROWS, deps.config.importBatchAboveRows);

  async function unitCodes(db: Knex): Promise<Map<string, UnitRef>> {
    const rows = await db('units as u').leftJoin('units as p', 'p.id', 'u.parent_id').select<{ id: string; code: string; parent_code: string | null }[]>('u.id', 'u.code', 'p.code as parent_code');
    return new Map(rows.map((r) => [r.code, { id: Number(r.id), parentCode: r.parent_code }]));
  }

  /** Tells the uploading console how far the import has come: an outbox event to the user's room, at most every PROGRESS_EVERY_MS. */
  function progressReporter(actor: Principal, kind: ImportKind, key: string) {
    let last = 0;
    let importId: number | null = null;
    return {
      set batch(id: number) {
        importId = id;
      },
      async report(phase: 'validating' | 'applying' | 'done', rows: number, total: number | null, percent: number, force = false): Promise<void> {
        const now = performance.now();
        if (!force && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        const event: DomainEvent = {
          type: 'import.progress', at: clock.now().toISOString(), userId: actor.id, importId, key, kind, phase, rows, total, percent: Math.min(100, Math.round(percent)),
        };
        await inTransaction(knex, bus, async ({ emit }) => emit(event));
      },
    };
  }
  type Progress = ReturnType<typeof progressReporter>;

  /**
   * Pass 1: every row of the file checked (types, references, duplicates, the password policy);
   * nothing written to the database. Customers' rows, once checked, are staged in `stage` as the
   * batches pass 2 upserts (in COPY text, each batch a byte range of the file), so the file is
   * parsed once. A dry run counts the customers on record instead.
   */
  async function validate(kind: ImportKind, upload: Upload, progress: Progress | undefined, stage: string | undefined): Promise<{ problems: Problems; tally: Tally; stagedBatches: StagedBatch[] }> {
    const problems = new Problems();
    const stagedBatches: StagedBatch[] = [];
    const tally: Tally = { rows: 0, created: 0, updated: 0 };
    let read = 0;
    const rows = readRows(upload.file, upload.type, COLUMNS[kind], REQUIRED_COLUMNS[kind], (n) => {
      read += n;
    });
    const units = await unitCodes(knex);
    const tick = () => progress?.report('validating', tally.rows, null, (read / upload.bytes) * 100);
    const staged = stage ? fs.createWriteStream(stage) : undefined;
    try {
      if (kind === 'customers') {
        // one row per phone in a batch: the later row of the file wins
        let batch = new Map<string, CustomerUpsert>();
        let batchSourceRows = 0;
        const flush = async () => {
          if (batchSourceRows === 0) return;
          if (staged && problems.count === 0) {
            const text = Buffer.from(customersCopyText(batch.values()));
            const start = stagedBatches.at(-1)?.end ?? 0;
            stagedBatches.push({ sourceRows: batchSourceRows, start, end: start + text.length });
            if (!staged.write(text)) await once(staged, 'drain');
          } else if (!staged) {
            const known = await countKnownPhones(knex, [...batch.keys()]);
            tally.updated += known;
            tally.created += batch.size - known;
          }
          batch = new Map();
          batchSourceRows = 0;
          await tick();
        };
        for await (const sources of rows) {
          for (const source of sources) {
            tally.rows += 1;
            const row = checkCustomer(source, units, problems);
            if (!row) continue;
            batch.set(row.phone, {
              phone: row.phone, name: row.name ?? null, account_no: row.account_no ?? null, area: row.area ?? null, tier: row.tier ?? null,
              email: row.email ?? null, unit_id: row.unit_code === undefined ? null : units.get(row.unit_code)!.id,
            });
            batchSourceRows += 1;
            if (batchSourceRows >= batchRows) await flush();
          }
        }
        await flush();
      } else {
        const seen = new Map<string, number>();
        const users = kind === 'users' ? await userNames() : undefined;
        for await (const sources of rows) {
          for (const source of sources) {
            tally.rows += 1;
            if (tally.rows > DIRECTORY_MAX_ROWS) throw new FileProblem({ line: source.line, field: 'file', message: `at most ${DIRECTORY_MAX_ROWS} ${kind} in one file` });
            const existed = kind === 'units' ? checkUnit(source, units, seen, problems) : checkUser(source, units, users!, seen, problems);
            if (existed === true) tally.updated += 1;
            if (existed === false) tally.created += 1;
          }
          await tick();
        }
      }
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      problems.add(error.problem);
    } finally {
      if (staged) await new Promise<void>((resolve, reject) => staged.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    if (tally.rows === 0 && problems.count === 0) problems.add({ line: 2, field: 'file', message: 'the file has no data rows' });
    return { problems, tally, stagedBatches };
  }

  async function userNames(): Promise<Map<string, UserRef>> {
    const rows = await knex('users').select<{ id: string; username: string; name: string; role: string; unit_id: string | null; email: string | null }[]>('id', 'username', 'name', 'role', 'unit_id', 'email');
    return new Map(rows.map((r) => [r.username, { id: Number(r.id), name: r.name, role: r.role, unitId: r.unit_id === null ? null : Number(r.unit_id), email: r.email }]));
  }

  function parsed<S extends z.ZodType>(schema: S, source: SourceRow, problems: Problems): z.output<S> | undefined {
    const result = schema.safeParse(source.values);
    if (result.success) return result.data;
    problems.fromZod(source.line, result.error);
    return undefined;
  }

  function checkCustomer(source: SourceRow, units: Map<string, UnitRef>, problems: Problems): CustomerImportRow | undefined {
    const row = parsed(customerRow, source, problems);
    if (row?.unit_code !== undefined && !units.has(row.unit_code)) {
      problems.add({ line: source.line, field: 'unit_code', message: `no unit has the code ${row.unit_code}` });
      return undefined;
    }
    return row;
  }

  /** Returns whether the unit exists already (undefined: the row is bad). Parents must exist or come earlier in the file. */
  function checkUnit(source: SourceRow, units: Map<string, UnitRef>, seen: Map<string, number>, problems: Problems): boolean | undefined {
    const row = parsed(unitRow, source, problems);
    if (!row) return undefined;
    const { line } = source;
    const earlier = seen.get(row.code);
    seen.set(row.code, earlier ?? line);
    if (earlier !== undefined) return void problems.add({ line, field: 'code', message: `${row.code} is already on line ${earlier}` });
    const existing = units.get(row.code);
    if (row.parent_code !== undefined) {
      if (row.parent_code === row.code) return void problems.add({ line, field: 'parent_code', message: 'a unit cannot be its own parent' });
      if (!units.has(row.parent_code) && !seen.has(row.parent_code)) {
        return void problems.add({ line, field: 'parent_code', message: `no unit has the code ${row.parent_code} (a new parent must come on an earlier line)` });
      }
    }
    if (!existing) {
      if (row.name === undefined) return void problems.add({ line, field: 'name', message: 'required for a new unit' });
      if (row.area === undefined) return void problems.add({ line, field: 'area', message: 'required for a new unit' });
    }
    return existing !== undefined;
  }

  function checkUser(source: SourceRow, units: Map<string, UnitRef>, users: Map<string, UserRef>, seen: Map<string, number>, problems: Problems): boolean | undefined {
    const row = parsed(userRow, source, problems);
    if (!row) return undefined;
    const { line } = source;
    const earlier = seen.get(row.username);
    if (earlier !== undefined) return void problems.add({ line, field: 'username', message: `${row.username} is already on line ${earlier}` });
    seen.set(row.username, line);
    const existing = users.get(row.username);
    let ok = true;
    if (!existing) {
      for (const field of ['name', 'role', 'password'] as const) {
        if (row[field] === undefined) {
          problems.add({ line, field, message: 'required for a new user' });
          ok = false;
        }
      }
    }
    if (row.unit_code !== undefined && !units.has(row.unit_code)) {
      problems.add({ line, field: 'unit_code', message: `no unit has the code ${row.unit_code}` });
      ok = false;
    }
    const role = row.role ?? existing?.role;
    if ((role === 'handler' || role === 'unit_head') && row.unit_code === undefined && existing?.unitId == null) {
      problems.add({ line, field: 'unit_code', message: `a ${role} must belong to a unit` });
      ok = false;
    }
    if (row.password !== undefined) {
      try {
        checkPassword(row.password, row.username, 'password');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.fromAppError(line, error);
        ok = false;
      }
    }
    return ok ? existing !== undefined : undefined;
  }

  /** Pass 2 for units and users: each row in file order through `apply`, which says what it did; a refused row names its line. */
  async function applyRows<S extends z.ZodType>(
    kind: 'units' | 'users', schema: S, upload: Upload, progress: Progress, total: number, apply: (row: z.output<S>) => Promise<'created' | 'updated' | 'unchanged'>,
  ): Promise<Tally> {
    const tally: Tally = { rows: 0, created: 0, updated: 0 };
    for await (const sources of readRows(upload.file, upload.type, COLUMNS[kind], REQUIRED_COLUMNS[kind])) {
      for (const source of sources) {
        const row = schema.parse(source.values);
        tally.rows += 1;
        const outcome = await atLine(source.line, () => apply(row));
        if (outcome !== 'unchanged') tally[outcome] += 1;
        await progress.report('applying', tally.rows, total, (tally.rows / total) * 100);
      }
    }
    return tally;
  }

  /** Units through the units service (codes, moves, audit), in the import's transaction; parents come on earlier lines. */
  async function applyUnits(actor: Principal, upload: Upload, uow: UnitOfWork, progress: Progress, total: number): Promise<Tally> {
    const units = await unitCodes(uow.trx);
    return applyRows('units', unitRow, upload, progress, total, async (row: UnitImportRow) => {
      const existing = units.get(row.code);
      const parentId = row.parent_code === undefined ? undefined : units.get(row.parent_code)!.id;
      if (!existing) {
        const created = await services.units.create(actor, { code: row.code, name: row.name!, area: row.area!, parent_id: parentId ?? null }, uow);
        units.set(row.code, { id: created.id, parentCode: row.parent_code ?? null });
        return 'created';
      }
      const current = await uow.trx('units').where({ id: existing.id }).first<{ name: string; area: string } | undefined>('name', 'area');
      const changes = {
        ...(row.name !== undefined && row.name !== current?.name ? { name: row.name } : {}),
        ...(row.area !== undefined && row.area !== current?.area ? { area: row.area } : {}),
        ...(row.parent_code !== undefined && row.parent_code !== existing.parentCode ? { parent_id: parentId! } : {}),
      };
      if (Object.keys(changes).length === 0) return 'unchanged';
      await services.units.update(actor, existing.id, changes, uow);
      existing.parentCode = row.parent_code ?? existing.parentCode;
      return 'updated';
    });
  }

  /** Users through the users service (unit rules, heads, the last admin, sessions); an imported password must be changed at first sign-in. */
  async function applyUsers(actor: Principal, upload: Upload, uow: UnitOfWork, progress: Progress, total: number): Promise<Tally> {
    const units = await unitCodes(uow.trx);
    const users = await userNames();
    return applyRows('users', userRow, upload, progress, total, async (row: UserImportRow) => {
      const existing = users.get(row.username);
      const unitId = row.unit_code === undefined ? undefined : units.get(row.unit_code)!.id;
      if (!existing) {
        await services.users.create(actor, {
          username: row.username, name: row.name!, role: row.role!, unit_id: unitId ?? null, email: row.email ?? null, password: row.password!,
        }, uow, true);
        return 'created';
      }
      const changes = {
        ...(row.name !== undefined && row.name !== existing.name ? { name: row.name } : {}),
        ...(row.role !== undefined && row.role !== existing.role ? { role: row.role } : {}),
        ...(unitId !== undefined && unitId !== existing.unitId ? { unit_id: unitId } : {}),
        ...(row.email !== undefined && row.email !== existing.email ? { email: row.email } : {}),
        ...(row.password !== undefined ? { password: row.password } : {}),
      };
      if (Object.keys(changes).length === 0) return 'unchanged';
      await services.users.update(actor, existing.id, changes, uow);
      return 'updated';
    });
  }

  /** A rule the service refused on one row: the whole import is refused, naming that line. */
  async function atLine<T>(line: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const problems = new Problems();
      problems.fromAppError(line, error);
      throw rowsInvalid(problems);
    }
  }

  /**
   * Pass 2 for customers: the staged batches, each upserted by phone in one statement. A file up
   * to `importBatchAboveRows` rows is one transaction (`uow`); a bigger one commits each batch with
   * the batch's progress (`rows_done`), so a re-run after a crash skips what was committed and
   * completes the rest (a batch only partly covered is upserted again: upserts repeat harmlessly).
   */
  async function applyCustomers(stage: string, stagedBatches: StagedBatch[], batch: ImportBatchRow, progress: Progress, uow: UnitOfWork | undefined): Promise<void> {
    let index = 0;
    for (const staged of stagedBatches) {
      index += staged.sourceRows;
      if (index <= batch.rows_done) continue;
      const now = clock.now();
      const range = { start: staged.start, end: staged.end - 1 };
      const write = async (trx: Knex.Transaction) => {
        // a batch lost to a crash right after its commit is upserted again by the re-run: no need to wait for the disk
        await trx.raw('SET LOCAL synchronous_commit TO OFF');
        const counts = embedded
          ? await upsertCustomers(trx, customersFromCopyText(await readRange(stage, staged)), now)
          : await upsertCustomersCopied(trx, fs.createReadStream(stage, range), now);
        await importsRepository.progressed(trx, batch.id, staged.sourceRows, counts, now);
      };
      if (uow) await write(uow.trx);
      else await inTransaction(knex, bus, ({ trx }) => write(trx));
      await progress.report('applying', index, batch.rows_total, (index / batch.rows_total) * 100);
    }
  }

  /** Marks the batch done with its counts and writes the one audit row of the import. */
  async function finish(trx: Knex.Transaction, actor: Principal, batch: ImportBatchRow, upload: Upload, tally?: Tally): Promise<ImportBatchRow> {
    const now = clock.now();
    const done = await importsRepository.update(trx, batch.id, {
      status: 'done', finished_at: now, updated_at: now,
      ...(tally ? { rows_done: tally.rows, created: tally.created, updated: tally.updated } : {}),
    });
    await writeAudit(trx, {
      at: now, actorId: actor.id, entity: 'import', entityId: batch.id, action: `${batch.kind}_imported`,
      data: { kind: batch.kind, rows: done.rows_total, created: done.created, updated: done.updated, unchanged: done.rows_total - done.created - done.updated, bytes: upload.bytes, content_hash: upload.hash, key: batch.idempotency_key },
    });
    return done;
  }

  const resultOf = (batch: ImportBatchRow, replayed: boolean): ImportResult => ({
    id: batch.id, kind: batch.kind, dry_run: false, replayed, rows: batch.rows_total, created: batch.created, updated: batch.updated,
    unchanged: batch.rows_total - batch.created - batch.updated,
  });

  /** Claims the batch of this key: a finished one is answered again, a running one refused, an interrupted one resumed. */
  async function claim(actor: Principal, kind: ImportKind, key: string, upload: Upload, rows: number): Promise<{ batch: ImportBatchRow; replay: boolean }> {
    const now = clock.now();
    return inTransaction(knex, bus, async ({ trx }) => {
      const { batch, fresh } = await importsRepository.claim(trx, {
        kind, idempotency_key: key, content_hash: upload.hash, actor_id: actor.id, rows_total: rows, started_at: now, updated_at: now,
      });
      if (fresh) return { batch, replay: false };
      if (batch.content_hash !== upload.hash) {
        throw errors.rule('this Idempotency-Key was already used for a different file', { code: 'idempotency_key_reused', errors: [{ path: 'Idempotency-Key', message: 'reused with another file' }] });
      }
      if (batch.status === 'done') return { batch, replay: true };
      if (now.getTime() - batch.updated_at.getTime() < STALE_AFTER_MS) {
        throw errors.conflict('this file is being imported right now', { code: 'import_in_progress', import_id: batch.id });
      }
      logger.info('resuming an interrupted import', { importId: batch.id, rowsDone: batch.rows_done });
      return { batch: await importsRepository.update(trx, batch.id, { actor_id: actor.id, updated_at: now }), replay: false };
    });
  }

  async function run(actor: Principal, kind: ImportKind, upload: Upload, dryRun: boolean, clientKey: string | undefined, stage: string): Promise<ImportResult> {
    const key = clientKey ?? `sha256:${upload.hash}`;
    if (dryRun) {
      // a dry run writes nothing, not even progress events
      const { problems, tally } = await validate(kind, upload, undefined, undefined);
      if (problems.count > 0) throw rowsInvalid(problems);
      return { id: null, kind, dry_run: true, replayed: false, rows: tally.rows, created: tally.created, updated: tally.updated, unchanged: 0 };
    }
    const known = await knex<ImportBatchRow>('import_batches').where({ kind, idempotency_key: key }).first();
    if (known?.status === 'done' && known.content_hash === upload.hash) return resultOf(known, true);
    const progress = progressReporter(actor, kind, key);
    const started = performance.now();
    const { problems, tally, stagedBatches } = await validate(kind, upload, progress, kind === 'customers' ? stage : undefined);
    if (problems.count > 0) throw rowsInvalid(problems);
    const { batch, replay } = await claim(actor, kind, key, upload, tally.rows);
    if (replay) return resultOf(batch, true);
    progress.batch = batch.id;
    const checked = performance.now();
    await progress.report('applying', batch.rows_done, tally.rows, (batch.rows_done / tally.rows) * 100, true);
    let done: ImportBatchRow;
    if (kind === 'customers' && tally.rows > deps.config.importBatchAboveRows) {
      await applyCustomers(stage, stagedBatches, batch, progress, undefined);
      done = await inTransaction(knex, bus, ({ trx }) => finish(trx, actor, batch, upload));
    } else {
      done = await inTransaction(knex, bus, async (uow) => {
        if (kind === 'customers') {
          // nothing of an interrupted small file was committed: its batch starts from its first row
          await applyCustomers(stage, stagedBatches, batch, progress, uow);
          return finish(uow.trx, actor, batch, upload);
        }
        const applied = kind === 'units' ? await applyUnits(actor, upload, uow, progress, tally.rows) : await applyUsers(actor, upload, uow, progress, tally.rows);
        return finish(uow.trx, actor, batch, upload, applied);
      });
    }
    await progress.report('done', done.rows_total, done.rows_total, 100, true);
    logger.info('import done', { importId: done.id, kind, rows: done.rows_total, checkMs: Math.round(checked - started), applyMs: Math.round(performance.now() - checked) });
    return resultOf(done, false);
  }

  return {
    /** `POST /api/imports/:kind`: the body is the file (CSV or XLSX by Content-Type). */
    async importFile(actor: Principal, kind: ImportKind, req: Request, options: { dryRun: boolean; key: string | undefined }): Promise<ImportResult> {
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'loopdesk-import-'));
      try {
        const upload = await spool(req, dir);
        return await run(actor, kind, upload, options.dryRun, options.key, path.join(dir, 'staged.jsonl'));
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
