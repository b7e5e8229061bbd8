// Values a hostile or broken client sends: markup, SQL, control characters, odd Unicode,
// overlong text, encodings that do not decode, and lookalikes of valid values.
export const hostileValues = [
	'',
	' ',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"' or '1'='1",
	"'); drop table public.sessions; --",
	'\u0000',
	'a\u0000b',
	'\r\nSet-Cookie: evil=1',
	'\u007f\u001b[31m',
	'/\t/evil.example',
	'//evil.example',
	'/\\evil.example',
	'https://evil.example/',
	'javascript:alert(1)',
	'%',
	'%ff%fe',
	'%E0%A4%A',
	'\ud800',
	'🙂👨‍👩‍👧',
	// A well-formed address once normalised, too short for a password: every field gets the same
	// value, and a longer one would be a real sign-up, which is not hostile and changes rows.
	'ｍｅ＠ｅｘ．ｊｐ',
	'admin@demo.tsunagu.example',
	// Over the limit of every field but the longest notes; kept so that a whole form of it (every
	// field name below) stays under ~100 KB, above which Node resets connections it answered
	// without reading the body (see the note in hostile-requests.spec.ts).
	'a'.repeat(1000),
	'00000000-0000-0000-0000-000000000000',
	'not-a-uuid',
	'072010',
	'-1',
	'1e309',
	'NaN',
	'null',
	'[object Object]',
	'{"$ne":null}',
	'../../../../etc/passwd',
	'prefecture_admin',
	'municipality_staff'
];

/** Form fields any action might read, so each hostile value reaches every parser. */
export const fieldNames = [
	'email', 'password', 'current_password', 'new_password', 'role', 'municipality_code', 'grant_id',
	'text_size', 'contrast', 'lang', 'return_to', 'next', 'id', 'page',
	// Registration and /r: every field, the consent tick included, gets the same value.
	'name1', 'kana1', 'age1', 'device1', 'loaner1', 'together', 'name2', 'kana2', 'age2', 'device2', 'loaner2',
	'phone', 'note', 'consent', 'code',
	// The office's venue form, and its archive switch.
	'name', 'kana', 'postal_code', 'address', 'lat', 'lng', 'access', 'parking', 'barrier_free', 'has_wifi', 'loaner_phones', 'archived',
	// The office's session and series forms (a cancellation's reason is left out: any text is one).
	'format', 'title', 'topic_id', 'venue_id', 'date', 'start_time', 'end_time', 'slot_minutes', 'desks', 'supporters_needed',
	'device_focus', 'what_to_bring', 'fee_yen', 'contact_phone', 'description', 'supporter_notes', 'closes_days_before', 'cadence',
	'count', 'dates',
	// Moving a registration to another session.
	'registration_id', 'to', 'waitlist_ok',
	// Supporters: the profile (name, kana, phone and note are above), offers, and the office's roster and staffing forms.
	'display_name', 'travel_codes', 'skills', 'availability', 'session_id', 'supporter_id', 'active', 'course', 'completed_on', 'list',
	'all_or_nothing', 'action', 'prefecture_code', 'name_ja', 'name_en', 'attended', 'minutes',
	// Check-in: a mark's nonce and the phone's time.
	'nonce', 'marked_at',
	// Fields no form has, naming what only SQL decides: who someone is, what they may do, a seat.
	'user_id', 'created_by', 'is_admin', 'status', 'capacity', 'seats_confirmed', 'queue_seq', 'participant_id'
];

export const queryNames = ['next', 'return_to', 'page', 'municipality', 'topic', 'q', 'from', 'to', '/grant',
	'postal', 'weekday', 'part', 'device', 'lat', 'lng', 'sort', 'new', 'cancel', 'cancelled', 'town', 'saved',
	'month', 'copy', 'registration', 'series', 'first', 'added', 'moved', 'position', 'promoted'];

/** Bodies that are not the form they claim to be. */
export const oddBodies: { label: string; headers: Record<string, string>; data: string | Buffer }[] = [
	{ label: 'text/plain', headers: { 'content-type': 'text/plain' }, data: 'email=a@b.jp&password=x' },
	{ label: 'no content type', headers: {}, data: 'email=a@b.jp' },
	{ label: 'json', headers: { 'content-type': 'application/json' }, data: '{"email":"a@b.jp"}' },
	{ label: 'multipart without boundary', headers: { 'content-type': 'multipart/form-data' }, data: 'email=a' },
	{ label: 'multipart, wrong boundary', headers: { 'content-type': 'multipart/form-data; boundary=abc' }, data: '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.jp\r\n--xyz--\r\n' },
	{ label: 'multipart, cut off', headers: { 'content-type': 'multipart/form-data; boundary=abc' }, data: '--abc\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b' },
	{ label: 'multipart with a file for a field', headers: { 'content-type': 'multipart/form-data; boundary=abc' }, data: '--abc\r\nContent-Disposition: form-data; name="email"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--abc--\r\n' },
	{ label: 'urlencoded, bad percent', headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'email=%ZZ&password=%' },
	{ label: 'urlencoded, invalid UTF-8', headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe, 0xc3]) },
	{ label: 'urlencoded, repeated fields', headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'email=a@b.jp&email=c@d.jp&role=x&role=y' },
	{ label: 'urlencoded, charset latin1', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' }, data: 'email=a@b.jp' },
	{ label: 'empty', headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: '' }
];

export const oddMethods = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'];

/** Headers that claim what they should not decide, or carry what should not parse. */
export const oddHeaders: Record<string, string>[] = [
	{ 'x-forwarded-proto': 'https' },
	{ 'x-forwarded-for': '<script>, 999.1.1.1, ::1' },
	{ 'x-forwarded-host': 'evil.example' },
	{ cookie: 'tsunagu_session=%00; lang=<script>; text_size=../../x; contrast=%ff' },
	{ cookie: `tsunagu_session=${'A'.repeat(4000)}` },
	{ accept: 'application/json' },
	{ accept: '*/*', 'accept-language': 'xx;q=abc' },
	{ 'x-sveltekit-action': 'true' },
	// Over Node's 16 KB for all headers: refused before any code of ours runs.
	{ 'x-padding': 'a'.repeat(20_000) }
];
