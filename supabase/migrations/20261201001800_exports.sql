-- Staff exports (issue 11, item 5): the rows behind the CSV files a town office keeps and
-- reports from. The app formats dates and writes the file; SQL decides who gets which rows.
--
--   sessions of a fiscal year    the town's staff, and the prefecture's admin (can_manage)
--   a session's attendance       the same, without names or phone numbers
--   the same with names          the town's own staff only (a municipality_staff grant for
--                                that town): they phone seniors and print lists (DOMAIN.md);
--                                the prefecture admin certifies, sets targets and reads
--                                progress, for which counts suffice. Supporters: never.

-- Whether the caller is staff of this municipality by a grant for it (not by being the
-- prefecture's admin, which can_manage also answers yes to).
create function private.is_staff_of(p_municipality_code text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.role_grants g
    where g.user_id = (select auth.uid()) and g.role = 'municipality_staff'
      and g.municipality_code = p_municipality_code
  )
$$;

-- What the exports page offers for a town: its name, and the fiscal years to choose from
-- (this one, the last one, and any other with a session of the town, within ten years).
create function public.export_choices(p_municipality_code text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_now integer := private.fiscal_year(now());
begin
  if not coalesce(private.can_manage(p_municipality_code), false) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return jsonb_build_object(
    'municipality', (select jsonb_build_object('code', m.code, 'name', m.name, 'prefecture_code', m.prefecture_code)
                     from public.municipalities m where m.code = p_municipality_code),
    'current_fiscal_year', v_now,
    'fiscal_years', (select jsonb_agg(y order by y desc) from (
        select v_now as y union select v_now - 1
        union
        select distinct private.fiscal_year(s.starts_at) from public.sessions s
        where s.municipality_code = p_municipality_code
          and s.starts_at >= private.fiscal_year_start(v_now - 10) and s.starts_at < private.fiscal_year_start(v_now + 2)) years));
end
$$;

-- A town's sessions of one fiscal year (April to March, Japan time), drafts and cancelled
-- ones included (with their status), each with its seats and what happened at it. Present
-- and 65+ present count attendance marked present, walk-ins included; a merged record's age
-- band is its survivor's, as progress() counts it.
create function public.export_sessions(p_municipality_code text, p_fiscal_year integer) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not coalesce(private.can_manage(p_municipality_code), false) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_fiscal_year is null or p_fiscal_year not between 2000 and 2100 then
    raise exception using errcode = 'P0001', message = 'fiscal_year_invalid';
  end if;
  return jsonb_build_object(
    'municipality', (select jsonb_build_object('code', m.code, 'name', m.name) from public.municipalities m where m.code = p_municipality_code),
    'fiscal_year', p_fiscal_year,
    'sessions', coalesce((
      select jsonb_agg(jsonb_build_object(
          'id', s.id, 'starts_at', s.starts_at, 'ends_at', s.ends_at, 'title', s.title, 'format', s.format,
          'topic_name', t.name_ja, 'venue_name', vn.name, 'status', s.status, 'capacity', s.capacity,
          'series_part', s.series_part, 'confirmed', s.seats_confirmed, 'waitlisted', s.seats_waitlisted,
          'present', coalesce(a.present, 0), 'seniors_present', coalesce(a.seniors_present, 0), 'walk_ins', coalesce(a.walk_ins, 0),
          'supporters_assigned', (select count(*) from public.session_staffing st where st.session_id = s.id and st.status = 'assigned'))
        order by s.starts_at, s.id)
      from public.sessions s
      join public.topics t on t.id = s.topic_id
      join public.venues vn on vn.id = s.venue_id
      left join lateral (
        select count(*) as present,
               count(*) filter (where coalesce(root.age_band, p.age_band) <> 'under_65') as seniors_present,
               count(*) filter (where x.walk_in) as walk_ins
        from public.attendance x
        join public.participants p on p.id = x.participant_id
        left join public.participants root on root.id = p.merged_into
        where x.session_id = s.id and x.attended) a on true
      where s.municipality_code = p_municipality_code
        and s.starts_at >= private.fiscal_year_start(p_fiscal_year) and s.starts_at < private.fiscal_year_start(p_fiscal_year + 1)), '[]'));
end
$$;

-- One session's registrants (confirmed, then waiting, in their order) and everyone else with
-- an attendance mark (walk-ins; someone marked who cancelled later), numbered in that order.
-- Names, readings and phone numbers only when asked for, and only for the town's own staff;
-- erased ones (retention) are empty. Without them a row cannot be told back to a person.
create function public.export_attendance(p_session_id uuid, p_with_names boolean default false) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.sessions;
  v_names boolean := coalesce(p_with_names, false);
begin
  select * into v from public.sessions s where s.id = p_session_id;
  if v.id is null then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if not private.can_manage(v.municipality_code) or (v_names and not private.is_staff_of(v.municipality_code)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return jsonb_build_object(
    'session', jsonb_build_object('id', v.id, 'municipality_code', v.municipality_code, 'title', v.title,
      'starts_at', v.starts_at, 'ends_at', v.ends_at, 'status', v.status,
      'venue_name', (select vn.name from public.venues vn where vn.id = v.venue_id)),
    'with_names', v_names,
    'rows', coalesce((
      select jsonb_agg(jsonb_build_object(
          'row_number', n, 'kind', kind, 'channel', channel, 'device', device, 'needs_loaner', needs_loaner,
          'age_band', age_band, 'attended', attended, 'walk_in', walk_in)
        || case when v_names then jsonb_build_object('full_name', full_name, 'name_kana', name_kana, 'phone', phone) else '{}'::jsonb end
        order by n)
      from (
        select row_number() over (order by e.o, e.seq, e.at, e.id) as n, e.*
        from (
          select 1 + (r.status = 'waitlisted')::integer as o, r.queue_seq as seq, r.created_at as at, r.id,
                 r.status as kind, r.channel, r.device, r.needs_loaner,
                 coalesce(root.age_band, p.age_band) as age_band, a.attended, false as walk_in,
                 p.full_name, p.name_kana, p.phone
          from public.registrations r
          join public.participants p on p.id = r.participant_id
          left join public.participants root on root.id = p.merged_into
          left join public.attendance a on a.registration_id = r.id
          where r.session_id = v.id and r.status <> 'cancelled'
          union all
          select 3, null, a.recorded_at, a.id,
                 case when a.walk_in then 'walk_in' else 'cancelled' end, r.channel, r.device, r.needs_loaner,
                 coalesce(root.age_band, p.age_band), a.attended, a.walk_in,
                 p.full_name, p.name_kana, p.phone
          from public.attendance a
          join public.participants p on p.id = a.participant_id
          left join public.participants root on root.id = p.merged_into
          left join public.registrations r on r.id = a.registration_id
          where a.session_id = v.id and (r.id is null or r.status = 'cancelled')
        ) e
      ) numbered), '[]'));
end
$$;

revoke execute on function private.is_staff_of(text), public.export_choices(text), public.export_sessions(text, integer),
  public.export_attendance(uuid, boolean) from public;
grant execute on function public.export_choices(text), public.export_sessions(text, integer),
  public.export_attendance(uuid, boolean) to authenticated;
