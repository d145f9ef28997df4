import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');

/** dependency-cruiser with the project's rules (.dependency-cruiser.cjs): exit code and report. */
function cruise(...targets: string[]): Promise<{ code: number; output: string }> {
  return promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'depcruise'), [...targets, '--config', '.dependency-cruiser.cjs'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).then(
    (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, output: err.stdout + err.stderr }),
  );
}

describe('the import graph', () => {
  it('has no cycle and no infrastructure module importing a domain (npm run check:deps)', async () => {
    const result = await cruise('server', 'client/src');
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  }, 240_000);

  it('the check fails on a cycle', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-cycle-'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    try {
      const result = await cruise(dir);
      expect(result.output).toContain('no-circular');
      expect(result.code).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
