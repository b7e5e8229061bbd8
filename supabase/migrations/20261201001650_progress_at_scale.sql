-- progress (20261201001500) at national scale: the first version scanned the year's
-- attendance once per town, per month and per topic, and reached each mark's participant
-- (and a merged one's survivor) by a random index lookup: seconds for a prefecture among
-- 6 million attendances. Now:
--
-- * private.attendance_facts holds, per attendance row, what the counts need from its
--   session and its participant (the record counted, its person, its age band). Triggers
--   keep it exact in the same transaction as every write to attendance, sessions and
--   participants, so it cannot drift; a bulk load with triggers off (the bench, a restore
--   of an older backup) calls private.rebuild_attendance_facts().
-- * a prefecture's rows are found by the range of its codes ('07' → '070000' to '079999'),
--   which a covering index serves; left(code, 2) served none.
-- * every breakdown is one grouped pass.

create table private.attendance_facts (
  attendance_id uuid primary key references public.attendance (id) on delete cascade,
  session_id uuid not null,
  municipality_code text not null,
  starts_at timestamptz not null,
  -- The session's fiscal year and month in Japan, kept so that no count computes them per row.
  fiscal_year integer not null,
  month text not null,
  status text not null,
  topic_id text not null,
  -- The attendance's own record, and the one counted (a merged record's survivor).
  record_id uuid not null,
  participant_id uuid not null,
  person_id uuid not null,
  age_band text not null,
  attended boolean not null
);
alter table private.attendance_facts enable row level security;
revoke all on private.attendance_facts from public, anon, authenticated;
create index attendance_facts_counted_idx on private.attendance_facts (fiscal_year, municipality_code)
  include (starts_at, month, topic_id, participant_id, person_id, age_band) where attended and status = 'published';
create index attendance_facts_session_idx on private.attendance_facts (session_id);
create index attendance_facts_record_idx on private.attendance_facts (record_id);
-- The sessions held, read from the index alone.
create index sessions_held_idx on public.sessions (municipality_code, starts_at) include (id, topic_id) where status = 'published';

-- The facts of every attendance row, as the rows are now: what the triggers write, and what
-- a rebuild writes again.
create view private.attendance_fact_source as
  select a.id as attendance_id, a.session_id, s.municipality_code, s.starts_at, private.fiscal_year(s.starts_at) as fiscal_year,
         to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, s.status, s.topic_id, a.participant_id as record_id,
         coalesce(r.id, p.id) as participant_id, coalesce(r.person_id, p.person_id) as person_id,
         coalesce(r.age_band, p.age_band) as age_band, a.attended
  from public.attendance a
  join public.sessions s on s.id = a.session_id
  join public.participants p on p.id = a.participant_id
  left join public.participants r on r.id = p.merged_into;
revoke all on private.attendance_fact_source from public, anon, authenticated;

-- The facts of some attendance rows.
create function private.attendance_fact_rows(p_ids uuid[]) returns setof private.attendance_facts
language sql stable set search_path = '' as $$
  select * from private.attendance_fact_source f where f.attendance_id = any (p_ids)
$$;

create function private.put_attendance_facts(p_ids uuid[]) returns void
language sql volatile set search_path = '' as $$
  insert into private.attendance_facts
  select * from private.attendance_fact_rows(p_ids)
  on conflict (attendance_id) do update set
    session_id = excluded.session_id, municipality_code = excluded.municipality_code, starts_at = excluded.starts_at,
    fiscal_year = excluded.fiscal_year, month = excluded.month,
    status = excluded.status, topic_id = excluded.topic_id, record_id = excluded.record_id,
    participant_id = excluded.participant_id, person_id = excluded.person_id, age_band = excluded.age_band,
    attended = excluded.attended
$$;

create function private.attendance_facts_follow_attendance() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.put_attendance_facts(array(select id from changed));
  return null;
end
$$;
create trigger attendance_facts_on_insert after insert on public.attendance
  referencing new table as changed for each statement execute function private.attendance_facts_follow_attendance();
create trigger attendance_facts_on_update after update on public.attendance
  referencing new table as changed for each statement execute function private.attendance_facts_follow_attendance();

-- A session moved, published, cancelled or given another topic.
create function private.attendance_facts_follow_sessions() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update private.attendance_facts f
  set municipality_code = s.municipality_code, starts_at = s.starts_at, fiscal_year = private.fiscal_year(s.starts_at),
      month = to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM'), status = s.status, topic_id = s.topic_id
  from changed s
  where f.session_id = s.id
    and (f.municipality_code, f.starts_at, f.status, f.topic_id) is distinct from (s.municipality_code, s.starts_at, s.status, s.topic_id);
  return null;
end
$$;
create trigger attendance_facts_on_sessions after update on public.sessions
  referencing new table as changed for each statement execute function private.attendance_facts_follow_sessions();

-- A record merged, given another person or age band: its marks, and those of the records
-- merged into it, count as someone else now.
create function private.attendance_facts_follow_participants() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.put_attendance_facts(array(
    select f.attendance_id from private.attendance_facts f
    where f.record_id in (select c.id from changed c join old_rows o on o.id = c.id
                          where (c.merged_into, c.person_id, c.age_band) is distinct from (o.merged_into, o.person_id, o.age_band)
                          union
                          select p.id from public.participants p join changed c on p.merged_into = c.id
                          join old_rows o on o.id = c.id
                          where (c.person_id, c.age_band) is distinct from (o.person_id, o.age_band))));
  return null;
end
$$;
create trigger attendance_facts_on_participants after update on public.participants
  referencing old table as old_rows new table as changed for each statement execute function private.attendance_facts_follow_participants();

-- After a load with triggers off: every fact again, from the rows.
create function private.rebuild_attendance_facts() returns bigint
language plpgsql volatile set search_path = '' as $$
declare
  v_count bigint;
begin
  delete from private.attendance_facts;
  insert into private.attendance_facts select * from private.attendance_fact_source;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
select private.rebuild_attendance_facts();

create or replace function public.progress(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_from timestamptz := private.fiscal_year_start(p_fiscal_year);
  v_to timestamptz := private.fiscal_year_start(p_fiscal_year + 1);
  v_result jsonb;
begin
  if p_fiscal_year is null or p_fiscal_year not between 2000 and 2100 then
    raise exception using errcode = 'P0001', message = 'fiscal_year_invalid';
  end if;
  if (p_municipality_code is null and not private.is_prefecture_admin_of(p_prefecture_code))
     or (p_municipality_code is not null and (left(p_municipality_code, 2) is distinct from p_prefecture_code or not private.can_manage(p_municipality_code))) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  with held as materialized (
    select s.id, s.municipality_code, s.topic_id,
           to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month
    from public.sessions s
    where s.status = 'published' and s.starts_at >= v_from and s.starts_at < least(v_to, now())
      and s.municipality_code between coalesce(p_municipality_code, p_prefecture_code || '0000') and coalesce(p_municipality_code, p_prefecture_code || '9999')
  ),
  present as materialized (
    -- Each present mark, with its person: the record staff kept (a merged one's survivor) in a
    -- town, the person across towns for the prefecture (who).
    select f.municipality_code, f.month, f.topic_id,
           f.participant_id,
           case when p_municipality_code is null then f.person_id else f.participant_id end as who,
           f.age_band
    from private.attendance_facts f
    where f.attended and f.status = 'published' and f.fiscal_year = p_fiscal_year and f.starts_at < now()
      and f.municipality_code between coalesce(p_municipality_code, p_prefecture_code || '0000') and coalesce(p_municipality_code, p_prefecture_code || '9999')
  ),
  people as (
    -- One row per senior counted, with the month they first came.
    select who, min(month) as first_month from present where age_band <> 'under_65' group by who
  ),
  by_month as (
    select m.month,
           coalesce(fm.seniors, 0) as senior_participants,
           coalesce(pm.attendances, 0) as attendances, coalesce(hm.sessions_held, 0) as sessions_held
    from (select to_char((v_from at time zone 'Asia/Tokyo') + make_interval(months => i), 'YYYY-MM') as month from generate_series(0, 11) i) m
    left join (select month, count(*) as attendances from present group by month) pm on pm.month = m.month
    left join (select month, count(*) as sessions_held from held group by month) hm on hm.month = m.month
    left join (select first_month, count(*) as seniors from people group by first_month) fm on fm.first_month = m.month
  ),
  helpers as (
    select count(distinct st.supporter_id) as n
    from public.session_staffing st join held h on h.id = st.session_id
    where st.status = 'assigned' and st.attended
  ),
  targets as (
    select t.metric, t.value from public.targets t
    where t.fiscal_year = p_fiscal_year and t.prefecture_code = p_prefecture_code
      and t.municipality_code is not distinct from p_municipality_code
  ),
  town_held as (select municipality_code, count(*) as n from held group by municipality_code),
  -- Distinct pairs first, then counts: hashed, where count(distinct) would sort.
  town_present as (
    select a.municipality_code, a.attendances, coalesce(d.seniors, 0) as seniors
    from (select municipality_code, count(*) as attendances from present group by municipality_code) a
    left join (select municipality_code, count(*) as seniors
               from (select distinct municipality_code, participant_id from present where age_band <> 'under_65') x
               group by municipality_code) d on d.municipality_code = a.municipality_code
  ),
  topic_held as (select topic_id, count(*) as n from held group by topic_id),
  topic_present as (select topic_id, count(*) as n from present group by topic_id),
  ages as (select age_band, count(*) as n from (select distinct age_band, who from present) x group by age_band)
  select jsonb_build_object(
    'fiscal_year', p_fiscal_year,
    'metrics', jsonb_build_object(
      'senior_participants', (select count(*) from people),
      'attendances', (select count(*) from present),
      'sessions_held', (select count(*) from held),
      'municipalities_holding', (select count(*) from town_held),
      'active_supporters', (select n from helpers)),
    'targets', coalesce((select jsonb_object_agg(metric, value) from targets), '{}'),
    'months', (select jsonb_agg(jsonb_build_object('month', month, 'senior_participants', senior_participants,
        'attendances', attendances, 'sessions_held', sessions_held) order by month) from by_month),
    'by_topic', coalesce((select jsonb_agg(jsonb_build_object('topic_id', t.id, 'name_ja', t.name_ja, 'name_en', t.name_en,
        'sessions_held', th.n, 'attendances', coalesce(tp.n, 0)) order by t.sort_order)
      from public.topics t join topic_held th on th.topic_id = t.id left join topic_present tp on tp.topic_id = t.id), '[]'),
    'by_age', (select jsonb_agg(jsonb_build_object('age_band', b.band, 'people', coalesce(a.n, 0)) order by b.o)
      from (values ('65_74', 1), ('75_84', 2), ('85_plus', 3), ('under_65', 4)) b (band, o) left join ages a on a.age_band = b.band),
    'towns', case when p_municipality_code is null then coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name,
          'sessions_held', coalesce(th.n, 0), 'attendances', coalesce(tp.attendances, 0), 'senior_participants', coalesce(tp.seniors, 0),
          'target', tt.value)
        order by m.code)
      from public.municipalities m
      left join town_held th on th.municipality_code = m.code
      left join town_present tp on tp.municipality_code = m.code
      left join public.targets tt on tt.fiscal_year = p_fiscal_year and tt.municipality_code = m.code and tt.metric = 'senior_participants'
      where m.prefecture_code = p_prefecture_code), '[]') end,
    'without_sessions', case when p_municipality_code is null then coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name) order by m.code)
      from public.municipalities m
      where m.prefecture_code = p_prefecture_code and not exists (select 1 from town_held h where h.municipality_code = m.code)), '[]') end)
  into v_result;
  return v_result;
end
$$;

revoke execute on function private.attendance_fact_rows(uuid[]), private.put_attendance_facts(uuid[]),
  private.attendance_facts_follow_attendance(), private.attendance_facts_follow_sessions(),
  private.attendance_facts_follow_participants(), private.rebuild_attendance_facts() from public, anon, authenticated;
