-- Personal data kept only as long as needed (DOMAIN.md; the registration form promises it):
-- names, readings and phone numbers of seniors are erased once every class they registered
-- for or attended ended in a fiscal year that closed at least p_years ago; the participant
-- row, and so every count behind the KPI, remains. Registrants' notes go with them.
-- service_role only: the server runs it at start and daily (RETENTION_YEARS, default 1).
create function public.erase_expired_personal_data(p_years integer default 1) returns jsonb
language plpgsql set search_path = '' as $$
declare
  -- The first day of the oldest fiscal year still kept: with p_years = 1 on 2027-04-01, a
  -- class of FY2025 (ended 2026-03-31) is erased and one of FY2026 is kept.
  v_keep_from timestamptz := make_timestamptz(private.fiscal_year(now()) - p_years, 4, 1, 0, 0, 0, 'Asia/Tokyo');
  v_people integer;
  v_notes integer;
begin
  if p_years is null or p_years not between 1 and 10 then
    raise exception using errcode = 'P0001', message = 'invalid_retention';
  end if;
  with expired as (
    select p.id from public.participants p
    where p.erased_at is null and p.created_at < v_keep_from
      and not exists (select 1 from public.registrations r join public.sessions s on s.id = r.session_id
                      where r.participant_id = p.id and s.ends_at >= v_keep_from)
      and not exists (select 1 from public.attendance a join public.sessions s on s.id = a.session_id
                      where a.participant_id = p.id and s.ends_at >= v_keep_from)
  ),
  notes as (
    update public.registrations r set staff_note = ''
    where r.participant_id in (select id from expired) and r.staff_note <> ''
    returning 1
  ),
  erased as (
    update public.participants p set full_name = null, name_kana = null, phone = null, erased_at = now()
    where p.id in (select id from expired)
    returning 1
  )
  select (select count(*) from erased), (select count(*) from notes) into v_people, v_notes;
  return jsonb_build_object('participants', v_people, 'notes', v_notes, 'kept_from', v_keep_from);
end
$$;
revoke execute on function public.erase_expired_personal_data(integer) from public, anon, authenticated;
grant execute on function public.erase_expired_personal_data(integer) to service_role;
