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

-- A class's page reads the columns instead of counting (the lists: 20261125000300).
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

