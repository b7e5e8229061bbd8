// The built app on a fresh embedded database (demo data seeded on start) in a temporary
// folder of its own, removed when the server stops (Playwright sends SIGTERM, which
// serve.js answers by closing the database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-e2e-'));
process.env.DATA_DIR = dataDir;
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
await import('../../scripts/serve.js');
