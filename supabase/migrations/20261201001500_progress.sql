-- Progress toward the year's targets (issue 11): the numbers the town and the prefecture
-- report, each counted here, exactly, from the rows that make them.
--
--   sessions held          published sessions of the fiscal year that have begun
--   attendances (延べ)     attendance marked present at those sessions, walk-ins included
--   seniors reached (実人数) distinct people aged 65 or over among those present; in a town,
--                          one participant record each (staff merge duplicates); across the
--                          prefecture, a person who came in two towns counts once
--   municipalities holding towns with at least one session held
--   active supporters      supporters who came to help at least once (as staff recorded)
--
-- A person across towns: each participant record carries a person_id, shared by the records
-- of every town that knows the same phone number and reading. It is a random id, not made
-- from the number, so it stays (and the count with it) when retention erases the number.

alter table public.participants add column person_id uuid;
update public.participants p set person_id = g.person_id
from (select x.match_phone, x.match_kana, gen_random_uuid() as person_id
      from public.participants x where x.match_phone is not null and x.match_kana is not null
      group by x.match_phone, x.match_kana) g
where p.match_phone = g.match_phone and p.match_kana = g.match_kana;
update public.participants set person_id = gen_random_uuid() where person_id is null;
alter table public.participants alter column person_id set not null;
-- A new person by default (also where triggers are off, as in the bench's bulk load).
alter table public.participants alter column person_id set default gen_random_uuid();
create index participants_person_id_idx on public.participants (person_id);
-- The same phone and reading in any town (the index above the table has the town first).
create index participants_match_phone_kana_idx on public.participants (match_phone, match_kana) where match_phone is not null;
comment on column public.participants.person_id is 'The same person in every town (same phone and reading when first seen); random, kept after erasure.';

-- A new record takes the person_id of one already known by the same phone and reading, in
-- any town; the advisory lock keeps two towns adding the same new person at once from
-- making two people of one.
create function private.set_person_id() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_phone text := private.normalize_phone(new.phone);
  v_kana text := private.normalize_kana(new.name_kana);
  v_known uuid;
begin
  if v_phone is not null and v_kana is not null then
    perform pg_advisory_xact_lock(hashtext('person:' || v_phone || ':' || v_kana));
    select p.person_id into v_known from public.participants p
    where p.match_phone = v_phone and p.match_kana = v_kana limit 1;
  end if;
  new.person_id := coalesce(v_known, new.person_id, gen_random_uuid());
  return new;
end
$$;
create trigger participants_person_id before insert on public.participants
  for each row execute function private.set_person_id();

-- Active supporters join the metrics a target may be set for.
alter table public.targets drop constraint targets_metric_check;
alter table public.targets add constraint targets_metric_check check (metric in (
  'senior_participants', 'attendances', 'sessions_held', 'municipalities_holding', 'active_supporters'));

-- The first moment of a fiscal year, in Japan: 1 April, 00:00.
create function private.fiscal_year_start(p_fiscal_year integer) returns timestamptz
language sql immutable set search_path = '' as $$
  select make_timestamptz(p_fiscal_year, 4, 1, 0, 0, 0, 'Asia/Tokyo')
$$;

-- A target: prefecture-wide (no municipality) by the prefecture's admin, a town's by its staff.
create function public.set_target(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text, p_metric text, p_value integer)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_municipality_code is null and not private.is_prefecture_admin_of(p_prefecture_code)
     or p_municipality_code is not null and (left(p_municipality_code, 2) is distinct from p_prefecture_code or not private.can_manage(p_municipality_code)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_fiscal_year is null or p_fiscal_year not between private.fiscal_year(now()) - 5 and private.fiscal_year(now()) + 1 then
    raise exception using errcode = 'P0001', message = 'fiscal_year_invalid';
  end if;
  if coalesce(p_metric, '') not in ('senior_participants', 'attendances', 'sessions_held', 'municipalities_holding', 'active_supporters')
     or (p_metric = 'municipalities_holding' and p_municipality_code is not null) then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  if p_value is null or p_value not between 0 and 10000000 then
    raise exception using errcode = 'P0001', message = 'target_invalid';
  end if;
  insert into public.targets as t (fiscal_year, prefecture_code, municipality_code, metric, value, set_by)
  values (p_fiscal_year, p_prefecture_code, p_municipality_code, p_metric, p_value, (select auth.uid()))
  on conflict (fiscal_year, prefecture_code, municipality_code, metric)
    do update set value = excluded.value, set_by = excluded.set_by, set_at = now();
  return jsonb_build_object('metric', p_metric, 'value', p_value);
end
$$;

-- The year's numbers for one town (p_municipality_code) or for a prefecture (null), with the
-- targets, month by month (April to March; 実人数 counted in the month a person first came),
-- by topic and by age band; for a prefecture also every town side by side and the towns
-- without a session yet. For the town's staff, or the prefecture's admin.
create function public.progress(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text default null) returns jsonb
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
    select s.id, s.municipality_code, s.topic_id, s.starts_at,
           to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month
    from public.sessions s
    where s.status = 'published' and s.starts_at >= v_from and s.starts_at < least(v_to, now())
      and left(s.municipality_code, 2) = p_prefecture_code
      and (p_municipality_code is null or s.municipality_code = p_municipality_code)
  ),
  present as materialized (
    -- Each present mark, with its person: the record staff kept (a merged one's survivor)
    -- in a town, the person across towns for the prefecture.
    select a.session_id, h.municipality_code, h.month, h.topic_id, h.starts_at,
           coalesce(root.id, p.id) as participant_id, coalesce(root.person_id, p.person_id) as person_id,
           coalesce(root.age_band, p.age_band) as age_band
    from public.attendance a
    join held h on h.id = a.session_id
    join public.participants p on p.id = a.participant_id
    left join public.participants root on root.id = p.merged_into
    where a.attended
  ),
  people as (
    -- One row per person counted, with the month they first came: in a town by record, across the prefecture by person.
    select case when p_municipality_code is null then person_id else participant_id end as who,
           min(month) as first_month, min(age_band) as age_band
    from present where age_band <> 'under_65'
    group by 1
  ),
  helpers as (
    select distinct st.supporter_id, h.month
    from public.session_staffing st join held h on h.id = st.session_id
    where st.status = 'assigned' and st.attended
  ),
  months as (
    select to_char((v_from at time zone 'Asia/Tokyo') + make_interval(months => i), 'YYYY-MM') as month
    from generate_series(0, 11) i
  ),
  targets as (
    select t.metric, t.value from public.targets t
    where t.fiscal_year = p_fiscal_year and t.prefecture_code = p_prefecture_code
      and t.municipality_code is not distinct from p_municipality_code
  )
  select jsonb_build_object(
    'fiscal_year', p_fiscal_year,
    'metrics', jsonb_build_object(
      'senior_participants', (select count(*) from people),
      'attendances', (select count(*) from present),
      'sessions_held', (select count(*) from held),
      'municipalities_holding', (select count(distinct municipality_code) from held),
      'active_supporters', (select count(distinct supporter_id) from helpers)),
    'targets', coalesce((select jsonb_object_agg(metric, value) from targets), '{}'),
    'months', (select jsonb_agg(jsonb_build_object(
        'month', m.month,
        'senior_participants', (select count(*) from people x where x.first_month = m.month),
        'attendances', (select count(*) from present x where x.month = m.month),
        'sessions_held', (select count(*) from held x where x.month = m.month)) order by m.month) from months m),
    'by_topic', coalesce((select jsonb_agg(jsonb_build_object('topic_id', t.id, 'name_ja', t.name_ja, 'name_en', t.name_en,
        'sessions_held', (select count(*) from held h where h.topic_id = t.id),
        'attendances', (select count(*) from present x where x.topic_id = t.id)) order by t.sort_order)
      from public.topics t where exists (select 1 from held h where h.topic_id = t.id)), '[]'),
    'by_age', (select jsonb_agg(jsonb_build_object('age_band', b.band,
        'people', (select count(distinct case when p_municipality_code is null then x.person_id else x.participant_id end) from present x where x.age_band = b.band)) order by b.o)
      from (values ('65_74', 1), ('75_84', 2), ('85_plus', 3), ('under_65', 4)) b (band, o)),
    'towns', case when p_municipality_code is null then coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name,
          'sessions_held', (select count(*) from held h where h.municipality_code = m.code),
          'attendances', (select count(*) from present x where x.municipality_code = m.code),
          'senior_participants', (select count(distinct x.participant_id) from present x where x.municipality_code = m.code and x.age_band <> 'under_65'),
          'target', (select t.value from public.targets t where t.fiscal_year = p_fiscal_year and t.municipality_code = m.code and t.metric = 'senior_participants'))
        order by m.code)
      from public.municipalities m where m.prefecture_code = p_prefecture_code), '[]') end,
    'without_sessions', case when p_municipality_code is null then coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name) order by m.code)
      from public.municipalities m
      where m.prefecture_code = p_prefecture_code and not exists (select 1 from held h where h.municipality_code = m.code)), '[]') end)
  into v_result;
  return v_result;
end
$$;

revoke execute on function private.set_person_id(), private.fiscal_year_start(integer),
  public.set_target(integer, text, text, text, integer), public.progress(integer, text, text) from public;
grant execute on function public.set_target(integer, text, text, text, integer), public.progress(integer, text, text) to authenticated;
