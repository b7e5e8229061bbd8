-- The registrations of one session as its office sees them (issue 9): who is coming, in
-- the order seats were given, then the waiting list with each party's place, then those who
-- cancelled; with the phone number for a call the day before. Only for the staff of the
-- session's municipality (and its prefecture's admin); definer, so that it can give the
-- waiting positions the same way the seniors' own pages do.
create function public.office_registrations(p_session_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_session public.sessions;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if v_session.id is null or not private.can_manage(v_session.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', r.id, 'party_id', r.party_id, 'status', r.status, 'code', r.confirmation_code,
      'position', case when r.status = 'waitlisted' then private.waiting_position(r.session_id, r.queue_seq) end,
      'full_name', p.full_name, 'name_kana', p.name_kana, 'phone', p.phone, 'age_band', p.age_band,
      'device', r.device, 'needs_loaner', r.needs_loaner, 'channel', r.channel, 'note', r.staff_note,
      'registered_at', r.created_at, 'cancelled_at', r.cancelled_at)
      order by case r.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end, r.queue_seq)
    from public.registrations r join public.participants p on p.id = r.participant_id
    where r.session_id = p_session_id), '[]'::jsonb);
end
$$;
revoke execute on function public.office_registrations(uuid) from public;
grant execute on function public.office_registrations(uuid) to authenticated;
