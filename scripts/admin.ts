// Command-line administration on whichever backend the environment selects:
//   npm run admin -- create-prefecture-admin --email someone@example.jp [--prefecture 07]
//   npm run seed
//   npm run retention   (erase seniors' names and phones past the retention period, now)
import { parseArgs } from 'node:util';
import { startApp } from '../src/lib/server/app.ts';
import { createPrefectureAdmin, retention, seed } from '../src/lib/server/admin-commands.ts';

const commands = { 'create-prefecture-admin': createPrefectureAdmin, seed, retention } as const;

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { email: { type: 'string' }, prefecture: { type: 'string' } }
});
const command = commands[positionals[0] as keyof typeof commands];
if (!command) {
	console.error(`Commands: ${Object.keys(commands).join(', ')}`);
	process.exit(2);
}

try {
	// The admin command never seeds on its own; `seed` does so explicitly.
	const app = await startApp({ ...process.env, SEED_DEMO_DATA: 'never' }, () => {});
	try {
		for (const line of await command(app, values)) console.log(line);
	} finally {
		await app.backend.close();
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
