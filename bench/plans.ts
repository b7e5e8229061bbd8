// Query plans of the SQL functions behind the public pages and the staff pages, with every statement inside
// them (auto_explain, nested statements), as the role the app calls them as. PostgreSQL only.
import pg from 'pg';
import { fiscalYearOf } from '../src/lib/domain/wareki.ts';
import type { Targets } from './database.ts';

export interface Plan {
	call: string;
	milliseconds: number;
	/** The plans of each statement inside the function, as auto_explain logged them. */
	plans: string[];
}

const calls = (t: Targets) => [
	{ call: "find_sessions('{page:1, page_size:10}') — the home page", role: 'anon', sql: `select public.find_sessions('{"page":1,"page_size":10}')` },
	{ call: 'find_sessions({municipality}) — /sessions?municipality=…, /m/{code}', role: 'anon', sql: `select public.find_sessions('{"municipality":"${t.municipality}","page":1,"page_size":20}')` },
	{ call: 'find_sessions({near, sort: near}) — near me', role: 'anon', sql: `select public.find_sessions('{"near":{"lat":37.75,"lng":140.47},"sort":"near","page":1,"page_size":20}')` },
	{ call: 'find_sessions({topic, weekdays, part}) — filters', role: 'anon', sql: `select public.find_sessions('{"topic":"line","weekdays":[1,3],"part":"am","page":2,"page_size":20}')` },
	{ call: 'list_municipalities() — the town picker', role: 'anon', sql: 'select public.list_municipalities()' },
	{ call: 'municipality_details(code) — /m/{code}', role: 'anon', sql: `select public.municipality_details('${t.municipality}')` },
	{ call: 'session_details(id) — /sessions/{id}', role: 'anon', sql: `select public.session_details('${t.sessionId}')` },
	{ call: 'find_registration(code, phone) — /r/{code}', role: 'service_role', sql: `select public.find_registration('${t.code}', '${t.phone}', 'bench')` },
	{
		call: 'register_for_session(…) — the registration POST (rolled back)',
		role: 'service_role',
		sql: `select public.register_for_session('${t.openSessionIds[3]}', '[{"full_name":"計画 太郎","name_kana":"けいかくたろう","age_band":"75_84","device":"iphone","needs_loaner":false}]', '08099990000', '', true, 'web', 'bench-plan')`
	},
	...[
		{ call: 'list_role_grants() — /admin/roles, as the prefecture admin', sql: 'select public.list_role_grants()' },
		{ call: 'list_role_audit(50) — /admin/roles, as the prefecture admin', sql: 'select public.list_role_audit(50)' },
		{ call: 'list_managed_municipalities() — /admin/roles, as the prefecture admin', sql: 'select public.list_managed_municipalities()' },
		{ call: "progress(fy, '07', null) — /pref/progress, as the prefecture admin", sql: `select public.progress(${fiscalYearOf(new Date())}, '07', null)` },
		{ call: "progress(fy, '07', town) — /office/progress, as the prefecture admin", sql: `select public.progress(${fiscalYearOf(new Date())}, '07', '${t.municipality}')` }
	].map((c) => ({ ...c, role: 'authenticated', claims: { sub: t.admin.id, email: t.admin.email, role: 'authenticated', aud: 'authenticated' } })),
	{ call: 'erase_expired_personal_data(1) — retention, at start and daily (rolled back)', role: 'service_role', sql: 'select public.erase_expired_personal_data(1)' }
];

export async function explainFunctions(url: string, t: Targets): Promise<Plan[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	let logged: string[] = [];
	client.on('notice', (notice) => {
		if (notice.message?.startsWith('duration:')) logged.push(notice.message);
	});
	const plans: Plan[] = [];
	try {
		await client.query(`load 'auto_explain'`);
		await client.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;
			set auto_explain.log_nested_statements = on; set auto_explain.log_timing = on; set client_min_messages = log`);
		for (const { call, role, sql, ...rest } of calls(t)) {
			const claims = 'claims' in rest ? rest.claims : { role };
			// Warm once (caches, plans), then measure the second call.
			for (const round of [0, 1]) {
				logged = [];
				await client.query('begin');
				await client.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, JSON.stringify(claims)]);
				const started = performance.now();
				await client.query(sql);
				const milliseconds = performance.now() - started;
				await client.query('rollback');
				if (round === 1) plans.push({ call, milliseconds, plans: logged });
			}
		}
	} finally {
		await client.end();
	}
	return plans;
}

/** Nested statements a call may show in full; beyond it (a trigger fired for each of many rows), only those of 1 ms or more. */
const shownPerCall = 300;
const durationOf = (text: string) => Number(/^duration: ([0-9.]+) ms/.exec(text)?.[1] ?? 0);

export function plansText(plans: Plan[]): string {
	return plans
		.map((p) => {
			const shown = p.plans.length <= shownPerCall ? p.plans : p.plans.filter((text) => durationOf(text) >= 1);
			const left = p.plans.length - shown.length;
			return [
				`## ${p.call}: ${p.milliseconds.toFixed(1)} ms (second call, auto_explain adds its own cost)`,
				'',
				...(left ? [`    (${left} of its ${p.plans.length} statements, each under 1 ms, are left out)`, ''] : []),
				...shown.map((text) => text.replace(/^/gm, '    ')),
				''
			].join('\n');
		})
		.join('\n');
}
