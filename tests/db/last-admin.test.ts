import { describe, expect, it } from 'vitest';
import { toDomainError, actAs } from '../../src/lib/server/db/sql-backend.ts';
import { DomainError } from '../../src/lib/server/db/port.ts';
import * as roles from '../../src/lib/server/roles.ts';
import { sqlBackendCases, type Member, type TestDb } from './harness.ts';
import { worldOn } from './world.ts';

/** A revoke in a transaction of its own, as `admin`; 'ok' or the refusal's code. */
function revokeIn(db: TestDb, admin: Member, grantId: string, before: (tx: unknown) => Promise<void> = async () => {}) {
	return db.driver!.transaction(async (tx) => {
		await actAs(tx, admin);
		await tx.query('select public.revoke_role(p_grant_id => $1)', [grantId]);
		await before(tx);
	}).then(
		() => 'ok',
		(error) => {
			const coded = toDomainError(error);
			if (coded instanceof DomainError) return coded.code;
			throw error;
		}
	);
}

const codeOfCall = (call: Promise<unknown>) =>
	call.then(() => 'ok', (error) => (error instanceof DomainError ? error.code : Promise.reject(error)));

/** On PostgreSQL: until `call` has settled or another backend waits on a lock. */
async function untilBlockedOrSettled(db: TestDb, call: Promise<unknown>) {
	let settled = false;
	void call.finally(() => (settled = true));
	for (let i = 0; i < 500 && !settled; i++) {
		const [row] = await db.sql!(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
		if ((row!.n as number) > 0) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe.each(sqlBackendCases)('the last prefecture admin on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);

	it.skipIf(!available)('survives two admins revoking each other at the same moment', async () => {
		const { admin } = t.w.users;
		const second = await t.db.newUser('second-admin');
		await roles.grant(t.db.backend.as(admin), second.email, 'prefecture_admin');
		const grants = (await roles.list(t.db.backend.as(admin))).filter((g) => g.role === 'prefecture_admin');
		const grantOf = (user: Member) => grants.find((g) => g.email === user.email)!.id;

		// The first revoke runs and stays uncommitted until the second has run or is waiting.
		let ran!: () => void;
		let release!: () => void;
		const firstRan = new Promise<void>((resolve) => (ran = resolve));
		const held = new Promise<void>((resolve) => (release = resolve));
		const first = revokeIn(t.db, admin, grantOf(second), async () => {
			ran();
			await held;
		});
		await firstRan;
		const secondCall = revokeIn(t.db, second, grantOf(admin));
		if (backend.name === 'postgres') await untilBlockedOrSettled(t.db, secondCall);
		release();
		const outcomes = await Promise.all([first, secondCall]);

		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
		expect(outcomes.filter((o) => o !== 'ok')[0]).toMatch(/^(not_allowed|last_prefecture_admin)$/);
		const [left] = await t.db.sql!(`select count(*)::int as n from public.role_grants where role = 'prefecture_admin' and prefecture_code = '07'`);
		expect(left!.n).toBe(1);
	});

	it.skipIf(!available)('lets no one grant while their own role is being revoked', async () => {
		const { admin } = t.w.users;
		const outgoing = await t.db.newUser('outgoing-admin');
		const accomplice = await t.db.newUser('accomplice');
		await roles.grant(t.db.backend.as(admin), outgoing.email, 'prefecture_admin');
		const grant = (await roles.list(t.db.backend.as(admin))).find((g) => g.email === outgoing.email)!;

		let ran!: () => void;
		let release!: () => void;
		const revokeRan = new Promise<void>((resolve) => (ran = resolve));
		const held = new Promise<void>((resolve) => (release = resolve));
		const revoke = revokeIn(t.db, admin, grant.id, async () => {
			ran();
			await held;
		});
		await revokeRan;
		const granting = codeOfCall(roles.grant(t.db.backend.as(outgoing), accomplice.email, 'prefecture_admin'));
		if (backend.name === 'postgres') await untilBlockedOrSettled(t.db, granting);
		release();
		expect(await revoke).toBe('ok');
		expect(await granting).toBe('not_allowed');
		expect((await roles.mine(t.db.backend.as(accomplice))).prefecture_admin).toEqual([]);
	});
});
