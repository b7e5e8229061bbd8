-- The town office's venues (issue 9): create, edit, archive. Staff of a municipality (and
-- its prefecture's admin) keep them; archived ones stay for the sessions held there but are
-- no longer offered for new sessions. RLS on venues already limits writes to managers; these
-- functions add the checks a form needs, and refusals a page can word.

alter table public.venues
  add column archived_at timestamptz,
  add column updated_at timestamptz not null default now();
comment on column public.venues.archived_at is 'Set when the office stops using a venue; its past and upcoming sessions keep it.';

-- A venue as the office form sends it: {name, kana, postal_code, address, lat, lng, access,
-- parking, barrier_free, has_wifi, loaner_phones}. Text is stored as typed (NFKC, trimmed);
-- the table's checks hold it to its limits, and a value they refuse is an invalid_venue.
create function private.venue_fields(p_venue jsonb) returns public.venues
language plpgsql immutable set search_path = '' as $$
declare
  v public.venues;
  v_text text;
begin
  if jsonb_typeof(p_venue) is distinct from 'object' then
    raise exception using errcode = 'P0001', message = 'invalid_venue';
  end if;
  foreach v_text in array array['name', 'kana', 'postal_code', 'address', 'access', 'parking', 'barrier_free'] loop
    if p_venue ? v_text and jsonb_typeof(p_venue -> v_text) not in ('string', 'null') then
      raise exception using errcode = 'P0001', message = 'invalid_venue';
    end if;
  end loop;
  v.name := btrim(normalize(coalesce(p_venue ->> 'name', ''), NFKC));
  v.kana := nullif(btrim(normalize(coalesce(p_venue ->> 'kana', ''), NFKC)), '');
  v.postal_code := nullif(btrim(normalize(coalesce(p_venue ->> 'postal_code', ''), NFKC)), '');
  v.address := btrim(normalize(coalesce(p_venue ->> 'address', ''), NFKC));
  v.access := btrim(normalize(coalesce(p_venue ->> 'access', ''), NFKC));
  v.parking := btrim(normalize(coalesce(p_venue ->> 'parking', ''), NFKC));
  v.barrier_free := btrim(normalize(coalesce(p_venue ->> 'barrier_free', ''), NFKC));
  begin
    v.lat := (p_venue ->> 'lat')::numeric;
    v.lng := (p_venue ->> 'lng')::numeric;
    v.has_wifi := coalesce((p_venue ->> 'has_wifi')::boolean, false);
    v.loaner_phones := coalesce((p_venue ->> 'loaner_phones')::integer, 0);
  exception when invalid_text_representation or numeric_value_out_of_range then
    raise exception using errcode = 'P0001', message = 'invalid_venue';
  end;
  -- Control characters have no place in a venue's name or directions; line breaks in the
  -- longer notes do.
  if v.name ~ '[[:cntrl:]]' or v.address ~ '[[:cntrl:]]' or coalesce(v.kana, '') ~ '[[:cntrl:]]'
     or concat(v.access, v.parking, v.barrier_free) ~ '[\x01-\x09\x0b\x0c\x0e-\x1f\x7f]' then
    raise exception using errcode = 'P0001', message = 'invalid_venue';
  end if;
  if (v.lat is null) <> (v.lng is null) or v.lat not between 20 and 46 or v.lng not between 122 and 154 then
    raise exception using errcode = 'P0001', message = 'venue_outside_japan';
  end if;
  return v;
end
$$;

-- Creates a venue in a municipality the caller manages; returns its id.
create function public.create_venue(p_municipality_code text, p_venue jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v public.venues := private.venue_fields(p_venue);
  v_id uuid;
begin
  if not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  insert into public.venues (municipality_code, name, kana, postal_code, address, lat, lng, access, parking, barrier_free, has_wifi, loaner_phones)
  values (p_municipality_code, v.name, v.kana, v.postal_code, v.address, v.lat, v.lng, v.access, v.parking, v.barrier_free, v.has_wifi, v.loaner_phones)
  returning id into v_id;
  return jsonb_build_object('id', v_id);
exception when check_violation or not_null_violation or string_data_right_truncation then
  raise exception using errcode = 'P0001', message = 'invalid_venue';
end
$$;

-- Changes a venue of a municipality the caller manages. Its municipality never changes.
create function public.update_venue(p_id uuid, p_venue jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v public.venues := private.venue_fields(p_venue);
  v_id uuid;
begin
  update public.venues set
    name = v.name, kana = v.kana, postal_code = v.postal_code, address = v.address, lat = v.lat, lng = v.lng,
    access = v.access, parking = v.parking, barrier_free = v.barrier_free, has_wifi = v.has_wifi,
    loaner_phones = v.loaner_phones, updated_at = now()
  where id = p_id and private.can_manage(municipality_code)
  returning id into v_id;
  if v_id is null then
    raise exception using errcode = 'P0001', message = 'venue_not_found';
  end if;
  return jsonb_build_object('id', v_id);
exception when check_violation or not_null_violation or string_data_right_truncation then
  raise exception using errcode = 'P0001', message = 'invalid_venue';
end
$$;

-- Archives a venue, or takes it back into use. A venue with sessions still to come (not
-- cancelled) stays in use: those seniors are expecting to go there. Whether it is in use is
-- told only to those who manage it. The row is locked, so that a session being added there
-- (which locks it too) waits for the answer.
create function public.archive_venue(p_id uuid, p_archived boolean) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_id uuid;
begin
  select v.id into v_id from public.venues v where v.id = p_id and private.can_manage(v.municipality_code) for update;
  if v_id is null then
    raise exception using errcode = 'P0001', message = 'venue_not_found';
  end if;
  if p_archived and exists (
    select 1 from public.sessions s
    where s.venue_id = v_id and s.status <> 'cancelled' and s.ends_at > now()
  ) then
    raise exception using errcode = 'P0001', message = 'venue_in_use';
  end if;
  update public.venues set archived_at = case when p_archived then coalesce(archived_at, now()) end, updated_at = now()
  where id = v_id;
  return jsonb_build_object('id', v_id, 'archived', p_archived);
end
$$;

-- The venues of a municipality, for its office: in use first, by reading, each with the
-- number of sessions still to come there; and the municipality, whose office location is
-- where a new venue's map pin starts.
create function public.office_venues(p_municipality_code text) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
begin
  if not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return jsonb_build_object(
    'municipality', (
      select jsonb_build_object('code', m.code, 'name', m.name, 'office_lat', m.office_lat, 'office_lng', m.office_lng)
      from public.municipalities m where m.code = p_municipality_code),
    'venues', coalesce((
      select jsonb_agg(to_jsonb(v) || jsonb_build_object('upcoming_sessions', (
          select count(*) from public.sessions s
          where s.venue_id = v.id and s.status <> 'cancelled' and s.ends_at > now()))
        order by v.archived_at is not null, coalesce(v.kana, v.name), v.name, v.id)
      from public.venues v where v.municipality_code = p_municipality_code), '[]'::jsonb));
end
$$;

-- One venue, for its edit form; null if the caller does not manage it.
create function public.office_venue(p_id uuid) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select to_jsonb(v) || jsonb_build_object(
    'municipality_name', m.name,
    'upcoming_sessions', (select count(*) from public.sessions s where s.venue_id = v.id and s.status <> 'cancelled' and s.ends_at > now()))
  from public.venues v join public.municipalities m on m.code = v.municipality_code
  where v.id = p_id and private.can_manage(v.municipality_code)
$$;

revoke execute on function
  private.venue_fields(jsonb), public.create_venue(text, jsonb), public.update_venue(uuid, jsonb),
  public.archive_venue(uuid, boolean), public.office_venues(text), public.office_venue(uuid)
  from public;
grant execute on function
  private.venue_fields(jsonb), public.create_venue(text, jsonb), public.update_venue(uuid, jsonb),
  public.archive_venue(uuid, boolean), public.office_venues(text), public.office_venue(uuid)
  to authenticated;
