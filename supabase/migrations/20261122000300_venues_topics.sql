-- Where classes are held and what they teach.

create table public.venues (
  id uuid primary key default gen_random_uuid(),
  municipality_code text not null references public.municipalities (code),
  name text not null check (length(name) between 1 and 100),
  kana text check (length(kana) <= 200),
  postal_code text check (postal_code ~ '^[0-9]{3}-[0-9]{4}$'),
  address text not null check (length(address) between 1 and 200),
  lat numeric(8, 5) check (lat between -90 and 90),
  lng numeric(8, 5) check (lng between -180 and 180),
  access text not null default '' check (length(access) <= 500),
  parking text not null default '' check (length(parking) <= 300),
  barrier_free text not null default '' check (length(barrier_free) <= 300),
  has_wifi boolean not null default false,
  loaner_phones integer not null default 0 check (loaner_phones between 0 and 200),
  created_at timestamptz not null default now(),
  unique (id, municipality_code)
);
create index venues_municipality_code_idx on public.venues (municipality_code);
comment on table public.venues is 'Venues (会場): 公民館, 集会所, 役場 … with what a senior needs to know to get there.';

create table public.topics (
  id text primary key check (id ~ '^[a-z_]{2,30}$'),
  name_ja text not null,
  name_en text not null,
  sort_order integer not null
);
comment on table public.topics is 'Topics (テーマ) a class can teach; vocabulary, not user data.';

insert into public.topics (id, name_ja, name_en, sort_order) values
  ('basics', 'スマホの基本操作', 'Smartphone basics', 10),
  ('text_input', '文字入力', 'Typing text', 20),
  ('line', 'LINE', 'LINE', 30),
  ('qr_code', 'QRコードの読み取り', 'Reading QR codes', 40),
  ('apps', 'アプリの入れ方', 'Installing apps', 50),
  ('maps', '地図・ナビ', 'Maps and navigation', 60),
  ('photos', '写真', 'Photos', 70),
  ('my_number', 'マイナンバーカード・マイナポータル', 'My Number Card and Myna Portal', 80),
  ('disaster', '防災アプリ', 'Disaster-alert apps', 90),
  ('cashless', 'キャッシュレス決済', 'Cashless payment', 100),
  ('telemedicine', 'オンライン診療', 'Online medical care', 110),
  ('fraud', '詐欺対策', 'Avoiding scams', 120);

alter table public.venues enable row level security;
alter table public.topics enable row level security;

create policy "Venues are public" on public.venues
  for select to anon, authenticated using (true);
create policy "Managers add venues in their municipalities" on public.venues
  for insert to authenticated with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers change venues in their municipalities" on public.venues
  for update to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));
create policy "Managers remove venues in their municipalities" on public.venues
  for delete to authenticated using (municipality_code in (select private.managed_municipality_codes()));

create policy "Topics are public" on public.topics
  for select to anon, authenticated using (true);
