-- Synthetic data for the benchmark, generated in SQL so that the national scale (1.2 million
-- sessions, 6 million attendances) loads in minutes. Run as the database owner on a migrated
-- database with the reference data (the bench does both); never on a town's own database.
-- Everything is derived from row numbers, so a scale always gives the same shape. The bench
-- runs it with triggers off (foreign keys included: checking 12 million references row by
-- row was most of the national load's time); the rows are made to satisfy them, and every
-- check constraint and unique index still holds them to it.

create schema if not exists bench;

-- The n-th confirmation code, in the alphabet new_confirmation_code uses (8 characters).
create or replace function bench.code(n bigint) returns text
language sql immutable as $$
  select substr(a, (n / 1801088541 % 21)::int + 1, 1) || substr(a, (n / 85766121 % 21)::int + 1, 1)
    || substr(a, (n / 4084101 % 21)::int + 1, 1) || substr(a, (n / 194481 % 21)::int + 1, 1)
    || substr(a, (n / 9261 % 21)::int + 1, 1) || substr(a, (n / 441 % 21)::int + 1, 1)
    || substr(a, (n / 21 % 21)::int + 1, 1) || substr(a, (n % 21)::int + 1, 1)
  from (select 'ACDEFHJKMNPRTWXY34679' as a) alphabet
$$;

-- Ids in the order rows are made (a kind, then a row number), so that each index grows at
-- its end instead of at random places: what makes millions of rows load in minutes.
create or replace function bench.id(kind integer, n bigint) returns uuid
language sql immutable as $$
  select (lpad(to_hex(kind), 8, '0') || lpad(to_hex(n), 24, '0'))::uuid
$$;

-- A number as hiragana, so that every synthetic person has a distinct reading.
create or replace function bench.kana(n bigint) returns text
language sql immutable as $$
  select 'やまだ' || translate(n::text, '0123456789', 'あいうえおかきくけこ')
$$;

-- p: {municipalities: 'town' | 'prefecture' | 'national', venues_per_municipality,
-- sessions, attendances, participants_per_municipality, upcoming_only, national_total}
create or replace function bench.generate(p jsonb) returns jsonb
language plpgsql as $$
declare
  v_scope text := p ->> 'municipalities';
  v_venues integer := (p ->> 'venues_per_municipality')::integer;
  v_sessions integer := (p ->> 'sessions')::integer;
  v_attendances bigint := coalesce((p ->> 'attendances')::bigint, 0);
  v_people integer := (p ->> 'participants_per_municipality')::integer;
  v_upcoming_only boolean := coalesce((p ->> 'upcoming_only')::boolean, false);
  v_first date;
  v_days integer;
  v_count integer;
  v_past bigint;
  v_topics text[];
begin
  if exists (select 1 from public.sessions) then
    raise exception 'bench.generate wants a database without sessions';
  end if;

  -- National scale: synthetic municipalities in the other 46 prefectures, up to 1,741.
  if v_scope = 'national' then
    insert into public.prefectures (code, local_government_code, name)
    select lpad(n::text, 2, '0'), lpad(n::text, 2, '0') || '0000', '県' || n
    from generate_series(1, 47) n
    on conflict do nothing;
    insert into public.municipalities (code, prefecture_code, name, kana, kind, office_lat, office_lng)
    select pref || lpad((100 + i / 46)::text, 3, '0') || '0', pref, '町' || i, 'まち' || bench.kana(i), '町',
           round((31 + (i % 97) * 0.12)::numeric, 5), round((130 + (i % 89) * 0.16)::numeric, 5)
    from generate_series(0, 1741 - (select count(*) from public.municipalities) - 1) i,
         lateral (select lpad(case when i % 46 + 1 >= 7 then i % 46 + 2 else i % 46 + 1 end::text, 2, '0') as pref) pc;
  end if;

  create temporary table bench_towns on commit drop as
  select code, office_lat, office_lng, (row_number() over (order by code) - 1)::integer as n
  from public.municipalities
  where case v_scope when 'town' then code = '072010' when 'prefecture' then prefecture_code = '07' else true end;
  select count(*) into v_count from bench_towns;

  insert into public.venues (municipality_code, name, kana, postal_code, address, lat, lng, access, parking, barrier_free, has_wifi, loaner_phones)
  select t.code, '第' || v || '集会所', 'だい' || v || 'しゅうかいじょ', '960-' || lpad((8000 + v)::text, 4, '0'),
         '本町' || v || '丁目1-1', coalesce(t.office_lat, 37.7) + v * 0.004, coalesce(t.office_lng, 140.4) + v * 0.003,
         'バス停「本町」から徒歩' || v || '分', '20台', '段差なし', v % 2 = 0, v % 5
  from bench_towns t cross join generate_series(1, v_venues) v;
  create temporary table bench_venues on commit drop as
  select v.id, v.municipality_code, (row_number() over (partition by v.municipality_code order by v.id) - 1)::integer as n
  from public.venues v join bench_towns t on t.code = v.municipality_code;
  create index on bench_venues (municipality_code, n);

  -- Sessions, spread evenly over the window: three fiscal years up to the end of this one,
  -- or (town) the next four months.
  if v_upcoming_only then
    v_first := current_date + 1;
    v_days := 120;
  else
    v_first := make_date(private.fiscal_year(now()) - 2, 4, 1);
    v_days := make_date(private.fiscal_year(now()) + 1, 4, 1) - v_first;
  end if;
  select array_agg(id order by sort_order) into v_topics from public.topics;

  insert into public.sessions (id, municipality_code, venue_id, topic_id, format, title, description, starts_at, ends_at, capacity, status,
                               registration_closes_at, contact_phone, what_to_bring, device_focus, cancel_reason)
  select bench.id(1, i), t.code, v.id, topic, 'class', 'はじめての' || tp.name_ja, tp.name_ja || 'を、一人ひとりのペースで学びます。',
         at, at + interval '90 minutes', 18 + i % 8,
         case when v_upcoming_only then 'published' when i % 40 = 7 then 'cancelled' when i % 50 = 3 and at > now() then 'draft' else 'published' end,
         case when i % 4 = 0 then at - interval '1 day' end,
         '024-' || lpad((i % 1000)::text, 3, '0') || '-0000', 'スマートフォン、老眼鏡', (array['any', 'iphone', 'android'])[i % 3 + 1],
         case when not v_upcoming_only and i % 40 = 7 then '講師の都合により中止します。' else '' end
  from generate_series(0, v_sessions - 1) i
  cross join lateral (select v_topics[i % cardinality(v_topics) + 1] as topic,
                             ((v_first + (i::bigint * v_days / v_sessions)::integer)::timestamp
                               + case when i % 2 = 0 then interval '10 hours' else interval '13 hours 30 minutes' end)
                               at time zone 'Asia/Tokyo' as at) x
  join public.topics tp on tp.id = x.topic
  join bench_towns t on t.n = i % v_count
  join bench_venues v on v.municipality_code = t.code and v.n = (i / v_count) % v_venues;

  insert into public.participants (id, municipality_code, full_name, name_kana, phone, age_band)
  select bench.id(2, t.n::bigint * 100000 + k), t.code, '山田' || t.n || '-' || k, bench.kana(t.n::bigint * 100000 + k),
         '090' || lpad((t.n::bigint * 100000 + k)::text, 8, '0'), (array['65_74', '75_84', '85_plus', 'under_65'])[k % 4 + 1]
  from bench_towns t cross join generate_series(0, v_people - 1) k;
  create temporary table bench_people on commit drop as
  select p.id, p.municipality_code, (row_number() over (partition by p.municipality_code order by p.id) - 1)::integer as n
  from public.participants p join bench_towns t on t.code = p.municipality_code;
  create index on bench_people (municipality_code, n);

  -- Past classes: registrations (confirmed) and attendance, v_attendances in all, spread
  -- evenly; the k-th person of session j is person (13 j + k) of the town, so none twice.
  create temporary table bench_past on commit drop as
  select s.id, s.municipality_code, s.starts_at, s.ends_at, (row_number() over (order by s.starts_at, s.id) - 1)::bigint as j
  from public.sessions s where s.starts_at < now() and s.status = 'published';
  select count(*) into v_past from bench_past;
  if v_past > 0 and v_attendances > 0 then
    insert into public.registrations (id, session_id, municipality_code, participant_id, status, device, channel, confirmation_code, consented_at, created_at)
    select bench.id(3, s.j * 64 + k), s.id, s.municipality_code, pp.id, 'confirmed', (array['iphone', 'android'])[k % 2 + 1], 'web',
           bench.code(s.j * 64 + k), s.starts_at - interval '7 days', s.starts_at - interval '7 days'
    from bench_past s
    cross join lateral generate_series(0, (v_attendances * (s.j + 1) / v_past - v_attendances * s.j / v_past)::integer - 1) k
    join bench_people pp on pp.municipality_code = s.municipality_code and pp.n = (s.j * 13 + k) % v_people
    order by s.j, k;
    insert into public.attendance (id, session_id, municipality_code, participant_id, registration_id, attended, nonce, recorded_at)
    select bench.id(4, r.queue_seq), r.session_id, r.municipality_code, r.participant_id, r.id, r.queue_seq % 10 <> 0, bench.id(5, r.queue_seq), s.ends_at
    from public.registrations r join bench_past s on s.id = r.session_id
    order by r.queue_seq;
  end if;

  -- Upcoming published classes: some empty, some full with a waiting list (capacity + 3).
  insert into public.registrations (id, session_id, municipality_code, participant_id, status, device, channel, confirmation_code, consented_at)
  select bench.id(6, u.n * 64 + k), s.id, s.municipality_code, pp.id, case when k < s.capacity then 'confirmed' else 'waitlisted' end,
         (array['iphone', 'android'])[k % 2 + 1], 'phone', bench.code(1801088541 + u.n * 64 + k), now()
  from (select s.*, (row_number() over (order by s.starts_at, s.id) - 1)::bigint as n
        from public.sessions s where s.starts_at > now() and s.status = 'published') s
  cross join lateral (select s.n) u
  cross join lateral generate_series(0, ((u.n * 7) % (s.capacity + 4))::integer - 1) k
  join bench_people pp on pp.municipality_code = s.municipality_code and pp.n = (u.n * 17 + k) % v_people
  order by s.starts_at, s.id, k;

  -- Two staff accounts in each town, as the prefecture's roles page lists them, each with the
  -- grant's line in the log. Nobody signs in as them: the bench's own admin does (database.ts).
  insert into auth.users (id, email, created_at)
  select bench.id(7, t.n::bigint * 2 + k), 'staff' || (t.n * 2 + k) || '@' || t.code || '.bench.example.jp', now() - interval '1 year'
  from bench_towns t cross join generate_series(0, 1) k;
  insert into public.role_grants (user_id, role, prefecture_code, municipality_code, granted_at)
  select bench.id(7, t.n::bigint * 2 + k), 'municipality_staff', m.prefecture_code, t.code, now() - interval '1 year' + (t.n * 2 + k) * interval '1 minute'
  from bench_towns t join public.municipalities m on m.code = t.code cross join generate_series(0, 1) k;
  insert into public.role_grant_audit (subject_id, action, role, prefecture_code, municipality_code, at)
  select g.user_id, 'grant', g.role, g.prefecture_code, g.municipality_code, g.granted_at
  from public.role_grants g order by g.granted_at;

  -- Loaded with triggers off (session_replication_role = replica, set by the bench): the seat
  -- counts the registrations trigger keeps are set here in one pass instead.
  update public.sessions s set seats_confirmed = c.confirmed, seats_waitlisted = c.waitlisted
  from (select r.session_id, count(*) filter (where r.status = 'confirmed')::integer as confirmed,
               count(*) filter (where r.status = 'waitlisted')::integer as waitlisted
        from public.registrations r group by r.session_id) c
  where c.session_id = s.id;
  -- And the facts and summaries progress and open data count from, which triggers keep in the
  -- app (20261201001650, 20261201001900, 20261201001950).
  perform private.rebuild_attendance_facts();
  perform private.rebuild_published_sessions();

  return jsonb_build_object(
    'municipalities', v_count,
    'venues', (select count(*) from public.venues),
    'sessions', (select count(*) from public.sessions),
    'upcoming_published', (select count(*) from public.sessions where status = 'published' and starts_at > now()),
    'participants', (select count(*) from public.participants),
    'registrations', (select count(*) from public.registrations),
    'attendances', (select count(*) from public.attendance),
    'staff', (select count(*) from public.role_grants));
end
$$;
