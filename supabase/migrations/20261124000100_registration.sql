-- Registration without an account: the one place where seats are taken and given back.
-- Seniors register on the web (anon), staff by phone or at the counter (office issue),
-- walk-ins at check-in (attendance issue): all through register_for_session and
-- cancel_registration, which lock the session row, count seats with session_seats, and
-- keep the waiting list in order.
--
-- The waiting-list rule (a party is one person, or two registered together):
--   * A party is confirmed on registering when its size fits in the seats left
--     (capacity − confirmed); otherwise it waits, behind every party already waiting.
--   * When seats free (a cancellation), the waiting list is walked in order and every
--     party that fits in the seats now free is confirmed, in order. A pair at the head
--     when only one seat is free keeps its place (first in line) and the seat goes to the
--     first single behind it: no seat stays empty while someone who fits is waiting.
--     The pair is confirmed as soon as two seats are free together.
--   * A pair is never split: both are confirmed or both wait.
-- So after every change: confirmed ≤ capacity, and no waiting party fits in the seats left.

-- 方部 (area): how residents say where they live; the municipality picker groups by it.
alter table public.municipalities add column region text check (length(region) between 1 and 20);
update public.municipalities m set region = v.region
from (values
  ('072010', '県北'),
  ('072028', '会津'),
  ('072036', '県中'),
  ('072044', 'いわき'),
  ('072052', '県南'),
  ('072079', '県中'),
  ('072087', '会津'),
  ('072095', '相双'),
  ('072109', '県北'),
  ('072117', '県中'),
  ('072125', '相双'),
  ('072133', '県北'),
  ('072141', '県北'),
  ('073016', '県北'),
  ('073032', '県北'),
  ('073083', '県北'),
  ('073229', '県北'),
  ('073423', '県中'),
  ('073440', '県中'),
  ('073628', '南会津'),
  ('073644', '南会津'),
  ('073679', '南会津'),
  ('073687', '南会津'),
  ('074021', '会津'),
  ('074055', '会津'),
  ('074071', '会津'),
  ('074080', '会津'),
  ('074217', '会津'),
  ('074225', '会津'),
  ('074233', '会津'),
  ('074446', '会津'),
  ('074454', '会津'),
  ('074462', '会津'),
  ('074471', '会津'),
  ('074616', '県南'),
  ('074641', '県南'),
  ('074659', '県南'),
  ('074667', '県南'),
  ('074811', '県南'),
  ('074829', '県南'),
  ('074837', '県南'),
  ('074845', '県南'),
  ('075019', '県中'),
  ('075027', '県中'),
  ('075035', '県中'),
  ('075043', '県中'),
  ('075051', '県中'),
  ('075213', '県中'),
  ('075221', '県中'),
  ('075418', '相双'),
  ('075426', '相双'),
  ('075434', '相双'),
  ('075442', '相双'),
  ('075451', '相双'),
  ('075469', '相双'),
  ('075477', '相双'),
  ('075485', '相双'),
  ('075612', '相双'),
  ('075647', '相双')
) as v (code, region)
where m.code = v.code;

-- What a senior needs to know before coming, and why a class was called off.
alter table public.sessions
  add column what_to_bring text not null default '' check (length(what_to_bring) <= 500),
  add column device_focus text not null default 'any' check (device_focus in ('any', 'iphone', 'android')),
  add column cancel_reason text not null default '' check (length(cancel_reason) <= 500);
grant select (what_to_bring, device_focus, cancel_reason) on public.sessions to anon, authenticated;

-- One confirmation code per party: the first person's row holds it, the second person's row
-- points to the same party and has none. A code therefore always names one party.
alter table public.registrations alter column confirmation_code drop not null;
alter table public.registrations add constraint registrations_code_or_party
  check (confirmation_code is not null or party_id is not null);
create index registrations_party_id_idx on public.registrations (party_id) where party_id is not null;
-- The per-phone limits look people up by number.
create index participants_match_phone_idx on public.participants (match_phone) where match_phone is not null;

-- Seats change only through the functions below, which take the session's lock; a direct
-- write could confirm past capacity. Staff keep writing their note.
revoke insert, update on public.registrations from authenticated;
grant update (staff_note) on public.registrations to authenticated;

-- Anonymous requests per address, for the limits; no personal data, pruned after a day.
create table private.request_log (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('registration', 'code_miss')),
  requester text not null check (length(requester) <= 100),
  at timestamptz not null default now()
);
create index request_log_kind_requester_idx on private.request_log (kind, requester, at);
create index request_log_at_idx on private.request_log (at);
alter table private.request_log enable row level security;
revoke all on private.request_log from public, anon, authenticated;
comment on table private.request_log is 'When an address registered or missed a code; for per-address limits, kept one day.';

-- Codes are read aloud over the phone and typed on old phones: capitals and digits with no
-- look-alikes (no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V). 21^8 ≈ 3.8 × 10^10, and a code
-- is only any use with the phone number it was given for.
create function private.new_confirmation_code() returns text
language plpgsql volatile set search_path = '' as $$
declare
  v_alphabet constant text := 'ACDEFHJKMNPRTWXY34679';
  v_bytes bytea := substring(uuid_send(gen_random_uuid()) from 1 for 6)
                   || substring(uuid_send(gen_random_uuid()) from 11 for 6);
  v_number numeric := 0;
  v_code text := '';
begin
  for i in 0 .. 11 loop
    v_number := v_number * 256 + get_byte(v_bytes, i);
  end loop;
  for i in 1 .. 8 loop
    v_code := v_code || substr(v_alphabet, (mod(v_number, 21))::integer + 1, 1);
    v_number := div(v_number, 21);
  end loop;
  return v_code;
end
$$;

-- Codes as people type them: full-width, lower case, spaces and hyphens.
create function private.normalize_code(p_text text) returns text
language sql immutable set search_path = '' as $$
  select upper(regexp_replace(normalize(coalesce(p_text, ''), NFKC), '[^0-9A-Za-z]', '', 'g'))
$$;

-- Confirms waiting parties, in order, while they fit (the rule above). The caller holds the
-- session's lock. Returns the ids confirmed.
create function private.promote_waiting(p_session_id uuid) returns uuid[]
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_free integer;
  v_party record;
  v_promoted uuid[] := '{}';
begin
  select s.capacity - (private.session_seats(s.id) ->> 'confirmed')::integer into v_free
  from public.sessions s where s.id = p_session_id;
  for v_party in
    select coalesce(r.party_id, r.id) as party, array_agg(r.id) as ids, count(*)::integer as size, min(r.queue_seq) as seq
    from public.registrations r
    where r.session_id = p_session_id and r.status = 'waitlisted'
    group by coalesce(r.party_id, r.id)
    order by min(r.queue_seq)
  loop
    exit when v_free <= 0;
    continue when v_party.size > v_free;
    update public.registrations set status = 'confirmed' where id = any (v_party.ids);
    v_promoted := v_promoted || v_party.ids;
    v_free := v_free - v_party.size;
  end loop;
  return v_promoted;
end
$$;

-- The place of a waiting party: 1 for the first party in line.
create function private.waiting_position(p_session_id uuid, p_queue_seq bigint) returns integer
language sql stable security definer set search_path = '' as $$
  select count(distinct coalesce(r.party_id, r.id))::integer + 1
  from public.registrations r
  where r.session_id = p_session_id and r.status = 'waitlisted' and r.queue_seq < p_queue_seq
    and coalesce(r.party_id, r.id) not in (
      select coalesce(x.party_id, x.id) from public.registrations x
      where x.session_id = p_session_id and x.queue_seq = p_queue_seq)
$$;

-- Characters that change how text looks without being seen: zero-width, bidirectional
-- overrides, the byte-order mark. No name or note needs them; they hide what was typed.
create function private.has_hidden_characters(p_text text) returns boolean
language sql immutable set search_path = '' as $$
  select p_text ~ '[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]'
$$;

create function private.check_person(p_person jsonb) returns void
language plpgsql immutable set search_path = '' as $$
declare
  v_name text;
  v_kana text;
begin
  if jsonb_typeof(p_person) is distinct from 'object'
     or jsonb_typeof(p_person -> 'full_name') is distinct from 'string'
     or jsonb_typeof(p_person -> 'name_kana') is distinct from 'string'
     or jsonb_typeof(coalesce(p_person -> 'needs_loaner', 'false')) <> 'boolean' then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  if length(p_person ->> 'full_name') > 200 then raise exception using errcode = 'P0001', message = 'name_too_long'; end if;
  if length(p_person ->> 'name_kana') > 200 then raise exception using errcode = 'P0001', message = 'kana_too_long'; end if;
  v_name := btrim(normalize(p_person ->> 'full_name', NFKC));
  v_kana := btrim(normalize(p_person ->> 'name_kana', NFKC));
  if v_name = '' then raise exception using errcode = 'P0001', message = 'name_required'; end if;
  if length(v_name) > 60 then raise exception using errcode = 'P0001', message = 'name_too_long'; end if;
  if v_name ~ '[[:cntrl:]]' or private.has_hidden_characters(v_name) or v_name !~ '[^[:space:]]' then
    raise exception using errcode = 'P0001', message = 'invalid_name';
  end if;
  if v_kana = '' then raise exception using errcode = 'P0001', message = 'kana_required'; end if;
  if length(v_kana) > 60 then raise exception using errcode = 'P0001', message = 'kana_too_long'; end if;
  -- Kana, or for someone who cannot type it (the English pages), the Latin alphabet.
  if v_kana !~ '^[ぁ-ゖァ-ヺー・ A-Za-z''.-]+$' or v_kana !~ '[ぁ-ゖァ-ヺA-Za-z]' then
    raise exception using errcode = 'P0001', message = 'invalid_kana';
  end if;
  if coalesce(p_person ->> 'age_band', '') not in ('under_65', '65_74', '75_84', '85_plus') then
    raise exception using errcode = 'P0001', message = 'invalid_age_band';
  end if;
  if coalesce(p_person ->> 'device', '') not in ('iphone', 'android', 'other', 'none') then
    raise exception using errcode = 'P0001', message = 'invalid_device';
  end if;
end
$$;

-- Whether the caller is the server itself. Limits per address need the address the server
-- saw; a visitor holding the public key (Supabase) could name any address, so the web
-- channel and the code lookups are the server's to call (service_role), never anon's.
create function private.called_by_server() returns boolean
language sql stable set search_path = '' as $$
  select coalesce((select auth.role()), '') = 'service_role'
$$;

-- Registers one person, or two together, for a session. p_people: [{full_name, name_kana,
-- age_band, device, needs_loaner}] (1 or 2); one phone number for the party.
--   channel 'web': the server, for a visitor at p_requester (the address it saw);
--   channel 'phone' or 'counter': the session's managers, who may register after the web
--   closes and are not held to the per-address and per-phone daily limits.
-- Refusals that would tell whether someone is registered (already_registered,
-- phone_limit_at_session) count against the address like a registration, so that guessing
-- is as limited as registering; nothing else is written before them.
create function public.register_for_session(
  p_session_id uuid,
  p_people jsonb,
  p_phone text,
  p_note text default '',
  p_consent boolean default false,
  p_channel text default 'web',
  p_requester text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session public.sessions;
  v_phone text;
  v_note text;
  v_size integer;
  v_staff boolean := coalesce(p_channel, '') in ('phone', 'counter');
  v_person jsonb;
  v_kanas text[];
  v_participant uuid;
  v_participants uuid[] := '{}';
  v_status text;
  v_party uuid;
  v_code text;
  v_first public.registrations;
  v_row public.registrations;
  v_refusal text;
begin
  if coalesce(p_channel, '') not in ('web', 'phone', 'counter') then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  if not v_staff and not private.called_by_server() then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if jsonb_typeof(p_people) is distinct from 'array' or jsonb_array_length(p_people) not between 1 and 2 then
    raise exception using errcode = 'P0001', message = 'invalid_party_size';
  end if;
  v_size := jsonb_array_length(p_people);
  for v_person in select value from jsonb_array_elements(p_people) loop
    perform private.check_person(v_person);
  end loop;
  select array_agg(private.normalize_kana(normalize(value ->> 'name_kana', NFKC)) order by ordinality) into v_kanas
  from jsonb_array_elements(p_people) with ordinality;
  if v_size = 2 and v_kanas[1] = v_kanas[2] then
    raise exception using errcode = 'P0001', message = 'same_person_twice';
  end if;
  -- Digits with the separators people type: hyphens of any width, the long-vowel mark an
  -- IME gives for a hyphen, spaces and brackets. Anything else is not a phone number.
  if p_phone is null or length(p_phone) > 30 or normalize(p_phone, NFKC) !~ '^[0-9 ()ー‐−–—―-]+$' then
    raise exception using errcode = 'P0001', message = 'invalid_phone';
  end if;
  v_phone := private.normalize_phone(p_phone);
  if v_phone is null or v_phone !~ '^0[0-9]{9,10}$' then
    raise exception using errcode = 'P0001', message = 'invalid_phone';
  end if;
  if length(coalesce(p_note, '')) > 200 then raise exception using errcode = 'P0001', message = 'note_too_long'; end if;
  v_note := btrim(normalize(coalesce(p_note, ''), NFKC));
  if v_note ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' or private.has_hidden_characters(v_note) then
    raise exception using errcode = 'P0001', message = 'invalid_note';
  end if;
  if not coalesce(p_consent, false) then raise exception using errcode = 'P0001', message = 'consent_required'; end if;

  -- Every change to a session's seats takes this lock first, so counts below stay true.
  select * into v_session from public.sessions s where s.id = p_session_id for update;
  if v_session.id is null or v_session.status = 'draft' then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if v_staff and not private.can_manage(v_session.municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if v_session.status = 'cancelled' then raise exception using errcode = 'P0001', message = 'session_cancelled'; end if;
  if v_session.starts_at <= now() then raise exception using errcode = 'P0001', message = 'session_started'; end if;
  if not v_staff and v_session.registration_closes_at <= now() then
    raise exception using errcode = 'P0001', message = 'registration_closed';
  end if;
  -- Then the phone number's: one number's registrations, anywhere, one at a time (the daily
  -- limit holds in parallel, and a pair at two sessions at once cannot deadlock).
  perform pg_advisory_xact_lock(hashtext('registration_phone:' || v_phone));

  if not v_staff then
    if p_requester is null or length(p_requester) > 100 then
      raise exception using errcode = 'P0001', message = 'invalid_request';
    end if;
    -- One address may be a family's, a 公民館's or a mobile carrier's shared one: generous.
    perform pg_advisory_xact_lock(hashtext('registration_requests:' || p_requester));
    delete from private.request_log where at < now() - interval '1 day';
    if (select count(*) from private.request_log l
        where l.kind = 'registration' and l.requester = p_requester and l.at > now() - interval '1 day') >= 30 then
      raise exception using errcode = 'P0001', message = 'too_many_from_here';
    end if;
    -- A phone number registers at most 10 people a day on the web, across all sessions.
    if (select count(*) from public.registrations r join public.participants p on p.id = r.participant_id
        where p.match_phone = v_phone and r.channel = 'web' and r.created_at > now() - interval '1 day') + v_size > 10 then
      raise exception using errcode = 'P0001', message = 'too_many_for_phone';
    end if;
  end if;

  -- Already there (the same phone and reading), or a third person on one number.
  if exists (select 1 from public.registrations r join public.participants p on p.id = r.participant_id
             where r.session_id = p_session_id and r.status <> 'cancelled'
               and p.match_phone = v_phone and p.match_kana = any (v_kanas)) then
    v_refusal := 'already_registered';
  elsif (select count(*) from public.registrations r join public.participants p on p.id = r.participant_id
         where r.session_id = p_session_id and r.status <> 'cancelled' and p.match_phone = v_phone) + v_size > 2 then
    v_refusal := 'phone_limit_at_session';
  end if;
  if v_refusal is not null then
    if not v_staff then
      insert into private.request_log (kind, requester) values ('registration', p_requester);
    end if;
    return jsonb_build_object('refused', v_refusal);
  end if;

  -- A senior known by phone and reading keeps the name first given; staff correct names.
  foreach v_person in array array(select value from jsonb_array_elements(p_people)) loop
    insert into public.participants as p (municipality_code, full_name, name_kana, phone, age_band)
    values (v_session.municipality_code, btrim(normalize(v_person ->> 'full_name', NFKC)),
            btrim(normalize(v_person ->> 'name_kana', NFKC)), v_phone, v_person ->> 'age_band')
    on conflict (municipality_code, match_phone, match_kana)
      where match_phone is not null and match_kana is not null and merged_into is null
      do update set municipality_code = p.municipality_code
    returning p.id into v_participant;
    v_participants := v_participants || v_participant;
  end loop;

  v_status := case
    when v_session.capacity - (private.session_seats(p_session_id) ->> 'confirmed')::integer >= v_size then 'confirmed'
    else 'waitlisted' end;
  v_party := case when v_size = 2 then gen_random_uuid() end;

  for i in 1 .. v_size loop
    v_person := p_people -> (i - 1);
    loop
      v_code := case when i = 1 then private.new_confirmation_code() end;
      begin
        insert into public.registrations (session_id, municipality_code, participant_id, party_id, status, device,
          needs_loaner, channel, registered_by, confirmation_code, consented_at, staff_note)
        values (p_session_id, v_session.municipality_code, v_participants[i], v_party, v_status, v_person ->> 'device',
          coalesce((v_person ->> 'needs_loaner')::boolean, false), p_channel,
          case when v_staff then (select auth.uid()) end, v_code, now(), case when i = 1 then v_note else '' end)
        returning * into v_row;
        exit;
      exception when unique_violation then
        -- Another party drew the same code: draw again. Any other conflict is real.
        if v_code is null or not exists (select 1 from public.registrations r where r.confirmation_code = v_code) then
          raise;
        end if;
      end;
    end loop;
    if i = 1 then v_first := v_row; end if;
  end loop;

  if not v_staff then
    insert into private.request_log (kind, requester) values ('registration', p_requester);
  end if;

  return jsonb_build_object(
    'code', v_first.confirmation_code,
    'status', v_status,
    'people', v_size,
    'position', case when v_status = 'waitlisted' then private.waiting_position(p_session_id, v_first.queue_seq) end,
    'session_id', p_session_id);
end
$$;
comment on function public.register_for_session(uuid, jsonb, text, text, boolean, text, text) is
  'Takes seats for one or two people, or a place on the waiting list; the rule is in 20261124000100_registration.sql.';

-- The party a code and phone number name, or none. Both must match.
create function private.party_by_code(p_code text, p_phone text) returns setof public.registrations
language sql stable security definer set search_path = '' as $$
  with lead as (
    select r.* from public.registrations r
    join public.participants p on p.id = r.participant_id
    where length(coalesce(p_code, '')) <= 40 and length(coalesce(p_phone, '')) <= 40
      and r.confirmation_code = private.normalize_code(p_code)
      and p.match_phone = private.normalize_phone(p_phone)
  )
  select * from lead
  union all
  select r.* from public.registrations r, lead
  where lead.party_id is not null and r.party_id = lead.party_id and r.id <> lead.id
$$;

-- The first row of the party a code and phone number name, for the server only (see above),
-- or an empty row. Wrong codes from one address: at most 10 an hour, then every lookup waits
-- out the hour; the address's lock counts parallel guesses one after another. A miss is
-- recorded here, by returning rather than raising, so that the count is kept.
create function private.open_party(p_code text, p_phone text, p_requester text) returns public.registrations
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_lead public.registrations;
begin
  if not private.called_by_server() then raise exception using errcode = 'P0001', message = 'not_allowed'; end if;
  if p_requester is null or length(p_requester) > 100 then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  perform pg_advisory_xact_lock(hashtext('code_lookups:' || p_requester));
  delete from private.request_log where at < now() - interval '1 day';
  if (select count(*) from private.request_log l
      where l.kind = 'code_miss' and l.requester = p_requester and l.at > now() - interval '1 hour') >= 10 then
    raise exception using errcode = 'P0001', message = 'too_many_attempts';
  end if;
  select * into v_lead from private.party_by_code(p_code, p_phone) r where r.confirmation_code is not null;
  if v_lead.id is null then
    insert into private.request_log (kind, requester) values ('code_miss', p_requester);
  end if;
  return v_lead;
end
$$;

-- What a senior sees of their own registration, given its code and phone number: the
-- readings (which they typed) and status, not the names on file, which may be older than
-- what they typed.
create function public.find_registration(p_code text, p_phone text, p_requester text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_lead public.registrations := private.open_party(p_code, p_phone, p_requester);
begin
  if v_lead.id is null then return jsonb_build_object('found', false); end if;
  return jsonb_build_object(
    'found', true,
    'code', v_lead.confirmation_code,
    'session_id', v_lead.session_id,
    'status', v_lead.status,
    'position', case when v_lead.status = 'waitlisted' then private.waiting_position(v_lead.session_id, v_lead.queue_seq) end,
    'people', (
      select jsonb_agg(jsonb_build_object('name_kana', p.name_kana, 'status', r.status) order by r.queue_seq)
      from private.party_by_code(p_code, p_phone) r join public.participants p on p.id = r.participant_id));
end
$$;

-- Cancels the whole party a code and phone number name; the seats go to the waiting list in
-- the same transaction. Cancelling what is already cancelled changes nothing.
create function public.cancel_registration(p_code text, p_phone text, p_requester text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_lead public.registrations := private.open_party(p_code, p_phone, p_requester);
  v_session public.sessions;
  v_ids uuid[];
  v_promoted uuid[] := '{}';
begin
  if v_lead.id is null then return jsonb_build_object('found', false); end if;
  select * into v_session from public.sessions s where s.id = v_lead.session_id for update;
  if v_session.starts_at <= now() then raise exception using errcode = 'P0001', message = 'session_started'; end if;
  select array_agg(r.id) into v_ids from private.party_by_code(p_code, p_phone) r where r.status <> 'cancelled';
  if v_ids is null then
    return jsonb_build_object('found', true, 'cancelled', 0, 'promoted', 0);
  end if;
  update public.registrations set status = 'cancelled', cancelled_at = now() where id = any (v_ids);
  if v_session.status = 'published' then v_promoted := private.promote_waiting(v_session.id); end if;
  return jsonb_build_object('found', true, 'cancelled', cardinality(v_ids), 'promoted', cardinality(v_promoted));
end
$$;

-- Staff change a session's capacity or status directly (RLS). More seats, or a class
-- published again, seat the waiting list at once; fewer seats than are confirmed is refused,
-- since no one is un-confirmed behind their back. The update holds the session row, as the
-- registration functions' lock does, so this too happens in turn.
create function private.seats_follow_session() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.capacity < (private.session_seats(new.id) ->> 'confirmed')::integer then
    raise exception using errcode = 'P0001', message = 'capacity_below_confirmed';
  end if;
  if new.status = 'published' then
    perform private.promote_waiting(new.id);
  end if;
  return null;
end
$$;
create trigger sessions_seats_follow after update of capacity, status on public.sessions
  for each row when (new.capacity is distinct from old.capacity or new.status is distinct from old.status)
  execute function private.seats_follow_session();

-- The web channel and code lookups: the server (service_role, which holds every grant);
-- signed-in staff register by phone or at the counter.
grant execute on function public.register_for_session(uuid, jsonb, text, text, boolean, text, text) to authenticated;
