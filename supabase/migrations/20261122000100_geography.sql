-- Prefectures and municipalities: reference data every other table hangs from.
-- `private` holds helpers that policies call; PostgREST never exposes it.

create schema if not exists private;
grant usage on schema private to anon, authenticated, service_role;

create table public.prefectures (
  code text primary key check (code ~ '^[0-9]{2}$'),
  local_government_code text not null unique check (local_government_code ~ '^[0-9]{6}$'),
  name text not null check (length(name) between 2 and 10)
);
comment on table public.prefectures is 'Prefectures (都道府県), keyed by the 2-digit JIS code.';

create table public.municipalities (
  code text primary key check (code ~ '^[0-9]{6}$'),
  prefecture_code text not null references public.prefectures (code),
  name text not null check (length(name) between 1 and 40),
  kana text not null check (length(kana) between 1 and 80),
  kind text not null check (kind in ('市', '町', '村', '区')),
  office_lat numeric(8, 5) check (office_lat between -90 and 90),
  office_lng numeric(8, 5) check (office_lng between -180 and 180),
  check (left(code, 2) = prefecture_code)
);
create index municipalities_prefecture_code_idx on public.municipalities (prefecture_code);
comment on table public.municipalities is 'Municipalities (市町村), keyed by the 6-digit 全国地方公共団体コード.';

alter table public.prefectures enable row level security;
alter table public.municipalities enable row level security;

create policy "Prefectures are public" on public.prefectures
  for select to anon, authenticated using (true);
create policy "Municipalities are public" on public.municipalities
  for select to anon, authenticated using (true);

-- Fiscal years (年度) run April to March; FY2025 starts on 2025-04-01.
create function private.fiscal_year(p_at timestamptz) returns integer
language sql immutable set search_path = '' as $$
  select extract(year from (p_at at time zone 'Asia/Tokyo') - interval '3 months')::integer
$$;
