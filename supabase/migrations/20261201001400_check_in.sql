-- Check-in at the class (issue 11): present or absent per registrant, and walk-ins (当日参加),
-- by the session's staff or its assigned supporters, from a phone in a 公民館 that may lose
-- its connection. Every mark carries a nonce made on the device: a mark sent twice (the
-- answer lost, the page sending again) counts once; and the time it was made there, so
-- that marks arriving late and out of order leave the latest one standing.

alter table public.attendance add column marked_at timestamptz;
comment on column public.attendance.marked_at is 'When the mark was made on the device (it may arrive later); the latest mark wins.';

-- Who may check people in: the session's managers, and its assigned supporters while active,
-- from two hours before it starts until a week after it ends (marks kept offline arrive late).
create function private.may_check_in(p_session public.sessions) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_session.id is not null
    and p_session.status = 'published'
    and now() >= p_session.starts_at - interval '2 hours'
    and now() <= p_session.ends_at + interval '7 days'
    and (private.can_manage(p_session.municipality_code)
         or exists (select 1 from public.session_staffing st join public.supporters sp on sp.id = st.supporter_id
                    where st.session_id = p_session.id and st.status = 'assigned' and sp.active and sp.user_id = (select auth.uid())))
$$;

-- Whether the caller may see the check-in page at all (before the class too, to get ready).
create function private.may_see_check_in(p_session public.sessions) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_session.id is not null
    and (private.can_manage(p_session.municipality_code)
         or (p_session.ends_at > now() - interval '7 days' and exists (
               select 1 from public.session_staffing st join public.supporters sp on sp.id = st.supporter_id
               where st.session_id = p_session.id and st.status = 'assigned' and sp.active and sp.user_id = (select auth.uid()))))
$$;

-- The device's clock, kept within reason: a mark is not from the future, nor older than the window.
create function private.mark_time(p_marked_at timestamptz) returns timestamptz
language sql stable set search_path = '' as $$
  select least(greatest(coalesce(p_marked_at, now()), now() - interval '9 days'), now())
$$;

-- The page at the class: the session, its registrants (no phone, no code) with their marks,
-- the walk-ins, and the count of those present.
create function public.check_in_list(p_session_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.sessions;
begin
  select * into v from public.sessions s where s.id = p_session_id;
  if not coalesce(private.may_see_check_in(v), false) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  return jsonb_build_object(
    'session', jsonb_build_object('id', v.id, 'title', v.title, 'starts_at', v.starts_at, 'ends_at', v.ends_at, 'status', v.status,
      'municipality_code', v.municipality_code, 'capacity', v.capacity,
      'venue_name', (select vn.name from public.venues vn where vn.id = v.venue_id)),
    'open', private.may_check_in(v),
    'manager', private.can_manage(v.municipality_code),
    'people', coalesce((
      select jsonb_agg(jsonb_build_object('registration_id', r.id, 'status', r.status, 'full_name', p.full_name, 'name_kana', p.name_kana,
          'device', r.device, 'needs_loaner', r.needs_loaner, 'attended', a.attended, 'marked_at', a.marked_at)
        order by r.status = 'waitlisted', r.queue_seq)
      from public.registrations r
      join public.participants p on p.id = r.participant_id
      left join public.attendance a on a.registration_id = r.id
      where r.session_id = p_session_id and r.status <> 'cancelled'), '[]'),
    'walk_ins', coalesce((
      select jsonb_agg(jsonb_build_object('id', a.id, 'full_name', p.full_name, 'name_kana', p.name_kana) order by a.recorded_at, a.id)
      from public.attendance a join public.participants p on p.id = a.participant_id
      where a.session_id = p_session_id and a.walk_in), '[]'),
    'present', (select count(*) from public.attendance a where a.session_id = p_session_id and a.attended));
end
$$;

-- One mark: a registrant present or absent. The same nonce again changes nothing; a mark
-- made earlier on a device than the one recorded is kept out (the latest stands).
create function public.mark_attendance(p_session_id uuid, p_registration_id uuid, p_attended boolean, p_nonce uuid, p_marked_at timestamptz default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.sessions;
  v_registration public.registrations;
  v_at timestamptz := private.mark_time(p_marked_at);
  v_row public.attendance;
begin
  select * into v from public.sessions s where s.id = p_session_id;
  if not coalesce(private.may_see_check_in(v), false) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if not private.may_check_in(v) then raise exception using errcode = 'P0001', message = 'check_in_closed'; end if;
  if p_attended is null or p_nonce is null then raise exception using errcode = 'P0001', message = 'invalid_request'; end if;
  select * into v_row from public.attendance a where a.nonce = p_nonce;
  if v_row.id is not null then
    return jsonb_build_object('registration_id', v_row.registration_id, 'attended', v_row.attended, 'applied', false);
  end if;
  select * into v_registration from public.registrations r
  where r.id = p_registration_id and r.session_id = p_session_id and r.status <> 'cancelled';
  if v_registration.id is null then raise exception using errcode = 'P0001', message = 'registration_not_found'; end if;
  insert into public.attendance as a (session_id, municipality_code, participant_id, registration_id, attended, nonce, recorded_by, marked_at)
  values (p_session_id, v.municipality_code, v_registration.participant_id, v_registration.id, p_attended, p_nonce, (select auth.uid()), v_at)
  on conflict (session_id, participant_id) do update
    set attended = excluded.attended, nonce = excluded.nonce, recorded_by = excluded.recorded_by, recorded_at = now(),
        marked_at = excluded.marked_at, registration_id = excluded.registration_id
    where a.marked_at is null or a.marked_at <= excluded.marked_at
  returning * into v_row;
  if v_row.id is null then
    select * into v_row from public.attendance a where a.session_id = p_session_id and a.participant_id = v_registration.participant_id;
    return jsonb_build_object('registration_id', v_registration.id, 'attended', v_row.attended, 'applied', false);
  end if;
  return jsonb_build_object('registration_id', v_registration.id, 'attended', v_row.attended, 'applied', true);
end
$$;

-- A walk-in (当日参加), with the same fields as a registration: known again by phone and
-- reading, as registration knows them. The same nonce again adds nobody.
create function public.add_walk_in(p_session_id uuid, p_person jsonb, p_phone text, p_nonce uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.sessions;
  v_phone text;
  v_participant uuid;
  v_row public.attendance;
begin
  select * into v from public.sessions s where s.id = p_session_id;
  if not coalesce(private.may_see_check_in(v), false) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if not private.may_check_in(v) then raise exception using errcode = 'P0001', message = 'check_in_closed'; end if;
  if p_nonce is null then raise exception using errcode = 'P0001', message = 'invalid_request'; end if;
  select * into v_row from public.attendance a where a.nonce = p_nonce;
  if v_row.id is not null then return jsonb_build_object('id', v_row.id, 'added', false); end if;
  perform private.check_person(p_person);
  if p_phone is null or length(p_phone) > 30 or normalize(p_phone, NFKC) !~ '^[0-9 ()ー‐−–—―-]+$' then
    raise exception using errcode = 'P0001', message = 'invalid_phone';
  end if;
  v_phone := private.normalize_phone(p_phone);
  if v_phone is null or v_phone !~ '^0[0-9]{9,10}$' then raise exception using errcode = 'P0001', message = 'invalid_phone'; end if;
  insert into public.participants as p (municipality_code, full_name, name_kana, phone, age_band)
  values (v.municipality_code, btrim(normalize(p_person ->> 'full_name', NFKC)), btrim(normalize(p_person ->> 'name_kana', NFKC)), v_phone, p_person ->> 'age_band')
  on conflict (municipality_code, match_phone, match_kana)
    where match_phone is not null and match_kana is not null and merged_into is null
    do update set municipality_code = p.municipality_code
  returning p.id into v_participant;
  insert into public.attendance as a (session_id, municipality_code, participant_id, attended, walk_in, nonce, recorded_by, marked_at)
  values (p_session_id, v.municipality_code, v_participant, true, true, p_nonce, (select auth.uid()), now())
  on conflict (session_id, participant_id) do update set attended = true, recorded_at = now()
  returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'added', true);
end
$$;

revoke execute on function private.may_check_in(public.sessions), private.may_see_check_in(public.sessions),
  private.mark_time(timestamptz), public.check_in_list(uuid), public.mark_attendance(uuid, uuid, boolean, uuid, timestamptz),
  public.add_walk_in(uuid, jsonb, text, uuid) from public;
grant execute on function public.check_in_list(uuid), public.mark_attendance(uuid, uuid, boolean, uuid, timestamptz),
  public.add_walk_in(uuid, jsonb, text, uuid) to authenticated;
