-- Two things the town office does in one step (issue 9):
--   * move a senior to another session of the same series or on the same topic, when they
--     phone to say the date does not suit them; the seat they leave goes to the waiting
--     list in the same transaction;
--   * publish every draft of a series at once, after checking the dates.

-- Sessions a registration at p_session_id could move to: the same municipality (a
-- participant belongs to one), published, not started, of the
-- same series or the same topic; soonest first.
create function public.move_targets(p_session_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.sessions;
begin
  select * into v from public.sessions s where s.id = p_session_id;
  if v.id is null or not private.can_manage(v.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', t.id, 'title', t.title, 'starts_at', t.starts_at, 'ends_at', t.ends_at, 'venue_name', vn.name,
      'capacity', t.capacity, 'seats_confirmed', t.seats_confirmed, 'seats_waitlisted', t.seats_waitlisted,
      'same_series', t.series_id is not distinct from v.series_id and v.series_id is not null,
      'series_part', t.series_part)
      order by t.starts_at, t.id)
    from (select * from public.sessions t
          where t.municipality_code = v.municipality_code and t.id <> v.id and t.status = 'published'
            and t.starts_at > now()
            and ((v.series_id is not null and t.series_id = v.series_id) or t.topic_id = v.topic_id)
          order by t.starts_at, t.id limit 50) t
    join public.venues vn on vn.id = t.venue_id), '[]'::jsonb);
end
$$;

-- Moves the party a registration belongs to (one person, or two registered together) to
-- another session. Both sessions are locked, in id order so that two moves the other way
-- round cannot deadlock. The party keeps its confirmation code, so the senior's own page
-- shows the new date. A seat if there is room for the whole party; otherwise the end of the
-- waiting list, only when staff say so (p_waitlist_ok), since the party may be giving up a
-- seat. The rows are moved, not copied: the seat counts follow the update (count_seats).
create function public.move_registration(p_registration_id uuid, p_to_session_id uuid, p_waitlist_ok boolean default false)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_registration public.registrations;
  v_from public.sessions;
  v_to public.sessions;
  v_ids uuid[];
  v_participants uuid[];
  v_status text;
  v_promoted uuid[] := '{}';
  v_first public.registrations;
begin
  select * into v_registration from public.registrations r where r.id = p_registration_id;
  if v_registration.id is null or not private.can_manage(v_registration.municipality_code) then
    raise exception using errcode = 'P0001', message = 'registration_not_found';
  end if;
  perform 1 from public.sessions s where s.id in (v_registration.session_id, p_to_session_id) order by s.id for update;
  select * into v_from from public.sessions s where s.id = v_registration.session_id;
  select * into v_to from public.sessions s where s.id = p_to_session_id;
  -- Read again under the lock: a cancellation may have come first.
  select * into v_registration from public.registrations r where r.id = p_registration_id;
  if v_registration.status = 'cancelled' then
    raise exception using errcode = 'P0001', message = 'registration_cancelled';
  end if;
  if v_from.starts_at <= now() then raise exception using errcode = 'P0001', message = 'session_started'; end if;
  if v_to.id is null or v_to.id = v_from.id or v_to.municipality_code <> v_from.municipality_code
     or v_to.status = 'draft'
     or not (v_to.series_id is not distinct from v_from.series_id and v_from.series_id is not null
             or v_to.topic_id = v_from.topic_id) then
    raise exception using errcode = 'P0001', message = 'move_target_invalid';
  end if;
  if v_to.status = 'cancelled' then raise exception using errcode = 'P0001', message = 'session_cancelled'; end if;
  if v_to.starts_at <= now() then raise exception using errcode = 'P0001', message = 'session_started'; end if;

  select array_agg(r.id order by r.queue_seq), array_agg(r.participant_id) into v_ids, v_participants
  from public.registrations r
  where r.status <> 'cancelled'
    and (r.id = v_registration.id or (v_registration.party_id is not null and r.party_id = v_registration.party_id));

  -- The same rules as registering there: nobody twice, at most two people on one number.
  if exists (select 1 from public.registrations r
             where r.session_id = v_to.id and r.status <> 'cancelled' and r.participant_id = any (v_participants)) then
    raise exception using errcode = 'P0001', message = 'already_registered_there';
  end if;
  if (select count(*) from public.registrations r join public.participants p on p.id = r.participant_id
      where r.session_id = v_to.id and r.status <> 'cancelled'
        and p.match_phone = (select x.match_phone from public.participants x where x.id = v_registration.participant_id))
     + cardinality(v_ids) > 2 then
    raise exception using errcode = 'P0001', message = 'phone_limit_at_session';
  end if;

  v_status := case when v_to.capacity - v_to.seats_confirmed >= cardinality(v_ids) then 'confirmed' else 'waitlisted' end;
  if v_status = 'waitlisted' and not coalesce(p_waitlist_ok, false) then
    raise exception using errcode = 'P0001', message = 'move_target_full';
  end if;
  -- A new place in the queue: the end of the list there, not the place held here.
  update public.registrations set session_id = v_to.id, status = v_status, queue_seq = default
  where id = any (v_ids);

  if v_from.status = 'published' then
    v_promoted := private.promote_waiting(v_from.id);
  end if;
  select * into v_first from public.registrations r where r.id = v_ids[1];
  return jsonb_build_object(
    'moved', cardinality(v_ids), 'status', v_status, 'session_id', v_to.id, 'code', v_first.confirmation_code,
    'position', case when v_status = 'waitlisted' then private.waiting_position(v_to.id, v_first.queue_seq) end,
    'promoted', cardinality(v_promoted));
end
$$;
comment on function public.move_registration(uuid, uuid, boolean) is
  'Staff move a party to another session of the same series or topic; the seat left goes to the waiting list.';

-- Publishes every draft of a series that has not started; published ones stay as they are.
create function public.publish_series(p_series_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_municipality text;
  v_published integer;
begin
  select se.municipality_code into v_municipality from public.series se where se.id = p_series_id;
  if v_municipality is null or not private.can_manage(v_municipality) then
    raise exception using errcode = 'P0001', message = 'series_not_found';
  end if;
  perform 1 from public.sessions s where s.series_id = p_series_id order by s.id for update;
  update public.sessions s set status = 'published', updated_at = now()
  where s.series_id = p_series_id and s.status = 'draft' and s.starts_at > now();
  get diagnostics v_published = row_count;
  return jsonb_build_object('series_id', p_series_id, 'published', v_published);
end
$$;

-- The office's view of a session now says how many of its series are still drafts, for the
-- button that publishes them together.
create or replace function public.office_session(p_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select to_jsonb(s) - 'created_by' || jsonb_build_object(
    'date', to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD'),
    'start_time', to_char(s.starts_at at time zone 'Asia/Tokyo', 'HH24:MI'),
    'end_time', to_char(s.ends_at at time zone 'Asia/Tokyo', 'HH24:MI'),
    -- The form's choice that gave registration_closes_at (session_fields): days before, at 17:00.
    'closes_days_before', (s.starts_at at time zone 'Asia/Tokyo')::date - (s.registration_closes_at at time zone 'Asia/Tokyo')::date,
    'venue', jsonb_build_object('id', vn.id, 'name', vn.name, 'address', vn.address),
    'municipality_name', m.name,
    'supporters_confirmed', (select count(*) from public.session_staffing st where st.session_id = s.id and st.status = 'assigned'),
    'series_size', (select count(*) from public.sessions x where x.series_id = s.series_id),
    'series_drafts', (select count(*) from public.sessions x where x.series_id = s.series_id and x.status = 'draft' and x.starts_at > now()))
  from public.sessions s
  join public.venues vn on vn.id = s.venue_id
  join public.municipalities m on m.code = s.municipality_code
  where s.id = p_id and private.can_manage(s.municipality_code)
$$;

revoke execute on function public.move_targets(uuid), public.move_registration(uuid, uuid, boolean),
  public.publish_series(uuid) from public;
grant execute on function public.move_targets(uuid), public.move_registration(uuid, uuid, boolean),
  public.publish_series(uuid) to authenticated;

-- A month's published sessions of a municipality, as its flyer lists them (one sheet for the
-- 回覧板 or the 公民館's board): public facts only, soonest first. For the town's office.
create function public.month_flyer(p_municipality_code text, p_month date) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_month is null or extract(day from p_month) <> 1 then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  return jsonb_build_object(
    'municipality', (select jsonb_build_object('code', m.code, 'name', m.name) from public.municipalities m where m.code = p_municipality_code),
    'sessions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', s.id, 'title', s.title, 'format', s.format, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
        'venue_name', vn.name, 'venue_address', vn.address, 'capacity', s.capacity, 'fee_yen', s.fee_yen,
        'what_to_bring', s.what_to_bring, 'contact_phone', s.contact_phone)
        order by s.starts_at, s.id)
      from public.sessions s join public.venues vn on vn.id = s.venue_id
      where s.municipality_code = p_municipality_code and s.status = 'published'
        and s.starts_at >= (p_month::timestamp at time zone 'Asia/Tokyo')
        and s.starts_at < ((p_month + interval '1 month')::timestamp at time zone 'Asia/Tokyo')), '[]'::jsonb));
end
$$;
revoke execute on function public.month_flyer(text, date) from public;
grant execute on function public.month_flyer(text, date) to authenticated;
