-- Who came (出席), per registration or as a walk-in (当日参加). The nonce makes a re-sent
-- check-in (say, from a phone that was offline) count once.

create table public.attendance (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null,
  municipality_code text not null,
  participant_id uuid not null,
  registration_id uuid unique references public.registrations (id) on delete set null,
  attended boolean not null,
  walk_in boolean not null default false,
  nonce uuid not null unique,
  recorded_by uuid references auth.users (id) on delete set null,
  recorded_at timestamptz not null default now(),
  check (not walk_in or registration_id is null),
  unique (session_id, participant_id),
  foreign key (session_id, municipality_code) references public.sessions (id, municipality_code) on delete cascade,
  foreign key (participant_id, municipality_code) references public.participants (id, municipality_code)
);
create index attendance_municipality_code_idx on public.attendance (municipality_code);
create index attendance_participant_id_idx on public.attendance (participant_id);
comment on table public.attendance is 'Attended or absent, per person and session: the source of 延べ and 実人数.';

alter table public.attendance enable row level security;

create policy "Managers see attendance of their municipalities" on public.attendance
  for select to authenticated using (municipality_code in (select private.managed_municipality_codes()));
create policy "Assigned supporters see attendance of their sessions" on public.attendance
  for select to authenticated using (session_id in (select private.my_assigned_session_ids()));
create policy "Managers record attendance in their municipalities" on public.attendance
  for insert to authenticated with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers correct attendance in their municipalities" on public.attendance
  for update to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));
