-- Public reads. Security invoker: RLS decides what the caller sees.

create function public.health_check() returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('ok', true)
$$;

create function public.list_upcoming_sessions(p_limit integer default 50) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(row_data order by starts_at, id), '[]'::jsonb)
  from (
    select s.starts_at, s.id, jsonb_build_object(
      'id', s.id,
      'title', s.title,
      'format', s.format,
      'topic', jsonb_build_object('id', t.id, 'name_ja', t.name_ja, 'name_en', t.name_en),
      'starts_at', s.starts_at,
      'ends_at', s.ends_at,
      'capacity', s.capacity,
      'seats_left', greatest(s.capacity - (seats ->> 'confirmed')::integer, 0),
      'waitlisted', (seats ->> 'waitlisted')::integer,
      'municipality', jsonb_build_object('code', m.code, 'name', m.name),
      'venue', jsonb_build_object('id', v.id, 'name', v.name, 'address', v.address)
    ) as row_data
    from public.sessions s
    join public.municipalities m on m.code = s.municipality_code
    join public.venues v on v.id = s.venue_id
    join public.topics t on t.id = s.topic_id
    cross join lateral private.session_seats(s.id) as seats
    where s.status = 'published' and s.starts_at >= now()
    order by s.starts_at, s.id
    limit least(greatest(coalesce(p_limit, 50), 1), 200)
  ) upcoming
$$;
