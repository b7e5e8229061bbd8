-- Who may act for whom: prefecture admins and the staff of a municipality.
-- Grants change only through grant_role / revoke_role, which also write the audit.

create table public.role_grants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('prefecture_admin', 'municipality_staff')),
  prefecture_code text not null references public.prefectures (code),
  municipality_code text references public.municipalities (code),
  granted_by uuid references auth.users (id) on delete set null,
  granted_at timestamptz not null default now(),
  check ((role = 'municipality_staff') = (municipality_code is not null)),
  check (municipality_code is null or left(municipality_code, 2) = prefecture_code),
  unique nulls not distinct (user_id, role, prefecture_code, municipality_code)
);
create index role_grants_user_id_idx on public.role_grants (user_id);
create index role_grants_municipality_code_idx on public.role_grants (municipality_code);
comment on table public.role_grants is 'Roles held by accounts; the only source of authority besides service_role.';

create table public.role_grant_audit (
  id bigint generated always as identity primary key,
  actor_id uuid references auth.users (id) on delete set null,
  subject_id uuid references auth.users (id) on delete set null,
  action text not null check (action in ('grant', 'revoke')),
  role text not null,
  prefecture_code text not null,
  municipality_code text,
  at timestamptz not null default now()
);
create index role_grant_audit_municipality_code_idx on public.role_grant_audit (municipality_code);
comment on table public.role_grant_audit is 'Every grant and revoke: who, whom, what, when. Append-only.';

alter table public.role_grants enable row level security;
alter table public.role_grant_audit enable row level security;

-- One helper per question, security definer so policies can ask without recursion.
create function private.is_prefecture_admin() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.role_grants g
    where g.user_id = (select auth.uid()) and g.role = 'prefecture_admin'
  )
$$;

create function private.is_prefecture_admin_of(p_prefecture_code text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.role_grants g
    where g.user_id = (select auth.uid()) and g.role = 'prefecture_admin'
      and g.prefecture_code = p_prefecture_code
  )
$$;

-- Municipalities the caller manages: their own as staff, every one of their prefecture as admin.
-- Policies use `municipality_code in (select private.managed_municipality_codes())`,
-- which PostgreSQL evaluates once per statement.
create function private.managed_municipality_codes() returns setof text
language sql stable security definer set search_path = '' as $$
  select g.municipality_code from public.role_grants g
  where g.user_id = (select auth.uid()) and g.role = 'municipality_staff'
  union
  select m.code from public.municipalities m
  join public.role_grants g on g.prefecture_code = m.prefecture_code
  where g.user_id = (select auth.uid()) and g.role = 'prefecture_admin'
$$;

create function private.can_manage(p_municipality_code text) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_municipality_code in (select private.managed_municipality_codes())
$$;

create policy "Accounts see their own roles" on public.role_grants
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Managers see the roles within their reach" on public.role_grants
  for select to authenticated using (
    municipality_code in (select private.managed_municipality_codes())
    or (select private.is_prefecture_admin_of(prefecture_code))
  );

create policy "Managers see the audit within their reach" on public.role_grant_audit
  for select to authenticated using (
    municipality_code in (select private.managed_municipality_codes())
    or (select private.is_prefecture_admin_of(prefecture_code))
  );
