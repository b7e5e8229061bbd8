-- Built-in e-mail + password accounts for the SQL backends (PGlite, PostgreSQL).
-- On Supabase, Supabase Auth does this job and this schema stays unused.
-- Only service_role (the server itself) touches it; no API role can read a hash.

create schema local_auth;
revoke all on schema local_auth from public;
grant usage on schema local_auth to service_role;

create table local_auth.credentials (
  user_id uuid primary key references auth.users (id) on delete cascade,
  password_hash text not null,
  updated_at timestamptz not null default now()
);
comment on table local_auth.credentials is 'Argon2id password hashes (PHC strings), one per account.';

create table local_auth.sessions (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_id_idx on local_auth.sessions (user_id);
comment on table local_auth.sessions is 'Sign-in sessions; only the SHA-256 of the cookie token is stored.';

create table local_auth.sign_in_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  succeeded boolean not null,
  attempted_at timestamptz not null default now()
);
create index sign_in_attempts_email_idx on local_auth.sign_in_attempts (email, attempted_at);
create index sign_in_attempts_ip_idx on local_auth.sign_in_attempts (ip, attempted_at);
comment on table local_auth.sign_in_attempts is 'For the sign-in rate limit; rows older than a day are pruned.';

create table local_auth.sign_ups (
  id bigint generated always as identity primary key,
  ip text not null,
  signed_up_at timestamptz not null default now()
);
create index sign_ups_ip_idx on local_auth.sign_ups (ip, signed_up_at);
comment on table local_auth.sign_ups is 'For the sign-up limit per address; rows older than a day are pruned.';

alter table local_auth.credentials enable row level security;
alter table local_auth.sign_ups enable row level security;
alter table local_auth.sessions enable row level security;
alter table local_auth.sign_in_attempts enable row level security;
grant select, insert, update, delete on all tables in schema local_auth to service_role;

-- Failed attempts since the last success within the window, per account and per IP.
create function local_auth.sign_in_lock(p_email text, p_ip text) returns jsonb
language sql stable set search_path = '' as $$
  with recent as (
    select * from local_auth.sign_in_attempts a
    where a.attempted_at > now() - interval '15 minutes'
  ),
  by_email as (
    select count(*) as failures from recent r
    where r.email = lower(p_email) and not r.succeeded
      and r.attempted_at > coalesce(
        (select max(s.attempted_at) from recent s where s.email = lower(p_email) and s.succeeded),
        '-infinity')
  ),
  by_ip as (
    select count(*) as failures from recent r where r.ip = p_ip and not r.succeeded
  )
  select jsonb_build_object(
    'locked', (select failures from by_email) >= 5 or (select failures from by_ip) >= 30
  )
$$;

-- Generous on purpose: a supporters' training room signs up together from one address.
create function local_auth.sign_up_lock(p_ip text) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('locked', count(*) >= 50)
  from local_auth.sign_ups s
  where s.ip = p_ip and s.signed_up_at > now() - interval '1 hour'
$$;

create function local_auth.sign_up(p_email text, p_password_hash text, p_ip text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  if (local_auth.sign_up_lock(p_ip) ->> 'locked')::boolean then
    raise exception using errcode = 'P0001', message = 'too_many_sign_ups';
  end if;
  delete from local_auth.sign_ups where signed_up_at < now() - interval '1 day';
  insert into local_auth.sign_ups (ip) values (p_ip);
  insert into auth.users (email) values (lower(p_email))
  on conflict ((lower(email))) do nothing
  returning id into v_id;
  if v_id is null then
    raise exception using errcode = 'P0001', message = 'email_taken';
  end if;
  insert into local_auth.credentials (user_id, password_hash) values (v_id, p_password_hash);
  return jsonb_build_object('id', v_id, 'email', lower(p_email));
end
$$;

-- Creates the account or replaces its password (used by the admin command and the seed).
create function local_auth.set_password(p_email text, p_password_hash text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into auth.users (email) values (lower(p_email))
  on conflict ((lower(email))) do update set updated_at = now()
  returning id into v_id;
  insert into local_auth.credentials (user_id, password_hash) values (v_id, p_password_hash)
  on conflict (user_id) do update set password_hash = excluded.password_hash, updated_at = now();
  delete from local_auth.sessions where user_id = v_id;
  return jsonb_build_object('id', v_id, 'email', lower(p_email));
end
$$;

create function local_auth.credentials_for(p_email text) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(
    (select jsonb_build_object('id', u.id, 'email', u.email, 'password_hash', c.password_hash)
     from auth.users u join local_auth.credentials c on c.user_id = u.id
     where lower(u.email) = lower(p_email)),
    '{}'::jsonb)
$$;

create function local_auth.record_sign_in_attempt(p_email text, p_ip text, p_succeeded boolean)
returns jsonb language plpgsql set search_path = '' as $$
begin
  delete from local_auth.sign_in_attempts where attempted_at < now() - interval '1 day';
  insert into local_auth.sign_in_attempts (email, ip, succeeded) values (lower(p_email), p_ip, p_succeeded);
  return local_auth.sign_in_lock(p_email, p_ip);
end
$$;

create function local_auth.start_session(p_user_id uuid, p_token_hash text, p_expires_at timestamptz)
returns jsonb language plpgsql set search_path = '' as $$
begin
  delete from local_auth.sessions where user_id = p_user_id and expires_at < now();
  insert into local_auth.sessions (token_hash, user_id, expires_at) values (p_token_hash, p_user_id, p_expires_at);
  return jsonb_build_object('expires_at', p_expires_at);
end
$$;

create function local_auth.session_user(p_token_hash text) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(
    (select jsonb_build_object('id', u.id, 'email', u.email)
     from local_auth.sessions s join auth.users u on u.id = s.user_id
     where s.token_hash = p_token_hash and s.expires_at > now()),
    'null'::jsonb)
$$;

create function local_auth.end_session(p_token_hash text) returns jsonb
language sql set search_path = '' as $$
  delete from local_auth.sessions where token_hash = p_token_hash;
  select 'null'::jsonb;
$$;

revoke all on all functions in schema local_auth from public;
grant execute on all functions in schema local_auth to service_role;
