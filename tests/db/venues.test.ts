import { describe, expect, it } from 'vitest';
import { anon, type Caller } from '../../src/lib/server/db/port.ts';
import { venueForm, type VenueInput } from '../../src/lib/domain/venue-form.ts';
import * as venues from '../../src/lib/server/venues.ts';
import { codeOf } from './error-code.ts';
import { backendCases } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

const form = (fields: Partial<Record<string, string>> = {}): VenueInput =>
	venueForm.parse({
		name: '見本公民館', kana: 'みほんこうみんかん', postal_code: '９６０８０４１', address: '福島市見本町3-3', lat: '37.7611', lng: '140.4731',
		access: 'バス停から徒歩3分\n坂道があります', parking: '10台', barrier_free: '段差なし', has_wifi: 'yes', loaner_phones: '4', ...fields
	});

describe.each(backendCases)('the office’s venues on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);

	it.skipIf(!available)('are created, listed and changed by their town’s staff, as typed', async () => {
		const { id } = await venues.create(as(t.w.users.staffA), townA, form());
		const listed = await venues.list(as(t.w.users.staffA), townA);
		expect(listed.municipality).toMatchObject({ code: townA, name: '福島市' });
		expect(listed.venues.find((v) => v.id === id)).toMatchObject({
			name: '見本公民館', postal_code: '960-8041', lat: 37.7611, lng: 140.4731, access: 'バス停から徒歩3分\n坂道があります',
			has_wifi: true, loaner_phones: 4, archived_at: null, upcoming_sessions: 0
		});
		await venues.update(as(t.w.users.staffA), id, form({ name: '見本公民館(新館)', lat: '', lng: '', postal_code: '', kana: '' }));
		expect(await venues.read(as(t.w.users.staffA), id)).toMatchObject({ name: '見本公民館(新館)', lat: null, lng: null, postal_code: null, kana: null });
		// The prefecture admin may act for any town.
		expect(await codeOf(venues.update(as(t.w.users.admin), id, form({ name: '県が直した名前' })))).toBe('ok');
	});

	it.skipIf(!available)('are out of reach of another town’s staff, supporters and visitors', async () => {
		const { venueA } = t.w.venues;
		for (const caller of [t.w.users.staffB, t.w.users.supporterA, t.w.users.member, anon]) {
			expect(await codeOf(venues.create(as(caller), townA, form()))).toBe('not_allowed');
			expect(await codeOf(venues.list(as(caller), townA))).toBe('not_allowed');
			expect(await codeOf(venues.update(as(caller), venueA.id, form({ name: '乗っ取り' })))).toMatch(/^(venue_not_found|not_allowed)$/);
			expect(await codeOf(venues.archive(as(caller), venueA.id, true))).toMatch(/^(venue_not_found|not_allowed)$/);
			if (caller !== anon) expect(await venues.read(as(caller), venueA.id)).toBeNull();
		}
		expect((await venues.read(as(t.w.users.staffA), venueA.id))?.name).toBe(venueA.name);
	});

	it.skipIf(!available)('refuse, with a code and no change, what the form would refuse', async () => {
		const staff = as(t.w.users.staffA);
		const { id } = await venues.create(staff, townA, form({ name: '変わらない会場' }));
		const before = await venues.read(staff, id);
		const forged: Record<string, unknown>[] = [
			{ ...form(), name: '' },
			{ ...form(), name: 'x'.repeat(101) },
			{ ...form(), address: ' ' },
			{ ...form(), lat: 91, lng: 140 },
			{ ...form(), lat: 37, lng: null },
			{ ...form(), lat: -33.9, lng: 18.4 },
			{ ...form(), postal_code: '9608' },
			{ ...form(), loaner_phones: 10_000 },
			{ ...form(), loaner_phones: 'many' },
			{ ...form(), has_wifi: 'perhaps' },
			{ ...form(), name: { $ne: null } },
			{ ...form(), name: '見本\u0007公民館' },
			{ ...form(), access: 'x'.repeat(501) }
		];
		for (const venue of forged) {
			const refused = /^(invalid_venue|venue_outside_japan)$/;
			expect(await codeOf(staff.rpc('update_venue', { p_id: id, p_venue: venue }))).toMatch(refused);
			expect(await codeOf(staff.rpc('create_venue', { p_municipality_code: townA, p_venue: venue }))).toMatch(refused);
		}
		expect(await venues.read(staff, id)).toEqual(before);
		expect((await venues.list(staff, townA)).venues.filter((v) => v.name === '変わらない会場')).toHaveLength(1);
	});

	it.skipIf(!available)('are archived only when no class is still to come there, and taken back into use', async () => {
		const staff = as(t.w.users.staffA);
		expect(await codeOf(venues.archive(staff, t.w.venues.venueA.id, true))).toBe('venue_in_use');
		const { id } = await venues.create(staff, townA, form({ name: '閉じる会場' }));
		await venues.archive(staff, id, true);
		const archived = (await venues.list(staff, townA)).venues;
		expect(archived.at(-1)).toMatchObject({ id, name: '閉じる会場' });
		expect(archived.at(-1)!.archived_at).not.toBeNull();
		await venues.archive(staff, id, false);
		expect((await venues.read(staff, id))?.archived_at).toBeNull();
		expect(await codeOf(venues.archive(as(t.w.users.staffB), id, true))).toBe('venue_not_found');
	});

	it.skipIf(!available)('keep their town: a venue cannot be made for a town no one manages from here', async () => {
		expect(await codeOf(venues.create(as(t.w.users.staffA), townB, form()))).toBe('not_allowed');
		expect(await codeOf(venues.create(as(t.w.users.admin), '999999', form()))).toBe('not_allowed');
	});
});
