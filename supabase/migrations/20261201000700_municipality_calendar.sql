-- A town's classes as a calendar feed (issue 9): what a phone subscribed to
-- /m/{code}/calendar.ics shows, from a month back to a year ahead, cancelled ones included
-- so that a calendar that had them shows them as cancelled. Public data only: invoker, so
-- RLS keeps drafts out, and the column grants keep out what is not published.
create function public.municipality_calendar(p_code text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', s.id, 'title', s.title, 'description', s.description, 'what_to_bring', s.what_to_bring,
    'contact_phone', s.contact_phone, 'status', s.status, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
    'venue', jsonb_build_object('name', v.name, 'address', v.address, 'lat', v.lat, 'lng', v.lng)) order by s.starts_at, s.id), '[]'::jsonb)
  from (
    select s.id, s.title, s.description, s.what_to_bring, s.contact_phone, s.status, s.starts_at, s.ends_at, s.venue_id
    from public.sessions s
    where s.municipality_code = p_code and s.status <> 'draft'
      and s.starts_at > now() - interval '31 days' and s.starts_at < now() + interval '1 year'
    order by s.starts_at
    limit 500) s
  join public.venues v on v.id = s.venue_id
$$;
revoke execute on function public.municipality_calendar(text) from public;
grant execute on function public.municipality_calendar(text) to anon, authenticated;
