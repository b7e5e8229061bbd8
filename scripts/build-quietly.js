// `npm start` builds first. A newcomer should read a line or two, not the bundler's report,
// nor SvelteKit's hint to run `npm run preview` (npm start serves the build itself). Lines
// known to be noise are dropped; anything else the build says is passed on; when the build
// fails, everything it printed is shown.
import { spawnSync } from 'node:child_process';

const noise = [/^\s*$/, /Run npm run preview/, /^> Using @sveltejs\/adapter-node/, /Generated an empty chunk/, /^\s*✔ done/, /^> tsunagu@/, /^> svelte-kit sync/];

const build = spawnSync('npm', ['run', 'build', '--', '--logLevel', 'warn'], { encoding: 'utf8' });
if (build.status !== 0) {
	process.stdout.write(build.stdout ?? '');
	process.stderr.write(build.stderr ?? '');
	console.error('The build failed; what it printed is above.');
	process.exit(build.status ?? 1);
}
const said = `${build.stdout}\n${build.stderr}`.split('\n').filter((line) => !noise.some((pattern) => pattern.test(line)));
for (const line of said) console.log(line);
console.log('Built the site.');
