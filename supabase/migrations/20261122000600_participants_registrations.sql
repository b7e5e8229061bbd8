-- Seniors and their registrations. A participant is one person within one municipality,
-- so 実人数 (unique persons) is a count of participants; personal data lives only here
-- and is erased after the retention period while the row, and so the count, remains.

-- 全角/半角 and ひらがな/カタカナ folded, spaces dropped: the key that matches one person.
create function private.normalize_kana(p_text text) returns text
language sql immutable set search_path = '' as $$
  select nullif(translate(
    regexp_replace(normalize(p_text, NFKC), '[\s・]', '', 'g'),
    'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ',
    'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ'
  ), '')
$$;

create function private.normalize_phone(p_text text) returns text
language sql immutable set search_path = '' as $$
  select nullif(regexp_replace(normalize(p_text, NFKC), '[^0-9]', '', 'g'), '')
$$;

create table public.participants (
  id uuid primary key default gen_random_uuid(),
  municipality_code text not null references public.municipalities (code),
  full_name text check (length(full_name) between 1 and 60),
  name_kana text check (length(name_kana) between 1 and 120),
  phone text check (phone ~ '^[0-9０-９ ()+-]{6,20}$'),
  match_kana text generated always as (private.normalize_kana(name_kana)) stored,
  match_phone text generated always as (private.normalize_phone(phone)) stored,
  age_band text not null check (age_band in ('under_65', '65_74', '75_84', '85_plus')),
  merged_into uuid references public.participants (id),
  erased_at timestamptz,
  created_at timestamptz not null default now(),
  check (erased_at is null or (full_name is null and name_kana is null and phone is null)),
  check (merged_into is null or merged_into <> id),
  unique (id, municipality_code)
);
create unique index participants_match_key on public.participants (municipality_code, match_phone, match_kana)
  where match_phone is not null and match_kana is not null and merged_into is null;
create index participants_municipality_code_idx on public.participants (municipality_code);
comment on table public.participants is 'One senior within one municipality; the unit of 実人数. Personal data erased after retention.';

create table public.registrations (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null,
  municipality_code text not null,
  participant_id uuid not null,
  party_id uuid,
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
  -- Waiting-list order: a strictly increasing number, so ties cannot happen.
  queue_seq bigint generated always as identity,
  device text not null check (device in ('iphone', 'android', 'other', 'none')),
  needs_loaner boolean not null default false,
  channel text not null check (channel in ('web', 'phone', 'counter')),
  registered_by uuid references auth.users (id) on delete set null,
  confirmation_code text not null unique check (confirmation_code ~ '^[A-Z0-9]{6,12}$'),
  consented_at timestamptz not null,
  staff_note text not null default '' check (length(staff_note) <= 1000),
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  check ((status = 'cancelled') = (cancelled_at is not null)),
  foreign key (session_id, municipality_code) references public.sessions (id, municipality_code) on delete cascade,
  foreign key (participant_id, municipality_code) references public.participants (id, municipality_code)
);
create unique index registrations_one_active_per_person on public.registrations (session_id, participant_id)
  where status <> 'cancelled';
create index registrations_session_status_idx on public.registrations (session_id, status, queue_seq);
create index registrations_municipality_code_idx on public.registrations (municipality_code);
create index registrations_participant_id_idx on public.registrations (participant_id);
comment on table public.registrations is 'A place (confirmed) or a queue position (waitlisted) at a session; seniors need no account.';

alter table public.participants enable row level security;
alter table public.registrations enable row level security;

create policy "Managers see participants of their municipalities" on public.participants
  for select to authenticated using (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers add participants in their municipalities" on public.participants
  for insert to authenticated with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers change participants of their municipalities" on public.participants
  for update to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));

create policy "Managers see registrations of their municipalities" on public.registrations
  for select to authenticated using (municipality_code in (select private.managed_municipality_codes()));
create policy "Assigned supporters see registrations of their sessions" on public.registrations
  for select to authenticated using (session_id in (select private.my_assigned_session_ids()));
create policy "Managers add registrations in their municipalities" on public.registrations
  for insert to authenticated with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers change registrations of their municipalities" on public.registrations
  for update to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));

-- Seats are counted here and nowhere else. Security definer: a visitor may know how many
-- seats are taken without seeing who took them.
create function private.session_seats(p_session_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'confirmed', count(*) filter (where r.status = 'confirmed'),
    'waitlisted', count(*) filter (where r.status = 'waitlisted')
  )
  from public.registrations r where r.session_id = p_session_id
$$;
