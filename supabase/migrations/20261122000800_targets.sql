-- Yearly targets (目標), per municipality or prefecture-wide. Targets are public: they are
-- what the prefecture reports and publishes.

create table public.targets (
  id uuid primary key default gen_random_uuid(),
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  prefecture_code text not null references public.prefectures (code),
  municipality_code text references public.municipalities (code),
  metric text not null check (metric in (
    'senior_participants',     -- 実人数 of seniors (65+)
    'attendances',             -- 延べ人数
    'sessions_held',           -- 開催回数
    'municipalities_holding'   -- municipalities that held at least one class
  )),
  value integer not null check (value between 0 and 10000000),
  set_by uuid references auth.users (id) on delete set null,
  set_at timestamptz not null default now(),
  check (municipality_code is null or left(municipality_code, 2) = prefecture_code),
  unique nulls not distinct (fiscal_year, prefecture_code, municipality_code, metric)
);
create index targets_municipality_code_idx on public.targets (municipality_code);
comment on table public.targets is 'A number to reach in a fiscal year; municipality_code null means prefecture-wide.';

alter table public.targets enable row level security;

create policy "Targets are public" on public.targets
  for select to anon, authenticated using (true);
create policy "Managers set their targets" on public.targets
  for insert to authenticated with check (
    case when municipality_code is null then (select private.is_prefecture_admin_of(prefecture_code))
         else municipality_code in (select private.managed_municipality_codes()) end
  );
create policy "Managers change their targets" on public.targets
  for update to authenticated
  using (
    case when municipality_code is null then (select private.is_prefecture_admin_of(prefecture_code))
         else municipality_code in (select private.managed_municipality_codes()) end
  )
  with check (
    case when municipality_code is null then (select private.is_prefecture_admin_of(prefecture_code))
         else municipality_code in (select private.managed_municipality_codes()) end
  );
