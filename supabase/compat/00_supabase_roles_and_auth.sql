-- What Supabase provides and plain PostgreSQL / PGlite lack: the API roles and the
-- auth schema, with Supabase's semantics. The migration runner applies this file only
-- where no `auth` schema exists yet (a database Supabase manages already has one).

do $$
begin
  -- Roles are cluster-wide: another database on the same server may have made them.
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  -- The connecting role switches into these per call, as PostgREST's authenticator does.
  execute format('grant anon, authenticated, service_role to %I', current_user);
end
$$;

create schema auth;
grant usage on schema auth to anon, authenticated, service_role;

-- Only the columns tsunagu reads; Supabase's own table has many more.
create table auth.users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on auth.users (lower(email));
alter table auth.users enable row level security;
grant select, insert, update, delete on auth.users to service_role;
comment on table auth.users is 'Accounts; on Supabase this table belongs to Supabase Auth.';

-- Supabase reads the caller from request.jwt.claims (older projects: request.jwt.claim.sub).
-- A setting once set reads back as '' after its transaction, so '' means absent.
create function auth.jwt() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create function auth.uid() returns uuid
language sql stable set search_path = '' as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
  )::uuid
$$;

create function auth.role() returns text
language sql stable set search_path = '' as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
  )::text
$$;

create function auth.email() returns text
language sql stable set search_path = '' as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'
  )::text
$$;

-- Supabase's default privileges: the API roles may use everything in public, and RLS
-- decides. Mirroring them means our tests face the same grants Supabase gives.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
