-- Open data (issue 11, item 6): what anyone may download, without signing in, as the
-- prefecture's DX policy asks (publish data as open data). Two readings, both for anon:
--
--   open_data_events         published classes in the 自治体標準オープンデータセット event-list
--                            form (the app writes the columns; this returns their values)
--   open_data_participation  sessions held, attendances (延べ) and seniors reached (実人数)
--                            per municipality and fiscal year, small counts suppressed here
--
-- Security definer: the event list numbers a town's classes over all its sessions, drafts
-- included, so that a class keeps its number; and the counts come from attendance and
-- participants, which anon may not read. Neither returns anything about a person: no name,
-- reading, phone, age band, registration, supporter or account, only counts of at least 5.

-- Published classes of every municipality, or of one (null for a code that is no
-- municipality, so that the page can answer 404 without a second call).
--
-- Time window: from 1 April of the current fiscal year (Japan time) onward. An event list
-- announces what is on; keeping the classes already held this year lets a reader see the
-- year's programme as a whole (it is what the year's progress is counted over), while
-- earlier years are summed up in open_data_participation instead of growing the file for ever.
--
-- NO: a class's number within its town, counted over every session the town ever created
-- (by creation, then id), so that a class keeps its number from one download to the next
-- even when a class is added before it; numbers of drafts, cancelled and older classes are
-- simply not shown.
create function public.open_data_events(p_municipality_code text default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case
    when p_municipality_code is not null and not exists (select 1 from public.municipalities m where m.code = p_municipality_code) then null
    else (
      select coalesce(jsonb_agg(jsonb_build_object(
        'id', s.id,
        'municipality_code', s.municipality_code,
        'no', s.no,
        'prefecture_name', pr.name,
        'municipality_name', m.name,
        'municipality_kind', m.kind,
        'title', s.title,
        'start_date', to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'),
        'end_date', to_char(s.ends_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'),
        'start_time', to_char(s.starts_at at time zone 'Asia/Tokyo', 'HH24:MI'),
        'end_time', to_char(s.ends_at at time zone 'Asia/Tokyo', 'HH24:MI'),
        'description', s.description,
        'fee_yen', s.fee_yen,
        -- The number the town office gave for enquiries: an office's, never a person's.
        'contact_phone', s.contact_phone,
        'venue_name', v.name,
        'address', v.address,
        'lat', v.lat::text,
        'lng', v.lng::text,
        'access', v.access,
        'parking', v.parking,
        'capacity', s.capacity,
        -- Without a deadline, registration stays open until the class begins.
        'closes_date', to_char(coalesce(s.registration_closes_at, s.starts_at) at time zone 'Asia/Tokyo', 'YYYY-MM-DD'),
        'closes_time', to_char(coalesce(s.registration_closes_at, s.starts_at) at time zone 'Asia/Tokyo', 'HH24:MI'),
        'format', s.format,
        'topic', t.name_ja,
        'what_to_bring', s.what_to_bring
      ) order by s.municipality_code, s.starts_at, s.id), '[]'::jsonb)
      from (
        select x.*, row_number() over (partition by x.municipality_code order by x.created_at, x.id) as no
        from public.sessions x
        where p_municipality_code is null or x.municipality_code = p_municipality_code
      ) s
      join public.municipalities m on m.code = s.municipality_code
      join public.prefectures pr on pr.code = m.prefecture_code
      join public.venues v on v.id = s.venue_id
      join public.topics t on t.id = s.topic_id
      where s.status = 'published'
        and s.starts_at >= private.fiscal_year_start(private.fiscal_year(now()))
    ) end
$$;

-- Every municipality, for every fiscal year from the first in which any class was held up
-- to the current one (a town that held nothing shows 0: where classes are missing is worth
-- knowing). Counted as public.progress counts a town (20261201001500):
--   sessions held   published sessions of the year that have begun
--   attendances     attendance marked present at those sessions, walk-ins included (延べ)
--   seniors         distinct participant records aged 65 or over among those present, a
--                   merged duplicate counted as the record it was merged into (実人数)
-- Suppression: a count from 1 to 4 is returned as null (the app writes the cell empty and
-- says 「1〜4は秘匿」), so that nobody can be picked out in a village's small class. Zero is
-- shown: it says no one came, which is about no one. There is no total row: a total less the
-- cells shown would give a suppressed cell back.
create function public.open_data_participation() returns jsonb
language sql stable security definer set search_path = '' as $$
  with held as materialized (
    select s.id, s.municipality_code, private.fiscal_year(s.starts_at) as fiscal_year
    from public.sessions s
    where s.status = 'published' and s.starts_at < now()
  ),
  -- Present marks, each with the record counted (a merged one's survivor), as progress
  -- counts them (private.attendance_facts, 20261201001650).
  present as (
    select f.municipality_code, f.fiscal_year, f.participant_id, f.age_band
    from private.attendance_facts f
    where f.attended and f.status = 'published' and f.starts_at < now()
  ),
  sessions_by as (
    select municipality_code, fiscal_year, count(*) as n from held group by 1, 2
  ),
  present_by as (
    select municipality_code, fiscal_year, count(*) as attendances,
           count(distinct participant_id) filter (where age_band <> 'under_65') as seniors
    from present group by 1, 2
  ),
  years as (
    select generate_series(coalesce((select min(fiscal_year) from held), private.fiscal_year(now())), private.fiscal_year(now())) as fiscal_year
  ),
  counted as (
    select m.code, m.name, pr.name as prefecture_name, y.fiscal_year,
           coalesce(sb.n, 0) as sessions_held, coalesce(pb.attendances, 0) as attendances, coalesce(pb.seniors, 0) as seniors
    from public.municipalities m
    join public.prefectures pr on pr.code = m.prefecture_code
    cross join years y
    left join sessions_by sb on sb.municipality_code = m.code and sb.fiscal_year = y.fiscal_year
    left join present_by pb on pb.municipality_code = m.code and pb.fiscal_year = y.fiscal_year
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'municipality_code', c.code,
    'prefecture_name', c.prefecture_name,
    'municipality_name', c.name,
    'fiscal_year', c.fiscal_year,
    'sessions_held', case when c.sessions_held between 1 and 4 then null else c.sessions_held end,
    'attendances', case when c.attendances between 1 and 4 then null else c.attendances end,
    'senior_participants', case when c.seniors between 1 and 4 then null else c.seniors end,
    'suppressed', c.sessions_held between 1 and 4 or c.attendances between 1 and 4 or c.seniors between 1 and 4,
    'in_progress', c.fiscal_year = private.fiscal_year(now()),
    'counted_on', to_char(now() at time zone 'Asia/Tokyo', 'YYYY-MM-DD')
  ) order by c.fiscal_year, c.code), '[]'::jsonb)
  from counted c
$$;

revoke execute on function public.open_data_events(text), public.open_data_participation() from public;
grant execute on function public.open_data_events(text), public.open_data_participation() to anon, authenticated;
