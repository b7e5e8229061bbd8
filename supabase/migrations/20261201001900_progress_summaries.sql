-- progress (20261201001650) at national scale still hashed a prefecture's year of marks per
-- request (46,000 for Fukushima among 6 million): 90 ms on a quiet machine, 170–280 ms on a
-- busy one; now 17 ms. Its distinct counts (実人数 by the month each senior first came, people
-- per age band) and its sums (延べ by month, topic and town) are now kept, exact, in two
-- summaries of private.attendance_facts, written by the same transaction that writes the facts:
--
-- * private.progress_people: one row per person counted in a fiscal year and scope. A scope
--   is a town (its code; the person is the record counted there) or a prefecture (its code;
--   the person across its towns, as the prefecture counts them once). The row holds the
--   month of their first mark in a 65+ band and the bands of their marks.
-- * private.progress_counts: numbers per fiscal year and scope: marks by month and by topic
--   (towns only; the prefecture's are the sum of its towns'), people by first month, and
--   people per age band.
--
-- A class, and the marks at it, count from its start, as before. Check-in opens two hours
-- earlier, and a summary cannot wait for the clock: the summaries hold every mark, and a
-- count takes out again the few at classes not begun (private.progress_not_begun).
--
-- Exact under concurrency: a person's row is locked before it is computed again from the
-- facts, so two check-ins of one person (two towns, one prefecture row) take turns, and the
-- second, in its next statement, sees the first's marks. Counts change by differences, in
-- one upsert each, which PostgreSQL applies to the latest row.

create table private.progress_people (
  fiscal_year integer not null,
  scope text not null,
  who uuid not null,
  senior_first_month text,
  bands text[] not null default '{}',
  primary key (fiscal_year, scope, who)
);
alter table private.progress_people enable row level security;
revoke all on private.progress_people from public, anon, authenticated;

create table private.progress_counts (
  fiscal_year integer not null,
  scope text not null,
  measure text not null check (measure in ('marks_month', 'marks_topic', 'first_month', 'band')),
  key text not null,
  n bigint not null,
  primary key (fiscal_year, scope, measure, key)
);
alter table private.progress_counts enable row level security;
revoke all on private.progress_counts from public, anon, authenticated;

-- A person's marks, found again when they change.
create index attendance_facts_participant_year_idx on private.attendance_facts (participant_id, fiscal_year);
create index attendance_facts_person_year_idx on private.attendance_facts (person_id, fiscal_year);

-- What the summaries must hold, from the facts as they are: what a rebuild writes, and what
-- the tests compare the summaries with.
create view private.progress_people_source as
  with counted as (
    select f.fiscal_year, f.municipality_code, f.participant_id, f.person_id, f.month, f.age_band
    from private.attendance_facts f where f.attended and f.status = 'published'
  )
  select fiscal_year, scope, who, min(month) filter (where age_band <> 'under_65') as senior_first_month,
         array_agg(distinct age_band order by age_band) as bands
  from (select fiscal_year, municipality_code as scope, participant_id as who, month, age_band from counted
        union all
        select fiscal_year, left(municipality_code, 2), person_id, month, age_band from counted) x
  group by fiscal_year, scope, who;
revoke all on private.progress_people_source from public, anon, authenticated;

create view private.progress_counts_source as
  select f.fiscal_year, f.municipality_code as scope, m.measure, m.key, count(*) as n
  from private.attendance_facts f
  cross join lateral (values ('marks_month', f.month), ('marks_topic', f.topic_id)) m (measure, key)
  where f.attended and f.status = 'published'
  group by 1, 2, 3, 4
  union all
  select p.fiscal_year, p.scope, 'first_month', p.senior_first_month, count(*)
  from private.progress_people_source p where p.senior_first_month is not null
  group by 1, 2, 3, 4
  union all
  select p.fiscal_year, p.scope, 'band', b.band, count(*)
  from private.progress_people_source p cross join unnest(p.bands) b (band)
  group by 1, 2, 3, 4;
revoke all on private.progress_counts_source from public, anon, authenticated;

-- The people a change of facts touches: each counted row's town record and prefecture person.
create function private.progress_keys(p_rows private.attendance_facts[])
returns table (fiscal_year integer, scope text, who uuid)
language sql immutable set search_path = '' as $$
  select distinct f.fiscal_year, k.scope, k.who
  from unnest(p_rows) f
  cross join lateral (values (f.municipality_code, f.participant_id), (left(f.municipality_code, 2), f.person_id)) k (scope, who)
  where f.attended and f.status = 'published'
$$;

-- How the counts change when facts go from p_old to p_new: 延べ, each mark counted, by month
-- and by topic in its town.
create function private.progress_mark_changes(p_old private.attendance_facts[], p_new private.attendance_facts[])
returns table (fiscal_year integer, scope text, measure text, key text, n bigint)
language sql immutable set search_path = '' as $$
  select x.fiscal_year, x.municipality_code, m.measure, m.key, sum(x.d)::bigint
  from (select f.fiscal_year, f.municipality_code, f.month, f.topic_id, -1 as d from unnest(p_old) f where f.attended and f.status = 'published'
        union all
        select f.fiscal_year, f.municipality_code, f.month, f.topic_id, 1 from unnest(p_new) f where f.attended and f.status = 'published') x
  cross join lateral (values ('marks_month', x.month), ('marks_topic', x.topic_id)) m (measure, key)
  group by 1, 2, 3, 4
  having sum(x.d) <> 0
$$;

-- The rows some people should have, from their marks at classes that begin before p_before.
create function private.progress_people_of(p_keys jsonb, p_before timestamptz) returns setof private.progress_people
language sql stable set search_path = '' as $$
  with keys as (
    select * from jsonb_to_recordset(p_keys) k (fiscal_year integer, scope text, who uuid)
  )
  -- A town's person is the record counted there; a prefecture's, the person across its towns.
  select k.fiscal_year, k.scope, k.who,
         min(f.month) filter (where f.age_band <> 'under_65'),
         coalesce(array_agg(distinct f.age_band order by f.age_band) filter (where f.age_band is not null), '{}')
  from keys k
  left join lateral (
    select f.month, f.age_band from private.attendance_facts f
    where length(k.scope) > 2 and f.participant_id = k.who and f.fiscal_year = k.fiscal_year and f.municipality_code = k.scope
      and f.attended and f.status = 'published' and f.starts_at < p_before
    union all
    select f.month, f.age_band from private.attendance_facts f
    where length(k.scope) = 2 and f.person_id = k.who and f.fiscal_year = k.fiscal_year and left(f.municipality_code, 2) = k.scope
      and f.attended and f.status = 'published' and f.starts_at < p_before
  ) f on true
  group by 1, 2, 3
$$;

-- How the counts change when people's rows go from p_before to p_after: 実人数 by the month
-- each first came at 65 or over, and people per age band.
create function private.progress_people_changes(p_before private.progress_people[], p_after private.progress_people[])
returns table (fiscal_year integer, scope text, measure text, key text, n bigint)
language sql immutable set search_path = '' as $$
  select x.fiscal_year, x.scope, x.measure, x.key, sum(x.d)::bigint
  from (select b.fiscal_year, b.scope, 'first_month' as measure, b.senior_first_month as key, -1 as d from unnest(p_before) b where b.senior_first_month is not null
        union all
        select a.fiscal_year, a.scope, 'first_month', a.senior_first_month, 1 from unnest(p_after) a where a.senior_first_month is not null
        union all
        select b.fiscal_year, b.scope, 'band', band, -1 from unnest(p_before) b cross join unnest(b.bands) band
        union all
        select a.fiscal_year, a.scope, 'band', band, 1 from unnest(p_after) a cross join unnest(a.bands) band) x
  group by 1, 2, 3, 4
  having sum(x.d) <> 0
$$;

create function private.progress_follow_facts(p_old private.attendance_facts[], p_new private.attendance_facts[]) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_keys jsonb := (select coalesce(jsonb_agg(k order by k.fiscal_year, k.scope, k.who), '[]')
                   from (select * from private.progress_keys(p_old) union select * from private.progress_keys(p_new)) k);
begin
  insert into private.progress_counts as c (fiscal_year, scope, measure, key, n)
  select * from private.progress_mark_changes(p_old, p_new) order by 1, 2, 3, 4
  on conflict (fiscal_year, scope, measure, key) do update set n = c.n + excluded.n;

  if v_keys = '[]' then return; end if;
  -- Each person touched, locked in one order (a new one made first, empty).
  insert into private.progress_people (fiscal_year, scope, who)
  select k.fiscal_year, k.scope, k.who from jsonb_to_recordset(v_keys) k (fiscal_year integer, scope text, who uuid)
  order by 1, 2, 3
  on conflict do nothing;
  perform 1 from private.progress_people p
  join jsonb_to_recordset(v_keys) k (fiscal_year integer, scope text, who uuid) on (k.fiscal_year, k.scope, k.who) = (p.fiscal_year, p.scope, p.who)
  order by p.fiscal_year, p.scope, p.who
  for update of p;

  -- Then computed again from their facts, in this new statement that sees every mark
  -- committed before the lock was given; the counts change by the difference.
  with fresh as (
    select * from private.progress_people_of(v_keys, 'infinity')
  ),
  kept as (
    select p from private.progress_people p join fresh f on (p.fiscal_year, p.scope, p.who) = (f.fiscal_year, f.scope, f.who)
  ),
  saved as (
    update private.progress_people p set senior_first_month = f.senior_first_month, bands = f.bands
    from fresh f where (p.fiscal_year, p.scope, p.who) = (f.fiscal_year, f.scope, f.who)
      and (p.senior_first_month, p.bands) is distinct from (f.senior_first_month, f.bands)
  )
  insert into private.progress_counts as c (fiscal_year, scope, measure, key, n)
  select * from private.progress_people_changes(array(select k.p from kept k), array(select f::private.progress_people from fresh f))
  order by 1, 2, 3, 4
  on conflict (fiscal_year, scope, measure, key) do update set n = c.n + excluded.n;
end
$$;

-- Marks at classes not begun yet (check-in opens two hours before the class). The summaries
-- hold them, but a class, and the marks at it, count from its start; this is what to add to
-- the counts to take them out again. They are few, and found by their own index.
create index attendance_facts_not_begun_idx on private.attendance_facts (starts_at) where attended and status = 'published';
create function private.progress_not_begun(p_fiscal_year integer, p_low text, p_high text)
returns table (fiscal_year integer, scope text, measure text, key text, n bigint)
language plpgsql stable set search_path = '' as $$
declare
  v_early private.attendance_facts[] := array(
    select f from private.attendance_facts f
    where f.attended and f.status = 'published' and f.starts_at >= now()
      and (p_fiscal_year is null or f.fiscal_year = p_fiscal_year) and f.municipality_code between p_low and p_high);
  v_keys jsonb;
begin
  if cardinality(v_early) = 0 then return; end if;
  v_keys := (select jsonb_agg(k) from private.progress_keys(v_early) k);
  return query
    select * from private.progress_mark_changes(v_early, '{}')
    union all
    select * from private.progress_people_changes(
      array(select p from private.progress_people p join jsonb_to_recordset(v_keys) k (fiscal_year integer, scope text, who uuid)
              on (p.fiscal_year, p.scope, p.who) = (k.fiscal_year, k.scope, k.who)),
      array(select private.progress_people_of(v_keys, now())));
end
$$;

-- One function for the three triggers: each statement's rows, before and after (PL/pgSQL reads
-- a transition table only in the branch of the trigger that has it).
create function private.progress_follow_changed_facts() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform private.progress_follow_facts('{}', array(select n::private.attendance_facts from changed n));
  elsif tg_op = 'UPDATE' then
    perform private.progress_follow_facts(array(select o::private.attendance_facts from old_rows o), array(select n::private.attendance_facts from changed n));
  else
    perform private.progress_follow_facts(array(select o::private.attendance_facts from old_rows o), '{}');
  end if;
  return null;
end
$$;
create trigger progress_on_facts_insert after insert on private.attendance_facts
  referencing new table as changed for each statement execute function private.progress_follow_changed_facts();
create trigger progress_on_facts_update after update on private.attendance_facts
  referencing old table as old_rows new table as changed for each statement execute function private.progress_follow_changed_facts();
create trigger progress_on_facts_delete after delete on private.attendance_facts
  referencing old table as old_rows for each statement execute function private.progress_follow_changed_facts();

-- After a load with triggers off: the summaries again, from the facts.
create function private.rebuild_progress_summaries() returns void
language plpgsql volatile set search_path = '' as $$
begin
  delete from private.progress_counts;
  delete from private.progress_people;
  insert into private.progress_people select * from private.progress_people_source;
  insert into private.progress_counts select * from private.progress_counts_source;
end
$$;

-- The facts rebuilt whole, then the summaries once, rather than row by row through the triggers.
create or replace function private.rebuild_attendance_facts() returns bigint
language plpgsql volatile set search_path = '' as $$
declare
  v_count bigint;
begin
  alter table private.attendance_facts disable trigger progress_on_facts_insert, disable trigger progress_on_facts_delete;
  delete from private.attendance_facts;
  insert into private.attendance_facts select * from private.attendance_fact_source;
  get diagnostics v_count = row_count;
  alter table private.attendance_facts enable trigger progress_on_facts_insert, enable trigger progress_on_facts_delete;
  perform private.rebuild_progress_summaries();
  return v_count;
end
$$;
select private.rebuild_progress_summaries();

create or replace function public.progress(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_from timestamptz := private.fiscal_year_start(p_fiscal_year);
  v_to timestamptz := private.fiscal_year_start(p_fiscal_year + 1);
  -- The towns counted, by the range of their codes; and whose people: the town's records or
  -- the prefecture's persons.
  v_low text := coalesce(p_municipality_code, p_prefecture_code || '0000');
  v_high text := coalesce(p_municipality_code, p_prefecture_code || '9999');
  v_scope text := coalesce(p_municipality_code, p_prefecture_code);
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
      and s.municipality_code between v_low and v_high
  ),
  counts as materialized (
    select c.scope, c.measure, c.key, sum(c.n) as n
    from (select c.scope, c.measure, c.key, c.n from private.progress_counts c
          where c.fiscal_year = p_fiscal_year and (c.scope = v_scope or c.scope between v_low and v_high)
          union all
          select nb.scope, nb.measure, nb.key, nb.n from private.progress_not_begun(p_fiscal_year, v_low, v_high) nb) c
    group by 1, 2, 3
    having sum(c.n) <> 0
  ),
  -- 延べ per town, by month and by topic.
  marks as (
    select scope as municipality_code, measure, key, n from counts where measure in ('marks_month', 'marks_topic') and scope between v_low and v_high
  ),
  -- 実人数 by first month, and people per age band: the scope's own, and each town's.
  people as (
    select scope, measure, key, n from counts where measure in ('first_month', 'band')
  ),
  by_month as (
    select m.month,
           coalesce(fm.n, 0) as senior_participants, coalesce(pm.n, 0) as attendances, coalesce(hm.n, 0) as sessions_held
    from (select to_char((v_from at time zone 'Asia/Tokyo') + make_interval(months => i), 'YYYY-MM') as month from generate_series(0, 11) i) m
    left join (select key, sum(n) as n from marks where measure = 'marks_month' group by key) pm on pm.key = m.month
    left join (select month, count(*) as n from held group by month) hm on hm.month = m.month
    left join (select key, n from people where scope = v_scope and measure = 'first_month') fm on fm.key = m.month
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
  town_marks as (select municipality_code, sum(n) as n from marks where measure = 'marks_month' group by municipality_code),
  town_seniors as (select scope as municipality_code, sum(n) as n from people where measure = 'first_month' and scope between v_low and v_high group by scope),
  topic_held as (select topic_id, count(*) as n from held group by topic_id),
  topic_marks as (select key as topic_id, sum(n) as n from marks where measure = 'marks_topic' group by key)
  select jsonb_build_object(
    'fiscal_year', p_fiscal_year,
    'metrics', jsonb_build_object(
      'senior_participants', (select coalesce(sum(n), 0) from people where scope = v_scope and measure = 'first_month'),
      'attendances', (select coalesce(sum(n), 0) from marks where measure = 'marks_month'),
      'sessions_held', (select count(*) from held),
      'municipalities_holding', (select count(*) from town_held),
      'active_supporters', (select n from helpers)),
    'targets', coalesce((select jsonb_object_agg(metric, value) from targets), '{}'),
    'months', (select jsonb_agg(jsonb_build_object('month', month, 'senior_participants', senior_participants,
        'attendances', attendances, 'sessions_held', sessions_held) order by month) from by_month),
    'by_topic', coalesce((select jsonb_agg(jsonb_build_object('topic_id', t.id, 'name_ja', t.name_ja, 'name_en', t.name_en,
        'sessions_held', th.n, 'attendances', coalesce(tm.n, 0)) order by t.sort_order)
      from public.topics t join topic_held th on th.topic_id = t.id left join topic_marks tm on tm.topic_id = t.id), '[]'),
    'by_age', (select jsonb_agg(jsonb_build_object('age_band', b.band, 'people', coalesce(a.n, 0)) order by b.o)
      from (values ('65_74', 1), ('75_84', 2), ('85_plus', 3), ('under_65', 4)) b (band, o)
      left join people a on a.scope = v_scope and a.measure = 'band' and a.key = b.band),
    'towns', case when p_municipality_code is null then coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name,
          'sessions_held', coalesce(th.n, 0), 'attendances', coalesce(tm.n, 0), 'senior_participants', coalesce(ts.n, 0),
          'target', tt.value)
        order by m.code)
      from public.municipalities m
      left join town_held th on th.municipality_code = m.code
      left join town_marks tm on tm.municipality_code = m.code
      left join town_seniors ts on ts.municipality_code = m.code
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

-- The participants trigger of 20261201001650 joined its two transition tables, which have no
-- index: quadratic, so that retention erasing 43,000 names at national scale spent 226 s in
-- it although no mark changed. The changed records are now found in one hashed pass: a
-- record whose old and new (merged_into, person_id, age_band) differ gives two distinct rows.
create or replace function private.attendance_facts_follow_participants() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.put_attendance_facts(array(
    with moved as (
      select id from (select id, merged_into, person_id, age_band from changed
                      union
                      select id, merged_into, person_id, age_band from old_rows) x
      group by id having count(*) > 1
    ),
    -- Those whose person or age band changed: the records merged into them count as them.
    renamed as (
      select id from (select id, person_id, age_band from changed
                      union
                      select id, person_id, age_band from old_rows) x
      group by id having count(*) > 1
    )
    select f.attendance_id from private.attendance_facts f
    where f.record_id in (select id from moved
                          union
                          select p.id from public.participants p where p.merged_into in (select id from renamed))));
  return null;
end
$$;

revoke execute on function private.progress_keys(private.attendance_facts[]),
  private.progress_mark_changes(private.attendance_facts[], private.attendance_facts[]), private.progress_people_of(jsonb, timestamptz),
  private.progress_people_changes(private.progress_people[], private.progress_people[]), private.progress_not_begun(integer, text, text),
  private.progress_follow_facts(private.attendance_facts[], private.attendance_facts[]),
  private.progress_follow_changed_facts(),
  private.rebuild_progress_summaries() from public, anon, authenticated;
