-- A published session's date is changed only to one still to come (issue 9, found trying it
-- as a clerk: a class with seniors booked could be moved into the past with a plain "saved").
-- The answer says when the date or time changed and how many people are registered, so the
-- page can ask staff to phone them.
create or replace function public.update_session(p_id uuid, p_session jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_old public.sessions;
  v public.sessions;
  v_rescheduled boolean;
begin
  select * into v_old from public.sessions s where s.id = p_id for update;
  if v_old.id is null or not private.can_manage(v_old.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if v_old.status = 'cancelled' then
    raise exception using errcode = 'P0001', message = 'session_cancelled';
  end if;
  v := private.session_fields(v_old.municipality_code, p_session);
  v_rescheduled := (v.starts_at, v.ends_at) is distinct from (v_old.starts_at, v_old.ends_at);
  if v_rescheduled and v.starts_at <= now() and (v_old.status = 'published' or v_old.seats_confirmed + v_old.seats_waitlisted > 0) then
    raise exception using errcode = 'P0001', message = 'published_date_in_past';
  end if;
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
  return jsonb_build_object('id', p_id, 'rescheduled', v_rescheduled,
    'registrations', v_old.seats_confirmed + v_old.seats_waitlisted,
    'venue_changed', v.venue_id is distinct from v_old.venue_id);
end
$$;
