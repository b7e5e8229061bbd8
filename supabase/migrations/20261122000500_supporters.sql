-- Digital supporters (デジタルサポーター): volunteers with an account, their training, and
-- the sessions they help at.

create table public.supporters (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references auth.users (id) on delete cascade,
  municipality_code text not null references public.municipalities (code),
  display_name text not null check (length(display_name) between 1 and 60),
  kana text not null default '' check (length(kana) <= 120),
  phone text not null default '' check (phone ~ '^[0-9-]{0,20}$'),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index supporters_municipality_code_idx on public.supporters (municipality_code);
comment on table public.supporters is 'A supporter''s profile; municipality_code is where they mainly help.';

create table public.supporter_trainings (
  id uuid primary key default gen_random_uuid(),
  supporter_id uuid not null references public.supporters (id) on delete cascade,
  course text not null check (course in ('basic', 'step_up')),
  completed_on date not null,
  certified_at timestamptz,
  certified_by uuid references auth.users (id) on delete set null,
  unique (supporter_id, course),
  check ((certified_at is null) = (certified_by is null))
);
create index supporter_trainings_supporter_id_idx on public.supporter_trainings (supporter_id);
comment on table public.supporter_trainings is 'Courses taken (基礎研修, ステップアップ研修); certified by a prefecture admin.';

create table public.session_staffing (
  session_id uuid not null,
  municipality_code text not null,
  supporter_id uuid not null references public.supporters (id) on delete cascade,
  status text not null default 'offered' check (status in ('offered', 'assigned', 'declined', 'withdrawn')),
  minutes_helped integer check (minutes_helped between 0 and 1440),
  updated_at timestamptz not null default now(),
  primary key (session_id, supporter_id),
  foreign key (session_id, municipality_code) references public.sessions (id, municipality_code) on delete cascade
);
create index session_staffing_supporter_id_idx on public.session_staffing (supporter_id);
create index session_staffing_municipality_code_idx on public.session_staffing (municipality_code);
comment on table public.session_staffing is 'A supporter''s offer to help at a session, and whether staff assigned them.';

alter table public.supporters enable row level security;
alter table public.supporter_trainings enable row level security;
alter table public.session_staffing enable row level security;

create function private.my_supporter_id() returns uuid
language sql stable security definer set search_path = '' as $$
  select s.id from public.supporters s where s.user_id = (select auth.uid())
$$;

create function private.my_assigned_session_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select st.session_id from public.session_staffing st
  join public.supporters s on s.id = st.supporter_id
  where s.user_id = (select auth.uid()) and st.status = 'assigned'
$$;

-- Supporters a manager may see: those based in, or offering help to, their municipalities.
create function private.managed_supporter_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select s.id from public.supporters s
  where s.municipality_code in (select private.managed_municipality_codes())
  union
  select st.supporter_id from public.session_staffing st
  where st.municipality_code in (select private.managed_municipality_codes())
$$;

create policy "Supporters see their own profile" on public.supporters
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Managers see supporters within their reach" on public.supporters
  for select to authenticated using (id in (select private.managed_supporter_ids()));
create policy "Accounts create their own supporter profile" on public.supporters
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Supporters change their own profile" on public.supporters
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy "Supporters see their own training" on public.supporter_trainings
  for select to authenticated using (supporter_id = (select private.my_supporter_id()));
create policy "Managers see training of supporters within their reach" on public.supporter_trainings
  for select to authenticated using (supporter_id in (select private.managed_supporter_ids()));
create policy "Supporters report a course, uncertified" on public.supporter_trainings
  for insert to authenticated
  with check (supporter_id = (select private.my_supporter_id()) and certified_at is null);
create policy "Supporters correct an uncertified course" on public.supporter_trainings
  for update to authenticated
  using (supporter_id = (select private.my_supporter_id()) and certified_at is null)
  with check (supporter_id = (select private.my_supporter_id()) and certified_at is null);
create policy "Prefecture admins certify training" on public.supporter_trainings
  for update to authenticated
  using ((select private.is_prefecture_admin())) with check ((select private.is_prefecture_admin()));

create policy "Supporters see their own offers" on public.session_staffing
  for select to authenticated using (supporter_id = (select private.my_supporter_id()));
create policy "Managers see staffing of their sessions" on public.session_staffing
  for select to authenticated using (municipality_code in (select private.managed_municipality_codes()));
create policy "Supporters offer help" on public.session_staffing
  for insert to authenticated
  with check (supporter_id = (select private.my_supporter_id()) and status = 'offered');
create policy "Supporters withdraw their offer" on public.session_staffing
  for update to authenticated
  using (supporter_id = (select private.my_supporter_id()))
  with check (supporter_id = (select private.my_supporter_id()) and status in ('offered', 'withdrawn'));
create policy "Managers assign supporters to their sessions" on public.session_staffing
  for all to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));
