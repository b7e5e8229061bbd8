-- Seats taken, kept on the session itself by the statement that changes a registration, so
-- that a list of classes reads them as columns instead of counting registrations for every
-- row (issue 8: the count per row was what held the public pages back). The counts change
-- in the transaction that registers, cancels or promotes, under the session row's lock that
-- those functions already take; a check makes "never more confirmed than seats" a property
-- of the table, whatever function writes.

alter table public.sessions
  add column seats_confirmed integer not null default 0 check (seats_confirmed >= 0),
  add column seats_waitlisted integer not null default 0 check (seats_waitlisted >= 0);

update public.sessions s set seats_confirmed = c.confirmed, seats_waitlisted = c.waitlisted
from (select r.session_id, count(*) filter (where r.status = 'confirmed')::integer as confirmed,
             count(*) filter (where r.status = 'waitlisted')::integer as waitlisted
      from public.registrations r group by r.session_id) c
where c.session_id = s.id;

alter table public.sessions add constraint sessions_seats_within_capacity check (seats_confirmed <= capacity);

-- Statement-level, with the rows the statement changed: one update per session touched,
-- also for a bulk load. Security definer: staff editing a note on a registration must not
-- need (and do not have) the right to write the counts.
create function private.count_seats() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    update public.sessions s set seats_confirmed = s.seats_confirmed + d.confirmed, seats_waitlisted = s.seats_waitlisted + d.waitlisted
    from (select session_id, count(*) filter (where status = 'confirmed')::integer as confirmed,
                 count(*) filter (where status = 'waitlisted')::integer as waitlisted
          from added group by session_id) d
    where s.id = d.session_id and (d.confirmed <> 0 or d.waitlisted <> 0);
  elsif tg_op = 'DELETE' then
    update public.sessions s set seats_confirmed = s.seats_confirmed - d.confirmed, seats_waitlisted = s.seats_waitlisted - d.waitlisted
    from (select session_id, count(*) filter (where status = 'confirmed')::integer as confirmed,
                 count(*) filter (where status = 'waitlisted')::integer as waitlisted
          from removed group by session_id) d
    where s.id = d.session_id and (d.confirmed <> 0 or d.waitlisted <> 0);
  else
    update public.sessions s set seats_confirmed = s.seats_confirmed + d.confirmed, seats_waitlisted = s.seats_waitlisted + d.waitlisted
    from (select session_id, sum(confirmed)::integer as confirmed, sum(waitlisted)::integer as waitlisted
          from (select session_id, (status = 'confirmed')::integer as confirmed, (status = 'waitlisted')::integer as waitlisted from added
                union all
                select session_id, -(status = 'confirmed')::integer, -(status = 'waitlisted')::integer from removed) changes
          group by session_id) d
    where s.id = d.session_id and (d.confirmed <> 0 or d.waitlisted <> 0);
  end if;
  return null;
end
$$;
create trigger registrations_count_seats_insert after insert on public.registrations
  referencing new table as added for each statement execute function private.count_seats();
create trigger registrations_count_seats_update after update on public.registrations
  referencing old table as removed new table as added for each statement execute function private.count_seats();
create trigger registrations_count_seats_delete after delete on public.registrations
  referencing old table as removed for each statement execute function private.count_seats();

-- The counts are the trigger's to write: staff add and change sessions column by column.
revoke insert, update on public.sessions from authenticated;
grant insert (id, municipality_code, venue_id, series_id, series_part, topic_id, format, title, description, starts_at, ends_at,
              capacity, status, registration_closes_at, fee_yen, contact_phone, created_by, created_at, updated_at,
              what_to_bring, device_focus, cancel_reason),
      update (id, municipality_code, venue_id, series_id, series_part, topic_id, format, title, description, starts_at, ends_at,
              capacity, status, registration_closes_at, fee_yen, contact_phone, created_by, created_at, updated_at,
              what_to_bring, device_focus, cancel_reason)
  on public.sessions to authenticated;
grant select (seats_confirmed, seats_waitlisted) on public.sessions to anon, authenticated;

-- Fewer seats than are confirmed: the clear refusal, before the table's check would give a
-- bare constraint error.
create function private.refuse_capacity_below_confirmed() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.capacity < new.seats_confirmed then
    raise exception using errcode = 'P0001', message = 'capacity_below_confirmed';
  end if;
  return new;
end
$$;
create trigger sessions_capacity_not_below_confirmed before update of capacity on public.sessions
  for each row execute function private.refuse_capacity_below_confirmed();

-- Every reader of seats now reads the columns.
create or replace function private.session_seats(p_session_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select jsonb_build_object('confirmed', s.seats_confirmed, 'waitlisted', s.seats_waitlisted) from public.sessions s where s.id = p_session_id),
    '{"confirmed": 0, "waitlisted": 0}')
$$;

-- Upcoming classes soonest first, all of them or one town's; cancelled ones are listed too.
create index sessions_listed_starts_at_idx on public.sessions (starts_at, id) where status in ('published', 'cancelled');
create index sessions_listed_municipality_idx on public.sessions (municipality_code, starts_at, id) where status in ('published', 'cancelled');

-- The same two readers as in 20261124000200, reading the columns instead of counting.
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
    select s.id, s.title, s.format, s.topic_id, s.starts_at, s.ends_at, s.capacity, s.seats_confirmed, s.seats_waitlisted, s.device_focus,
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
      'seats_left', greatest(p.capacity - p.seats_confirmed, 0),
      'waitlisted', p.seats_waitlisted,
      'device_focus', p.device_focus,
      'status', p.status,
      'registration_closes_at', p.registration_closes_at,
      'registration', private.registration_state(p.status, p.starts_at, p.registration_closes_at),
      'distance_km', round(p.distance_km::numeric, 1),
      'municipality', jsonb_build_object('code', p.municipality_code, 'name', p.municipality_name),
      'venue', jsonb_build_object('id', p.venue_id, 'name', p.venue_name, 'address', p.venue_address)
    ) order by case when v_by_distance then round(p.distance_km::numeric, 1) end, p.starts_at, p.id), '[]'::jsonb)
  into v_total, v_rows
  from page p;

  return jsonb_build_object('total', coalesce(v_total, 0), 'page', v_page, 'page_size', v_size, 'sessions', v_rows);
end
$$;

create or replace function public.session_details(p_session_id uuid) returns jsonb
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
    'seats_left', greatest(s.capacity - s.seats_confirmed, 0),
    'waitlisted', s.seats_waitlisted,
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
  where s.id = p_session_id and s.status <> 'draft'
$$;

