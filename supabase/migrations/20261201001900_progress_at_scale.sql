-- progress (20261201001500), the same numbers counted in one pass each: the first version
-- scanned the year's attendance once per town, per month and per topic (59 + 12 + topics
-- passes), which at national scale made the prefecture's page slow. A prefecture's classes
-- are found by the range of its codes ('07' → '070000' to '079999'), which the
-- (municipality_code, starts_at) index serves; left(code, 2) served none.
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
    select h.municipality_code, h.month, h.topic_id,
           coalesce(root.id, p.id) as participant_id,
           case when p_municipality_code is null then coalesce(root.person_id, p.person_id) else coalesce(root.id, p.id) end as who,
           coalesce(root.age_band, p.age_band) as age_band
    from public.attendance a
    join held h on h.id = a.session_id
    join public.participants p on p.id = a.participant_id
    left join public.participants root on root.id = p.merged_into
    where a.attended
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
  town_present as (
    select municipality_code, count(*) as attendances,
           count(distinct participant_id) filter (where age_band <> 'under_65') as seniors
    from present group by municipality_code
  ),
  topic_held as (select topic_id, count(*) as n from held group by topic_id),
  topic_present as (select topic_id, count(*) as n from present group by topic_id),
  ages as (select age_band, count(distinct who) as n from present group by age_band)
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
