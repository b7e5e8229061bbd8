-- The town office schedules sessions (issue 9): a class (教室) with a capacity, or a
-- consultation (個別相談会) in bookable slots; drafts first, then published, edited, or
-- cancelled with a reason that registrants and the public page see. A series (全n回) is
-- made in one step, all its sessions or none. Security definer: notes for supporters are
-- not for the public, so the office reads and writes through these functions, each checking
-- that the caller manages the session's municipality.

alter table public.sessions
  add column supporters_needed smallint not null default 0 check (supporters_needed between 0 and 20),
  add column slot_minutes smallint check (slot_minutes between 10 and 120),
  add column desks smallint check (desks between 1 and 10),
  add column supporter_notes text not null default '' check (length(supporter_notes) <= 1000),
  add constraint sessions_slots_only_for_consultations check (format = 'consultation' or (slot_minutes is null and desks is null));
grant select (supporters_needed, slot_minutes, desks) on public.sessions to anon, authenticated;
comment on column public.sessions.supporter_notes is 'What the supporters helping at the session should know; staff and assigned supporters only.';

-- A session as the office form sends it, checked: {format, title, topic_id, venue_id,
-- date (YYYY-MM-DD), start_time, end_time (HH:MM, Japan time), capacity | slot_minutes and
-- desks, supporters_needed, device_focus, what_to_bring, fee_yen, contact_phone,
-- description, supporter_notes, closes_days_before (null: until it starts)}. The venue must
-- be one of the municipality's, in use, and is locked so that it cannot be archived meanwhile.
create function private.session_fields(p_municipality_code text, p_session jsonb, p_date date default null)
returns public.sessions
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.sessions;
  v_minutes integer;
  v_closes integer;
begin
  if jsonb_typeof(p_session) is distinct from 'object' or exists (
    select 1 from jsonb_each(p_session) e
    where e.key in ('format', 'title', 'description', 'topic_id', 'venue_id', 'date', 'start_time', 'end_time',
                    'device_focus', 'what_to_bring', 'contact_phone', 'supporter_notes')
      and jsonb_typeof(e.value) not in ('string', 'null')
  ) then
    raise exception using errcode = 'P0001', message = 'invalid_session';
  end if;
  begin
    v.format := coalesce(p_session ->> 'format', 'class');
    v.title := btrim(normalize(coalesce(p_session ->> 'title', ''), NFKC));
    v.description := btrim(normalize(coalesce(p_session ->> 'description', ''), NFKC));
    v.topic_id := p_session ->> 'topic_id';
    v.venue_id := (p_session ->> 'venue_id')::uuid;
    v.starts_at := (coalesce(p_date, (p_session ->> 'date')::date) + (p_session ->> 'start_time')::time) at time zone 'Asia/Tokyo';
    v.ends_at := (coalesce(p_date, (p_session ->> 'date')::date) + (p_session ->> 'end_time')::time) at time zone 'Asia/Tokyo';
    v.supporters_needed := coalesce((p_session ->> 'supporters_needed')::smallint, 0);
    v.device_focus := coalesce(p_session ->> 'device_focus', 'any');
    v.what_to_bring := btrim(normalize(coalesce(p_session ->> 'what_to_bring', ''), NFKC));
    v.fee_yen := coalesce((p_session ->> 'fee_yen')::integer, 0);
    v.contact_phone := coalesce(p_session ->> 'contact_phone', '');
    v.supporter_notes := btrim(normalize(coalesce(p_session ->> 'supporter_notes', ''), NFKC));
    v_closes := (p_session ->> 'closes_days_before')::integer;
    if v.format = 'consultation' then
      v.slot_minutes := (p_session ->> 'slot_minutes')::smallint;
      v.desks := (p_session ->> 'desks')::smallint;
    else
      v.capacity := (p_session ->> 'capacity')::integer;
    end if;
  exception when invalid_text_representation or invalid_datetime_format or datetime_field_overflow
                 or numeric_value_out_of_range or invalid_parameter_value then
    raise exception using errcode = 'P0001', message = 'invalid_session';
  end;
  if v.title = '' or length(v.title) > 200 or v.title ~ '[[:cntrl:]]' then
    raise exception using errcode = 'P0001', message = 'invalid_session';
  end if;
  if v.starts_at is null or v.ends_at is null or v.ends_at <= v.starts_at then
    raise exception using errcode = 'P0001', message = 'session_ends_before_start';
  end if;
  -- A class is planned within two years, and may be entered up to a year after it was held.
  if v.starts_at < now() - interval '1 year' or v.starts_at > now() + interval '2 years' then
    raise exception using errcode = 'P0001', message = 'session_date_out_of_range';
  end if;
  if v.format = 'consultation' then
    if v.slot_minutes not between 10 and 120 or v.desks not between 1 and 10 then
      raise exception using errcode = 'P0001', message = 'invalid_session';
    end if;
    v_minutes := extract(epoch from v.ends_at - v.starts_at)::integer / 60;
    if v_minutes < v.slot_minutes then
      raise exception using errcode = 'P0001', message = 'slot_longer_than_session';
    end if;
    -- One person per slot and desk.
    v.capacity := (v_minutes / v.slot_minutes) * v.desks;
  elsif v.capacity is null or v.capacity not between 1 and 200 then
    raise exception using errcode = 'P0001', message = 'capacity_out_of_range';
  end if;
  if v_closes is not null then
    if v_closes not between 0 and 30 then
      raise exception using errcode = 'P0001', message = 'invalid_session';
    end if;
    -- At 17:00 that many days before, when the office closes.
    v.registration_closes_at := least(((v.starts_at at time zone 'Asia/Tokyo')::date - v_closes + time '17:00') at time zone 'Asia/Tokyo', v.starts_at);
  end if;
  perform 1 from public.venues vn
  where vn.id = v.venue_id and vn.municipality_code = p_municipality_code and vn.archived_at is null
  for share;
  if not found then
    raise exception using errcode = 'P0001', message = 'venue_not_usable';
  end if;
  if not exists (select 1 from public.topics tp where tp.id = v.topic_id) then
    raise exception using errcode = 'P0001', message = 'invalid_session';
  end if;
  v.municipality_code := p_municipality_code;
  return v;
end
$$;

-- Inserts one checked session as a draft; check violations of the table are the form's.
create function private.insert_session(v public.sessions) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into public.sessions (municipality_code, venue_id, series_id, series_part, topic_id, format, title, description,
    starts_at, ends_at, capacity, status, registration_closes_at, fee_yen, contact_phone, what_to_bring, device_focus,
    supporters_needed, slot_minutes, desks, supporter_notes, created_by)
  values (v.municipality_code, v.venue_id, v.series_id, v.series_part, v.topic_id, v.format, v.title, v.description,
    v.starts_at, v.ends_at, v.capacity, 'draft', v.registration_closes_at, v.fee_yen, v.contact_phone, v.what_to_bring,
    v.device_focus, v.supporters_needed, v.slot_minutes, v.desks, v.supporter_notes, (select auth.uid()))
  returning id into v_id;
  return v_id;
exception when check_violation or not_null_violation or foreign_key_violation then
  raise exception using errcode = 'P0001', message = 'invalid_session';
end
$$;

-- A new session of a municipality the caller manages, as a draft.
create function public.create_session(p_municipality_code text, p_session jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return jsonb_build_object('id', private.insert_session(private.session_fields(p_municipality_code, p_session)));
end
$$;

-- A series: the same session on each of the dates given (2 to 52, each once), numbered in
-- date order, all saved as drafts or none.
create function public.create_series(p_municipality_code text, p_session jsonb, p_dates jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_dates date[];
  v_series uuid;
  v public.sessions;
  v_ids uuid[] := '{}';
begin
  if not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  begin
    select array_agg(d::date order by d::date) into v_dates from jsonb_array_elements_text(p_dates) d;
  exception when invalid_text_representation or invalid_datetime_format or datetime_field_overflow or invalid_parameter_value then
    raise exception using errcode = 'P0001', message = 'invalid_series_dates';
  end;
  if v_dates is null or cardinality(v_dates) not between 2 and 52
     or cardinality(v_dates) <> (select count(distinct d) from unnest(v_dates) d) then
    raise exception using errcode = 'P0001', message = 'invalid_series_dates';
  end if;
  v := private.session_fields(p_municipality_code, p_session, v_dates[1]);
  insert into public.series (municipality_code, title, description, created_by)
  values (p_municipality_code, v.title, v.description, (select auth.uid()))
  returning id into v_series;
  for i in 1 .. cardinality(v_dates) loop
    v := private.session_fields(p_municipality_code, p_session, v_dates[i]);
    v.series_id := v_series;
    v.series_part := i;
    v_ids := v_ids || private.insert_session(v);
  end loop;
  return jsonb_build_object('series_id', v_series, 'ids', to_jsonb(v_ids));
end
$$;

-- Changes a session that is not cancelled. Fewer seats than are confirmed is refused by
-- the capacity trigger (capacity_below_confirmed); more seat the waiting list.
create function public.update_session(p_id uuid, p_session jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_old public.sessions;
  v public.sessions;
begin
  select * into v_old from public.sessions s where s.id = p_id for update;
  if v_old.id is null or not private.can_manage(v_old.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if v_old.status = 'cancelled' then
    raise exception using errcode = 'P0001', message = 'session_cancelled';
  end if;
  v := private.session_fields(v_old.municipality_code, p_session);
  begin
    update public.sessions set
      venue_id = v.venue_id, topic_id = v.topic_id, format = v.format, title = v.title, description = v.description,
      starts_at = v.starts_at, ends_at = v.ends_at, capacity = v.capacity, registration_closes_at = v.registration_closes_at,
      fee_yen = v.fee_yen, contact_phone = v.contact_phone, what_to_bring = v.what_to_bring, device_focus = v.device_focus,
      supporters_needed = v.supporters_needed, slot_minutes = v.slot_minutes, desks = v.desks,
      supporter_notes = v.supporter_notes, updated_at = now()
    where id = p_id;
  exception when check_violation or not_null_violation or foreign_key_violation then
    raise exception using errcode = 'P0001', message = 'invalid_session';
  end;
  return jsonb_build_object('id', p_id);
end
$$;

-- A draft goes public: it shows on the lists and takes registrations.
create function public.publish_session(p_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.sessions;
begin
  select * into v from public.sessions s where s.id = p_id for update;
  if v.id is null or not private.can_manage(v.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if v.status = 'cancelled' then raise exception using errcode = 'P0001', message = 'session_cancelled'; end if;
  -- Published already (a second click, a reloaded form): nothing to do.
  if v.status = 'published' then return jsonb_build_object('id', p_id, 'status', 'published'); end if;
  if v.starts_at <= now() then raise exception using errcode = 'P0001', message = 'session_in_past'; end if;
  update public.sessions set status = 'published', updated_at = now() where id = p_id;
  return jsonb_build_object('id', p_id, 'status', 'published');
end
$$;

-- Cancels a session with the reason registrants and the public page are shown. Their
-- registrations stay, for the call list; nobody can register any more.
create function public.cancel_session(p_id uuid, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.sessions;
  v_reason text := btrim(normalize(coalesce(p_reason, ''), NFKC));
begin
  select * into v from public.sessions s where s.id = p_id for update;
  if v.id is null or not private.can_manage(v.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if v.status = 'cancelled' then raise exception using errcode = 'P0001', message = 'session_cancelled'; end if;
  if v_reason = '' or length(v_reason) > 500 or v_reason ~ '[\x01-\x09\x0b\x0c\x0e-\x1f\x7f]' then
    raise exception using errcode = 'P0001', message = 'cancel_reason_required';
  end if;
  update public.sessions set status = 'cancelled', cancel_reason = v_reason, updated_at = now() where id = p_id;
  return jsonb_build_object('id', p_id, 'status', 'cancelled', 'registrations', v.seats_confirmed + v.seats_waitlisted);
end
$$;

-- The office's view of one session: everything its form shows, with seats and supporters.
create function public.office_session(p_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select to_jsonb(s) - 'created_by' || jsonb_build_object(
    'date', to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'),
    'start_time', to_char(s.starts_at at time zone 'Asia/Tokyo', 'HH24:MI'),
    'end_time', to_char(s.ends_at at time zone 'Asia/Tokyo', 'HH24:MI'),
    -- The form's choice that gave registration_closes_at (session_fields): days before, at 17:00.
    'closes_days_before', (s.starts_at at time zone 'Asia/Tokyo')::date - (s.registration_closes_at at time zone 'Asia/Tokyo')::date,
    'venue', jsonb_build_object('id', vn.id, 'name', vn.name, 'address', vn.address),
    'municipality_name', m.name,
    'supporters_confirmed', (select count(*) from public.session_staffing st where st.session_id = s.id and st.status = 'assigned'))
  from public.sessions s
  join public.venues vn on vn.id = s.venue_id
  join public.municipalities m on m.code = s.municipality_code
  where s.id = p_id and private.can_manage(s.municipality_code)
$$;

-- A municipality's sessions between two dates (Japan time), soonest first, for the office.
create function public.office_sessions(p_municipality_code text, p_from date, p_to date) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_from is null or p_to is null or p_to < p_from or p_to > p_from + 400 then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', s.id, 'title', s.title, 'format', s.format, 'status', s.status, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
      'venue_name', vn.name, 'capacity', s.capacity, 'seats_confirmed', s.seats_confirmed, 'seats_waitlisted', s.seats_waitlisted,
      'supporters_needed', s.supporters_needed, 'series_id', s.series_id, 'series_part', s.series_part,
      'supporters_confirmed', (select count(*) from public.session_staffing st where st.session_id = s.id and st.status = 'assigned'))
      order by s.starts_at, s.id)
    from public.sessions s join public.venues vn on vn.id = s.venue_id
    where s.municipality_code = p_municipality_code
      and s.starts_at >= (p_from::timestamp at time zone 'Asia/Tokyo')
      and s.starts_at < ((p_to + 1)::timestamp at time zone 'Asia/Tokyo')), '[]'::jsonb);
end
$$;

create index sessions_municipality_code_starts_at_idx on public.sessions (municipality_code, starts_at);

revoke execute on function
  private.session_fields(text, jsonb, date), private.insert_session(public.sessions),
  public.create_session(text, jsonb), public.create_series(text, jsonb, jsonb), public.update_session(uuid, jsonb),
  public.publish_session(uuid), public.cancel_session(uuid, text), public.office_session(uuid),
  public.office_sessions(text, date, date)
  from public;
grant execute on function
  public.create_session(text, jsonb), public.create_series(text, jsonb, jsonb), public.update_session(uuid, jsonb),
  public.publish_session(uuid), public.cancel_session(uuid, text), public.office_session(uuid),
  public.office_sessions(text, date, date)
  to authenticated;
