// Runs before `npm start`: builds the console when client/dist is missing or older than its
// sources, so a fresh clone serves the console after `npm install` without a manual step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const built = path.join(here, 'dist', 'index.html');
const sources = [path.join(here, 'src'), path.join(here, 'index.html'), path.join(here, 'vite.config.mts'), path.join(here, '..', 'package-lock.json')];

function newest(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt >= Math.max(...sources.map(newest))) process.exit(0);

const vite = path.join(here, '..', 'node_modules', 'vite', 'bin', 'vite.js');
if (!fs.existsSync(vite)) {
  // A production install without dev dependencies: serve what was built, or the placeholder page.
  process.stderr.write(`loopdesk: vite is not installed; ${builtAt ? 'serving the console built earlier' : 'the console is not built'}\n`);
  process.exit(0);
}
process.stderr.write('loopdesk: building the console (client/dist)…\n');
// A production build whatever NODE_ENV the caller has (jest sets "test": React and antd in dev mode are slow).
const env = { ...process.env, NODE_ENV: 'production' };
const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(here, 'vite.config.mts')], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
