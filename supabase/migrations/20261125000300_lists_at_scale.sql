-- Lists at national scale (1.2 million sessions, issue 8): the public lists read an index of
-- listed sessions for the page they show, and count separately, instead of joining every
-- matching session to its venue, town and topic to show twenty of them (the home page's
-- query: 817 ms, now 21 ms).

-- The sessions a search matches, as the caller may see them (RLS). Plain SQL without a SET
-- clause, so that PostgreSQL inlines it into each query below and plans each on its own:
-- the page from the index, the count as a count. Every name in it is schema-qualified.
create function private.listed_sessions(p_query jsonb, p_from date, p_to date, p_weekdays integer[])
returns table (id uuid, starts_at timestamptz, venue_id uuid, municipality_code text)
language sql stable as $$
  select s.id, s.starts_at, s.venue_id, s.municipality_code from public.sessions s
    where s.status in ('published', 'cancelled') and s.starts_at > now()
      and (p_query ->> 'municipality' is null or s.municipality_code = p_query ->> 'municipality')
      and (p_query ->> 'topic' is null or s.topic_id = p_query ->> 'topic')
      and (p_from is null or (s.starts_at at time zone 'Asia/Tokyo')::date >= p_from)
      and (p_to is null or (s.starts_at at time zone 'Asia/Tokyo')::date <= p_to)
      and (cardinality(p_weekdays) = 0 or extract(dow from s.starts_at at time zone 'Asia/Tokyo')::integer = any (p_weekdays))
      and (p_query ->> 'part' is null
           or (p_query ->> 'part' = 'am') = (extract(hour from s.starts_at at time zone 'Asia/Tokyo') < 12))
      and (p_query ->> 'device' is null or s.device_focus in ('any', p_query ->> 'device'))
$$;
grant execute on function private.listed_sessions(jsonb, date, date, integer[]) to anon, authenticated;

create or replace function public.find_sessions(p_query jsonb default '{}') returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_page integer;
  v_size integer;
  v_lat float8;
  v_lng float8;
  v_near boolean;
  v_by_distance boolean;
  v_weekdays integer[];
  v_from date;
  v_to date;
  v_total integer;
  v_ids uuid[];
  v_rows jsonb;
begin
  -- A query the app did not write (a direct API call) gets a coded refusal, not a SQL error.
  begin
    if jsonb_typeof(p_query) is distinct from 'object'
       or coalesce(p_query ->> 'part', 'am') not in ('am', 'pm')
       or coalesce(p_query ->> 'sort', 'near') not in ('near', 'soon')
       or coalesce(p_query ->> 'device', 'iphone') not in ('iphone', 'android')
       or coalesce(jsonb_typeof(p_query -> 'weekdays'), 'array') <> 'array'
       or coalesce(p_query ->> 'from', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$'
       or coalesce(p_query ->> 'to', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' then
      raise exception using errcode = '22023';
    end if;
    v_page := least(greatest(coalesce((p_query ->> 'page')::integer, 1), 1), 100000);
    v_size := least(greatest(coalesce((p_query ->> 'page_size')::integer, 20), 1), 50);
    v_lat := (p_query -> 'near' ->> 'lat')::float8;
    v_lng := (p_query -> 'near' ->> 'lng')::float8;
    v_from := (p_query ->> 'from')::date;
    v_to := (p_query ->> 'to')::date;
    v_weekdays := coalesce((select array_agg(value::integer) from jsonb_array_elements_text(p_query -> 'weekdays')), '{}');
  exception when data_exception then
    raise exception using errcode = 'P0001', message = 'invalid_query';
  end;
  v_near := v_lat is not null and v_lng is not null;
  v_by_distance := v_near and coalesce(p_query ->> 'sort', 'near') = 'near';

  -- The page first, by ids: soonest first straight from the index of listed sessions, or
  -- nearest first; then the count, and the cards for the page's rows only.
  if v_by_distance then
    select array_agg(p.id order by p.distance, p.starts_at, p.id) into v_ids from (
      select s.id, s.starts_at,
             round(private.distance_km(v_lat, v_lng, coalesce(v.lat, m.office_lat)::float8, coalesce(v.lng, m.office_lng)::float8)::numeric, 1) as distance
      from private.listed_sessions(p_query, v_from, v_to, v_weekdays) s
      join public.venues v on v.id = s.venue_id
      join public.municipalities m on m.code = s.municipality_code
      order by 3, 2, 1
      limit v_size offset (v_page - 1) * v_size) p;
  else
    select array_agg(p.id order by p.starts_at, p.id) into v_ids from (
      select s.id, s.starts_at from private.listed_sessions(p_query, v_from, v_to, v_weekdays) s
      order by s.starts_at, s.id
      limit v_size offset (v_page - 1) * v_size) p;
  end if;
  select count(*)::integer into v_total from private.listed_sessions(p_query, v_from, v_to, v_weekdays);

  select coalesce(jsonb_agg(jsonb_build_object(
      'id', s.id,
      'title', s.title,
      'format', s.format,
      'topic', jsonb_build_object('id', t.id, 'name_ja', t.name_ja, 'name_en', t.name_en),
      'starts_at', s.starts_at,
      'ends_at', s.ends_at,
      'capacity', s.capacity,
      'seats_left', greatest(s.capacity - s.seats_confirmed, 0),
      'waitlisted', s.seats_waitlisted,
      'device_focus', s.device_focus,
      'status', s.status,
      'registration_closes_at', s.registration_closes_at,
      'registration', private.registration_state(s.status, s.starts_at, s.registration_closes_at),
      'distance_km', case when v_near then round(private.distance_km(v_lat, v_lng,
        coalesce(v.lat, m.office_lat)::float8, coalesce(v.lng, m.office_lng)::float8)::numeric, 1) end,
      'municipality', jsonb_build_object('code', m.code, 'name', m.name),
      'venue', jsonb_build_object('id', v.id, 'name', v.name, 'address', v.address)
    ) order by o.n), '[]'::jsonb)
  into v_rows
  from unnest(v_ids) with ordinality as o (id, n)
  join public.sessions s on s.id = o.id
  join public.municipalities m on m.code = s.municipality_code
  join public.venues v on v.id = s.venue_id
  join public.topics t on t.id = s.topic_id;

  return jsonb_build_object('total', v_total, 'page', v_page, 'page_size', v_size, 'sessions', v_rows);
end
$$;

-- Every municipality with how many classes it has coming: one pass over an index of published
-- sessions by start (with the municipality in it, so the table is not read), grouped, instead
-- of one count per municipality (1,741 of them nationally: 752 ms, now 44 ms). It replaces
-- the index by start alone, which it serves as well.
drop index public.sessions_starts_at_idx;
create index sessions_published_upcoming_idx on public.sessions (starts_at, municipality_code) where status = 'published';

create or replace function public.list_municipalities() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'code', m.code, 'name', m.name, 'kana', m.kana, 'region', m.region, 'upcoming', coalesce(c.upcoming, 0)
  ) order by m.code), '[]'::jsonb)
  from public.municipalities m
  left join (select s.municipality_code, count(*) as upcoming from public.sessions s
             where s.status = 'published' and s.starts_at > now() group by s.municipality_code) c
    on c.municipality_code = m.code
$$;
