import { Alert, Button, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { useRealtimeEvents } from '../../realtime/socket';

const KINDS = ['customers', 'units', 'users'] as const;
type Kind = (typeof KINDS)[number];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportResult {
  id: number | null;
  dry_run: boolean;
  replayed: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}
interface RowProblem {
  line: number;
  field: string;
  message: string;
}
interface ProgressEvent {
  key: string;
  phase: 'validating' | 'applying' | 'done';
  rows: number;
  total: number | null;
  percent: number;
}

/** The import's key: the file's SHA-256 (what the server uses when none is sent), so a second upload of it is recognised and its progress events are told apart. */
async function keyOf(file: File): Promise<string> {
  if (!crypto.subtle) return `upload:${crypto.randomUUID()}`;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Bulk import: pick a CSV or XLSX file, check it (dry run), import it with a progress bar fed by the server's events. */
export function ImportAdmin() {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<{ rows: RowProblem[]; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [key, setKey] = useState<string | null>(null);

  useRealtimeEvents(['import.progress'], (payload) => {
    const event = payload as unknown as ProgressEvent;
    if (event.key === key) setProgress(event);
  });

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setResult(null);
    setProblems(null);
    setFailure(null);
    setProgress(null);
    try {
      const importKey = await keyOf(file);
      setKey(importKey);
      const contentType = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
      const answer = await api<ImportResult>(`/api/imports/${kind}`, {
        method: 'POST', file: { content: file, contentType }, query: { dry_run: dryRun ? 'true' : undefined }, idempotencyKey: dryRun ? undefined : importKey,
      });
      setResult(answer);
    } catch (err) {
      const problem = err instanceof ApiError ? (err.problem as { code?: string; errors?: RowProblem[]; errors_total?: number }) : undefined;
      if (problem?.code === 'import_rows_invalid' && problem.errors) setProblems({ rows: problem.errors, total: problem.errors_total ?? problem.errors.length });
      else setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const resultText = (r: ImportResult) =>
    t(r.dry_run ? 'import.checked' : r.replayed ? 'import.replayed' : 'import.done', { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged });
  const phaseText = (p: ProgressEvent) => (p.phase === 'applying' ? t('import.phase.applying', { rows: p.rows, total: p.total ?? '?' }) : t(`import.phase.${p.phase}`));

  return (
    <div data-testid="bulk-admin" className="import-admin">
      <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
        <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value as Kind); setResult(null); setProblems(null); }} aria-label={t('import.kind')} optionType="button">
          {KINDS.map((k) => <Radio.Button key={k} value={k} data-testid={`bulk-kind-${k}`}>{t(`import.kind.${k}`)}</Radio.Button>)}
        </Radio.Group>
        <Typography.Text>{t(`import.columns.${kind}`)}</Typography.Text>
        <Typography.Text className="muted">{t('import.hint')}</Typography.Text>
        <Space wrap>
          <Upload accept=".csv,.xlsx,text/csv" showUploadList={false} beforeUpload={(picked) => { setFile(picked); setResult(null); setProblems(null); return false; }}>
            <Button data-testid="bulk-pick">{t('import.pick')}</Button>
          </Upload>
          <span data-testid="bulk-file">{file ? t('import.file', { name: file.name, size: sizeText(file.size) }) : t('import.noFile')}</span>
        </Space>
        <Space>
          <Button disabled={!file || busy !== null} loading={busy === 'check'} onClick={() => void run(true)} data-testid="bulk-dry-run">{t('import.dryRun')}</Button>
          <Button type="primary" disabled={!file || busy !== null} loading={busy === 'import'} onClick={() => void run(false)} data-testid="bulk-run">{t('import.run')}</Button>
        </Space>
        {(busy === 'import' || progress) && (
          <div data-testid="bulk-progress" aria-live="polite">
            <Progress percent={progress?.percent ?? 0} status={progress?.phase === 'done' ? 'success' : 'active'} aria-label={t('import.progress')} />
            <span className="muted">{progress ? phaseText(progress) : t('import.uploading')}</span>
          </div>
        )}
        {result && <Alert type="success" showIcon title={resultText(result)} data-testid="bulk-result" />}
        {failure && <Alert type="error" showIcon title={failure} data-testid="bulk-failure" />}
        {problems && (
          <Alert type="error" showIcon data-testid="bulk-errors" title={t('import.errors', { count: problems.total })} description={
            <>
              {problems.total > problems.rows.length && <div>{t('import.errorsMore', { shown: problems.rows.length })}</div>}
              <Table<RowProblem> size="small" pagination={problems.rows.length > 20 ? { pageSize: 20 } : false} rowKey={(r) => `${r.line}:${r.field}:${r.message}`} dataSource={problems.rows}
                columns={[
                  { title: t('import.line'), dataIndex: 'line', width: 80 },
                  { title: t('import.field'), dataIndex: 'field', width: 140 },
                  { title: t('import.problem'), dataIndex: 'message' },
                ]}
              />
            </>
          } />
        )}
      </Space>
    </div>
  );
}
