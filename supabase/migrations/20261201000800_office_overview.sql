-- The office home (issue 9): the sessions of every town the caller manages between two
-- dates, with seats and supporters, and what needs attention, decided here: a class that
-- asks for supporters and has none assigned; one starting within three days that is less
-- than half full; more people waiting than seats; and a draft two weeks away that nobody
-- can register for yet. At most 300 sessions, soonest first.
create function public.office_overview(p_from date, p_to date) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_from is null or p_to is null or p_to < p_from or p_to > p_from + 100 then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', x.id, 'title', x.title, 'status', x.status, 'format', x.format, 'starts_at', x.starts_at, 'ends_at', x.ends_at,
      'municipality_code', x.municipality_code, 'municipality_name', x.municipality_name, 'venue_name', x.venue_name,
      'capacity', x.capacity, 'seats_confirmed', x.seats_confirmed, 'seats_waitlisted', x.seats_waitlisted,
      'supporters_needed', x.supporters_needed, 'supporters_confirmed', x.supporters_confirmed,
      'attention', to_jsonb(array_remove(array[
        case when x.supporters_needed > 0 and x.supporters_confirmed = 0 then 'no_supporter' end,
        case when x.status = 'published' and x.starts_at > now() and x.starts_at < now() + interval '3 days'
               and x.seats_confirmed * 2 < x.capacity then 'under_booked' end,
        case when x.seats_waitlisted > 0 then 'over_demand' end,
        case when x.status = 'draft' and x.starts_at > now() and x.starts_at < now() + interval '14 days' then 'draft_soon' end
      ], null)))
      order by x.starts_at, x.id)
    from (
      select s.id, s.title, s.status, s.format, s.starts_at, s.ends_at, s.municipality_code, m.name as municipality_name,
             v.name as venue_name, s.capacity, s.seats_confirmed, s.seats_waitlisted, s.supporters_needed,
             (select count(*) from public.session_staffing st where st.session_id = s.id and st.status = 'assigned')::integer as supporters_confirmed
      from public.sessions s
      join public.venues v on v.id = s.venue_id
      join public.municipalities m on m.code = s.municipality_code
      where s.municipality_code in (select private.managed_municipality_codes())
        and s.status <> 'cancelled'
        and s.starts_at >= (p_from::timestamp at time zone 'Asia/Tokyo')
        and s.starts_at < ((p_to + 1)::timestamp at time zone 'Asia/Tokyo')
      order by s.starts_at, s.id
      limit 300) x), '[]'::jsonb);
end
$$;
revoke execute on function public.office_overview(date, date) from public;
grant execute on function public.office_overview(date, date) to authenticated;
