// Installs the pinned chain tools with `npm ci` when node_modules does not hold exactly what package-lock.json pins:
// on a fresh clone, and in a checkout whose lockfile changed since its last install (npm records what it installed
// in node_modules/.package-lock.json). Otherwise does nothing, offline.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function packages(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')).packages ?? {};
  } catch {
    return null;
  }
}

const pinned = packages('package-lock.json');
const installed = packages('node_modules/.package-lock.json');
// Optional packages for other platforms are pinned but never installed here.
const stale = installed === null ? ['(nothing installed)'] : Object.entries(pinned)
  .filter(([name, p]) => name !== '' && !p.optional && installed[name]?.version !== p.version)
  .map(([name, p]) => `${name.replace(/^node_modules\//, '')}@${p.version}`);

if (stale.length > 0) {
  console.log(`npm ci: node_modules lacks ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ` and ${stale.length - 3} more` : ''}`);
  const ci = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  process.exit(ci.status ?? 1);
}
