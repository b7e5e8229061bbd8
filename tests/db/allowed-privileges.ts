// What the API roles may hold, and nothing more. A browser reaches the database as `anon`
// or `authenticated`; RLS decides which rows, these grants decide which operations. A
// change here is a change to the security model: say why in the migration that needs it.

type Holders = { anon?: string; authenticated?: string };

const both = (privileges: string): Holders => ({ anon: privileges, authenticated: privileges });
const signedIn = (privileges: string): Holders => ({ authenticated: privileges });

const allowed: Record<string, Holders> = {
	// CONNECT stays PUBLIC's; TEMPORARY is revoked (a temporary function ran as the superuser).
	'database': both('CONNECT'),
	'schema auth': both('USAGE'),
	'schema private': both('USAGE'),
	'schema public': both('USAGE'),

	// Reference data and what is published: readable by everyone.
	'table public.prefectures': both('SELECT'),
	'table public.municipalities': both('SELECT'),
	'table public.topics': both('SELECT'),
	'table public.training_courses': both('SELECT'),
	// Read under RLS (20261201001000); written only by save_my_supporter_profile.
	'table public.supporter_municipalities': signedIn('SELECT'),
	'table public.venues': { anon: 'SELECT', authenticated: 'SELECT INSERT UPDATE DELETE' },
	// Account ids (created_by, set_by) are not published: column-limited reads.
	'table public.series except (created_by)': both('SELECT'),
	'table public.series': signedIn('INSERT UPDATE DELETE'),
	// Notes for supporters only through the office's functions (20261201000500).
	'table public.sessions except (created_by, supporter_notes)': both('SELECT'),
	'table public.sessions': signedIn('DELETE'),
	// Seats taken are counted by a trigger on registrations, not written by staff (20261125000100).
	'table public.sessions except (seats_confirmed, seats_waitlisted, supporters_needed, slot_minutes, desks, supporter_notes)': signedIn('INSERT UPDATE'),
	'table public.targets except (set_by)': both('SELECT'),
	'table public.targets': signedIn('INSERT UPDATE'),

	// People and roles: signed-in accounts only, and RLS narrows to their reach.
	'table public.role_grants': signedIn('SELECT'),
	'table public.role_grant_audit': signedIn('SELECT'),
	'table public.supporters': signedIn('SELECT INSERT UPDATE'),
	'table public.supporter_trainings': signedIn('SELECT INSERT UPDATE'),
	'table public.session_staffing': signedIn('SELECT INSERT UPDATE DELETE'),
	'table public.participants': signedIn('SELECT INSERT UPDATE'),
	'table public.registrations': signedIn('SELECT'),
	// Seats change only through register_for_session and cancel_registration (20261124000100).
	'table public.registrations except (id, session_id, municipality_code, participant_id, party_id, status, queue_seq, device, needs_loaner, channel, registered_by, confirmation_code, consented_at, created_at, cancelled_at)': signedIn('UPDATE'),
	'table public.attendance': signedIn('SELECT INSERT UPDATE'),

	// Supabase's own helpers (PUBLIC on Supabase too).
	'function auth.email()': both('EXECUTE'),
	'function auth.jwt()': both('EXECUTE'),
	'function auth.role()': both('EXECUTE'),
	'function auth.uid()': both('EXECUTE'),

	// The API: what the app calls for a visitor, and for a signed-in account.
	'function public.health_check()': both('EXECUTE'),
	// Staff by phone or at the counter; the web channel and code lookups are the server's
	// (service_role), so that limits count the address the server saw (20261124000100).
	'function public.register_for_session(uuid, jsonb, text, text, boolean, text, text)': signedIn('EXECUTE'),
	// Staff cancelling for a senior who phoned (20261201000300); definer, checks the town itself.
	'function public.cancel_registration_for(uuid)': signedIn('EXECUTE'),
	'function public.find_sessions(jsonb)': both('EXECUTE'),
	'function public.session_details(uuid)': both('EXECUTE'),
	'function public.list_municipalities()': both('EXECUTE'),
	'function public.list_topics()': both('EXECUTE'),
	'function public.municipality_details(text)': both('EXECUTE'),
	'function public.municipality_calendar(text)': both('EXECUTE'),
	'function public.my_roles()': signedIn('EXECUTE'),
	'function public.grant_role(text, text, text)': signedIn('EXECUTE'),
	'function public.revoke_role(uuid)': signedIn('EXECUTE'),
	'function public.issue_one_time_password(uuid, text)': signedIn('EXECUTE'),
	'function public.list_role_grants()': signedIn('EXECUTE'),
	'function public.list_role_audit(integer)': signedIn('EXECUTE'),
	'function public.list_managed_municipalities()': signedIn('EXECUTE'),
	'function public.check_in_roster(uuid)': signedIn('EXECUTE'),
	// The office's venues (20261201000200): invoker, so RLS on venues still decides.
	'function public.create_venue(text, jsonb)': signedIn('EXECUTE'),
	'function public.update_venue(uuid, jsonb)': signedIn('EXECUTE'),
	'function public.archive_venue(uuid, boolean)': signedIn('EXECUTE'),
	'function public.office_venues(text)': signedIn('EXECUTE'),
	'function public.office_venue(uuid)': signedIn('EXECUTE'),
	// The office's sessions (20261201000500): definer, each checks the caller manages the town.
	'function public.create_session(text, jsonb)': signedIn('EXECUTE'),
	'function public.create_series(text, jsonb, jsonb)': signedIn('EXECUTE'),
	'function public.update_session(uuid, jsonb)': signedIn('EXECUTE'),
	'function public.publish_session(uuid)': signedIn('EXECUTE'),
	'function public.cancel_session(uuid, text)': signedIn('EXECUTE'),
	'function public.office_session(uuid)': signedIn('EXECUTE'),
	'function public.office_sessions(text, date, date)': signedIn('EXECUTE'),
	'function public.office_registrations(uuid)': signedIn('EXECUTE'),
	'function public.office_overview(date, date)': signedIn('EXECUTE'),
	// Moving a party and publishing a series (20261201000900): definer, each checks the town.
	'function public.move_targets(uuid)': signedIn('EXECUTE'),
	'function public.move_registration(uuid, uuid, boolean)': signedIn('EXECUTE'),
	'function public.publish_series(uuid)': signedIn('EXECUTE'),
	'function public.month_flyer(text, date)': signedIn('EXECUTE'),
	// Supporters (20261201001000): definer, each decides who may act for whom.
	'function public.save_my_supporter_profile(jsonb)': signedIn('EXECUTE'),
	'function public.set_my_supporter_active(boolean)': signedIn('EXECUTE'),
	'function public.set_supporter_active(uuid, boolean)': signedIn('EXECUTE'),
	'function public.record_training(uuid, text, date)': signedIn('EXECUTE'),
	'function public.import_training(text, date, jsonb, boolean)': signedIn('EXECUTE'),
	'function public.my_supporter()': signedIn('EXECUTE'),
	'function public.supporter_sessions()': signedIn('EXECUTE'),
	'function public.offer_help(uuid)': signedIn('EXECUTE'),
	'function public.withdraw_help(uuid)': signedIn('EXECUTE'),
	'function public.staff_supporter(uuid, uuid, text)': signedIn('EXECUTE'),
	'function public.session_supporters(uuid)': signedIn('EXECUTE'),
	'function public.town_supporters(text)': signedIn('EXECUTE'),
	'function public.my_calendar_token(boolean)': signedIn('EXECUTE'),
	'function public.list_training_courses()': signedIn('EXECUTE'),
	'function public.add_training_course(text, text, text)': signedIn('EXECUTE'),
	'function public.record_supporter_activity(uuid, uuid, boolean, integer)': signedIn('EXECUTE'),
	'function public.my_activity(integer)': signedIn('EXECUTE'),
	// Check-in (20261201001400): definer, for the class's staff and assigned supporters.
	'function public.check_in_list(uuid)': signedIn('EXECUTE'),
	'function public.mark_attendance(uuid, uuid, boolean, uuid, timestamp with time zone)': signedIn('EXECUTE'),
	'function public.add_walk_in(uuid, jsonb, text, uuid)': signedIn('EXECUTE'),
	// Progress and targets (20261201001500): definer, for the town's staff and the prefecture's admin.
	'function public.set_target(integer, text, text, text, integer)': signedIn('EXECUTE'),
	'function public.progress(integer, text, text)': signedIn('EXECUTE'),
	// Staff review their town's likely duplicate participants (20261201001600).
	'function public.participant_duplicates(text)': signedIn('EXECUTE'),
	'function public.merge_participants(uuid, uuid)': signedIn('EXECUTE'),
	'function public.mark_distinct_participants(uuid, uuid)': signedIn('EXECUTE'),
	'function public.set_targets(integer, text, text, jsonb)': signedIn('EXECUTE'),
	'function public.prefecture_details(text)': both('EXECUTE'),
	// Open data (20261201001700): definer, published classes and suppressed counts only, for anyone.
	'function public.open_data_events(text)': both('EXECUTE'),
	'function public.open_data_participation()': both('EXECUTE'),
	// Staff exports (20261201001800): definer; names only for the town's own staff.
	'function public.export_choices(text)': signedIn('EXECUTE'),
	'function public.export_sessions(text, integer)': signedIn('EXECUTE'),
	'function public.export_attendance(uuid, boolean)': signedIn('EXECUTE'),

	// Helpers that policies, generated columns and the API functions above call as the caller.
	'function private.session_seats(uuid)': both('EXECUTE'),
	// The sessions a public search matches, inlined into find_sessions (20261125000300).
	'function private.listed_sessions(jsonb, date, date, integer[])': both('EXECUTE'),
	'function private.distance_km(double precision, double precision, double precision, double precision)': both('EXECUTE'),
	'function private.registration_state(text, timestamp with time zone, timestamp with time zone)': both('EXECUTE'),
	'function private.account_emails(uuid[])': signedIn('EXECUTE'),
	'function private.administered_prefecture_codes()': signedIn('EXECUTE'),
	'function private.venue_fields(jsonb)': signedIn('EXECUTE'),
	'function private.administers_supporter(uuid)': signedIn('EXECUTE'),
	'function private.can_manage(text)': signedIn('EXECUTE'),
	// Called as the writer of a supporter's row or offer (20261201001300): a check and a trigger.
	'function private.skills_well_formed(text[])': signedIn('EXECUTE'),
	'function private.withdraw_deadline(timestamp with time zone)': signedIn('EXECUTE'),
	'function private.is_certified_supporter(uuid)': signedIn('EXECUTE'),
	'function private.may_offer_help(uuid)': signedIn('EXECUTE'),
	'function private.session_still_to_come(uuid)': signedIn('EXECUTE'),
	'function private.is_prefecture_admin_of(text)': signedIn('EXECUTE'),
	'function private.managed_municipality_codes()': signedIn('EXECUTE'),
	'function private.managed_supporter_ids()': signedIn('EXECUTE'),
	'function private.my_supporter_id()': signedIn('EXECUTE'),
	'function private.normalize_kana(text)': signedIn('EXECUTE'),
	'function private.normalize_phone(text)': signedIn('EXECUTE')
};

/** The allowed privileges as the inventory lists them: `role PRIVILEGE kind name`, sorted. */
export function allowedPrivileges(): string[] {
	const lines: string[] = [];
	for (const [object, holders] of Object.entries(allowed)) {
		const [kind, ...name] = object.split(' ');
		for (const [role, privileges] of Object.entries(holders)) {
			for (const privilege of privileges.split(' ')) {
				// The database's name differs per test run; the inventory names it as it is.
				lines.push(`${role} ${privilege} ${kind} ${kind === 'database' ? '<current>' : name.join(' ')}`);
			}
		}
	}
	return lines.sort();
}
