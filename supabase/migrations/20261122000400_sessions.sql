-- Classes: a series (全3回) groups dated sessions (開催回); a session is what people register for.

create table public.series (
  id uuid primary key default gen_random_uuid(),
  municipality_code text not null references public.municipalities (code),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (id, municipality_code)
);
create index series_municipality_code_idx on public.series (municipality_code);
comment on table public.series is 'A series of sessions (全n回), e.g. a weekly class over a month.';

create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  municipality_code text not null references public.municipalities (code),
  venue_id uuid not null,
  series_id uuid,
  series_part smallint check (series_part between 1 and 100),
  topic_id text not null references public.topics (id),
  format text not null default 'class' check (format in ('class', 'consultation', 'outreach')),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity integer not null check (capacity between 1 and 500),
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  registration_closes_at timestamptz,
  fee_yen integer not null default 0 check (fee_yen between 0 and 100000),
  contact_phone text not null default '' check (contact_phone ~ '^[0-9-]{0,20}$'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at and ends_at <= starts_at + interval '1 day'),
  check (registration_closes_at is null or registration_closes_at <= ends_at),
  check ((series_id is null) = (series_part is null)),
  unique (id, municipality_code),
  -- A venue and a series belong to the municipality that runs the session.
  foreign key (venue_id, municipality_code) references public.venues (id, municipality_code),
  foreign key (series_id, municipality_code) references public.series (id, municipality_code)
);
create index sessions_municipality_code_idx on public.sessions (municipality_code);
create index sessions_starts_at_idx on public.sessions (starts_at) where status = 'published';
create index sessions_venue_id_idx on public.sessions (venue_id);
create index sessions_series_id_idx on public.sessions (series_id);
comment on table public.sessions is 'One dated class (開催回). Drafts are visible to their managers only.';

alter table public.series enable row level security;
alter table public.sessions enable row level security;

create policy "Published sessions are public" on public.sessions
  for select to anon, authenticated using (status <> 'draft');
create policy "Managers see every session of their municipalities" on public.sessions
  for select to authenticated using (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers add sessions in their municipalities" on public.sessions
  for insert to authenticated with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers change sessions in their municipalities" on public.sessions
  for update to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers remove sessions in their municipalities" on public.sessions
  for delete to authenticated using (municipality_code in (select private.managed_municipality_codes()));

create policy "Series with a visible session are public" on public.series
  for select to anon, authenticated using (
    exists (select 1 from public.sessions s where s.series_id = series.id and s.status <> 'draft')
  );
create policy "Managers see the series of their municipalities" on public.series
  for select to authenticated using (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers add series in their municipalities" on public.series
  for insert to authenticated with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers change series in their municipalities" on public.series
  for update to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers remove series in their municipalities" on public.series
  for delete to authenticated using (municipality_code in (select private.managed_municipality_codes()));
