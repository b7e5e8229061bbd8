-- Least data: an account's e-mail only for those who manage something it is part of, and
-- for a session's supporters only what check-in needs. (Account ids stay out of public
-- reads through the column grants of 20261123000100.)

-- Any staff member could read any account's address. Now: one's own, and those of
-- accounts holding a grant, or named in an audit entry, within the caller's reach:
-- the same reach as the roles page's own RLS.
create or replace function private.account_email(p_user_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select u.email from auth.users u
  where u.id = p_user_id and (
    u.id = (select auth.uid())
    or exists (
      select 1 from public.role_grants g
      where g.user_id = u.id
        and (g.municipality_code in (select private.managed_municipality_codes())
             or private.is_prefecture_admin_of(g.prefecture_code)))
    or exists (
      select 1 from public.role_grant_audit a
      where u.id in (a.subject_id, a.actor_id)
        and (a.municipality_code in (select private.managed_municipality_codes())
             or private.is_prefecture_admin_of(a.prefecture_code)))
  )
$$;

-- Assigned supporters read whole registration rows, confirmation code and staff note
-- included, and attendance rows with the id of whoever recorded them. They get the roster
-- instead, which carries attendance too.
drop policy "Assigned supporters see registrations of their sessions" on public.registrations;
drop policy "Assigned supporters see attendance of their sessions" on public.attendance;
-- Those policies were its only callers as the caller; check_in_roster runs as definer.
revoke execute on function private.my_assigned_session_ids() from authenticated;

-- Who is expected at a session, as check-in needs it: no phone, no confirmation code, no
-- note. For the session's managers, and for its assigned supporters while they are active
-- and until a week after the class (marks made offline may arrive late); anyone else, and
-- a session that does not exist, get the same not_allowed.
create function public.check_in_roster(p_session_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_session public.sessions;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if v_session.id is null or not (
    private.can_manage(v_session.municipality_code)
    or (p_session_id in (select private.my_assigned_session_ids())
        and v_session.ends_at > now() - interval '7 days'
        and exists (select 1 from public.supporters sp where sp.user_id = (select auth.uid()) and sp.active))
  ) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'registration_id', r.id,
      'status', r.status,
      'full_name', p.full_name,
      'name_kana', p.name_kana,
      'device', r.device,
      'needs_loaner', r.needs_loaner,
      'attended', a.attended
    ) order by r.status = 'waitlisted', r.queue_seq)
    from public.registrations r
    join public.participants p on p.id = r.participant_id
    left join public.attendance a on a.registration_id = r.id
    where r.session_id = p_session_id and r.status <> 'cancelled'), '[]'::jsonb);
end
$$;
comment on function public.check_in_roster(uuid) is 'Registrants of a session for check-in: names and devices, never phones or codes.';
grant execute on function public.check_in_roster(uuid) to authenticated;
