-- Finding a class: public reads, security invoker (RLS shows what a visitor may see; drafts
-- never). Seats are counted by session_seats for the rows of one page only.

-- Great-circle distance in kilometres.
create function private.distance_km(p_lat1 float8, p_lng1 float8, p_lat2 float8, p_lng2 float8) returns float8
language sql immutable set search_path = '' as $$
  select 2 * 6371 * asin(sqrt(
    power(sin(radians(p_lat2 - p_lat1) / 2), 2)
    + cos(radians(p_lat1)) * cos(radians(p_lat2)) * power(sin(radians(p_lng2 - p_lng1) / 2), 2)))
$$;

-- Whether the web takes registrations for a session, as lists and pages show it (the same
-- order of reasons register_for_session refuses in).
create function private.registration_state(p_status text, p_starts_at timestamptz, p_closes_at timestamptz) returns text
language sql stable set search_path = '' as $$
  select case
    when p_status = 'cancelled' then 'cancelled'
    when p_starts_at <= now() then 'started'
    when p_closes_at <= now() then 'closed'
    else 'open' end
$$;

-- Upcoming sessions, filtered and a page at a time. Cancelled ones stay in the list, marked,
-- so that someone who saw one on a flyer learns it is off.
-- p_query: {municipality, topic, from, to (YYYY-MM-DD, Japan time), weekdays [0–6, Sunday 0],
-- part ('am' | 'pm'), device ('iphone' | 'android'), near {lat, lng}, sort ('soon' | 'near'),
-- page (from 1), page_size (1–50)}. Every key is optional. Where a venue has no coordinates,
-- its municipality office's stand in.
create function public.find_sessions(p_query jsonb default '{}') returns jsonb
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

  with matching as (
    select s.id, s.title, s.format, s.topic_id, s.starts_at, s.ends_at, s.capacity, s.device_focus,
           s.registration_closes_at, s.status, s.municipality_code, s.venue_id, m.name as municipality_name, v.name as venue_name, v.address as venue_address,
           t.name_ja as topic_ja, t.name_en as topic_en,
           case when v_near then private.distance_km(v_lat, v_lng,
             coalesce(v.lat, m.office_lat)::float8, coalesce(v.lng, m.office_lng)::float8) end as distance_km
    from public.sessions s
    join public.municipalities m on m.code = s.municipality_code
    join public.venues v on v.id = s.venue_id
    join public.topics t on t.id = s.topic_id
    where s.status in ('published', 'cancelled') and s.starts_at > now()
      and (p_query ->> 'municipality' is null or s.municipality_code = p_query ->> 'municipality')
      and (p_query ->> 'topic' is null or s.topic_id = p_query ->> 'topic')
      and (v_from is null or (s.starts_at at time zone 'Asia/Tokyo')::date >= v_from)
      and (v_to is null or (s.starts_at at time zone 'Asia/Tokyo')::date <= v_to)
      and (cardinality(v_weekdays) = 0 or extract(dow from s.starts_at at time zone 'Asia/Tokyo')::integer = any (v_weekdays))
      and (p_query ->> 'part' is null
           or (p_query ->> 'part' = 'am') = (extract(hour from s.starts_at at time zone 'Asia/Tokyo') < 12))
      and (p_query ->> 'device' is null or s.device_focus in ('any', p_query ->> 'device'))
  ),
  counted as (select count(*)::integer as total from matching),
  page as (
    select * from matching
    order by case when v_by_distance then round(distance_km::numeric, 1) end, starts_at, id
    limit v_size offset (v_page - 1) * v_size
  )
  select (select total from counted), coalesce(jsonb_agg(jsonb_build_object(
      'id', p.id,
      'title', p.title,
      'format', p.format,
      'topic', jsonb_build_object('id', p.topic_id, 'name_ja', p.topic_ja, 'name_en', p.topic_en),
      'starts_at', p.starts_at,
      'ends_at', p.ends_at,
      'capacity', p.capacity,
      'seats_left', greatest(p.capacity - (seats ->> 'confirmed')::integer, 0),
      'waitlisted', (seats ->> 'waitlisted')::integer,
      'device_focus', p.device_focus,
      'status', p.status,
      'registration_closes_at', p.registration_closes_at,
      'registration', private.registration_state(p.status, p.starts_at, p.registration_closes_at),
      'distance_km', round(p.distance_km::numeric, 1),
      'municipality', jsonb_build_object('code', p.municipality_code, 'name', p.municipality_name),
      'venue', jsonb_build_object('id', p.venue_id, 'name', p.venue_name, 'address', p.venue_address)
    ) order by case when v_by_distance then round(p.distance_km::numeric, 1) end, p.starts_at, p.id), '[]'::jsonb)
  into v_total, v_rows
  from page p cross join lateral private.session_seats(p.id) as seats;

  return jsonb_build_object('total', coalesce(v_total, 0), 'page', v_page, 'page_size', v_size, 'sessions', v_rows);
end
$$;
comment on function public.find_sessions(jsonb) is 'Upcoming published sessions, filtered, nearest or soonest first, a page at a time.';

-- One session as its public page shows it, or null (unknown, or a draft).
create function public.session_details(p_session_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', s.id,
    'title', s.title,
    'format', s.format,
    'description', s.description,
    'what_to_bring', s.what_to_bring,
    'device_focus', s.device_focus,
    'status', s.status,
    'cancel_reason', s.cancel_reason,
    'starts_at', s.starts_at,
    'ends_at', s.ends_at,
    'registration_closes_at', s.registration_closes_at,
    'registration', private.registration_state(s.status, s.starts_at, s.registration_closes_at),
    'fee_yen', s.fee_yen,
    'contact_phone', s.contact_phone,
    'capacity', s.capacity,
    'seats_left', greatest(s.capacity - (seats ->> 'confirmed')::integer, 0),
    'waitlisted', (seats ->> 'waitlisted')::integer,
    'topic', jsonb_build_object('id', t.id, 'name_ja', t.name_ja, 'name_en', t.name_en),
    'municipality', jsonb_build_object('code', m.code, 'name', m.name),
    'venue', jsonb_build_object(
      'name', v.name, 'postal_code', v.postal_code, 'address', v.address, 'lat', v.lat, 'lng', v.lng,
      'access', v.access, 'parking', v.parking, 'barrier_free', v.barrier_free,
      'has_wifi', v.has_wifi, 'loaner_phones', v.loaner_phones)
  )
  from public.sessions s
  join public.municipalities m on m.code = s.municipality_code
  join public.venues v on v.id = s.venue_id
  join public.topics t on t.id = s.topic_id
  cross join lateral private.session_seats(s.id) as seats
  where s.id = p_session_id and s.status <> 'draft'
$$;

-- Every municipality with its area and how many classes it has coming, for the town picker.
create function public.list_municipalities() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'code', m.code, 'name', m.name, 'kana', m.kana, 'region', m.region,
    'upcoming', (select count(*) from public.sessions s
                 where s.municipality_code = m.code and s.status = 'published' and s.starts_at > now())
  ) order by m.code), '[]'::jsonb)
  from public.municipalities m
$$;

-- A town's page: who it is, and the numbers its classes give for enquiries (most used first).
create function public.municipality_details(p_code text) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'code', m.code, 'name', m.name, 'kana', m.kana, 'region', m.region,
    'contact_phones', coalesce((
      select jsonb_agg(phone order by uses desc, phone)
      from (select s.contact_phone as phone, count(*) as uses from public.sessions s
            where s.municipality_code = m.code and s.status = 'published' and s.contact_phone <> ''
              and s.starts_at > now() - interval '1 year'
            group by s.contact_phone) phones), '[]'::jsonb))
  from public.municipalities m where m.code = p_code
$$;

create function public.list_topics() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name_ja', t.name_ja, 'name_en', t.name_en) order by t.sort_order), '[]'::jsonb)
  from public.topics t
$$;

grant execute on function
  public.find_sessions(jsonb), public.session_details(uuid), public.list_municipalities(), public.list_topics(),
  public.municipality_details(text)
  to anon, authenticated;
grant execute on function private.distance_km(float8, float8, float8, float8), private.registration_state(text, timestamptz, timestamptz)
  to anon, authenticated;

-- Replaced by find_sessions, which pages instead of stopping at 50 and counts seats only for
-- the rows shown.
drop function public.list_upcoming_sessions(integer);
