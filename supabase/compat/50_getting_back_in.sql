-- Getting back into an account whose password is lost: a one-time password given by
-- staff (public.issue_one_time_password checks who may), and a single-use link sent by
-- e-mail. Only service_role (the server) and that checked function touch these.

alter table local_auth.credentials
  add column must_change boolean not null default false,
  add column expires_at timestamptz;
comment on column local_auth.credentials.must_change is 'A one-time password: the next sign-in must choose a new password.';
comment on column local_auth.credentials.expires_at is 'When a one-time password stops working; null for a password its owner chose.';

create table local_auth.password_resets (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_user_id_idx on local_auth.password_resets (user_id, created_at);
comment on table local_auth.password_resets is 'Links sent by e-mail to set a new password; only the SHA-256 of the token is stored. Pruned after a day.';
alter table local_auth.password_resets enable row level security;
grant select, insert, update, delete on local_auth.password_resets to service_role;

create table local_auth.reset_requests (
  id bigint generated always as identity primary key,
  ip text not null,
  requested_at timestamptz not null default now()
);
create index reset_requests_ip_idx on local_auth.reset_requests (ip, requested_at);
comment on table local_auth.reset_requests is 'Reset requests per address, for the limit; pruned after a day.';
alter table local_auth.reset_requests enable row level security;
grant select, insert, delete on local_auth.reset_requests to service_role;

-- Links not yet used stop working once the password changes, however it changed.
create function local_auth.close_password_resets(p_user_id uuid) returns void
language sql set search_path = '' as $$
  update local_auth.password_resets set used_at = now() where user_id = p_user_id and used_at is null;
$$;

-- Valid for 24 hours and good for one sign-in only in the sense that the account must then
-- choose its own; the account's sessions end, since someone may have got into it.
create function local_auth.set_one_time_password(p_user_id uuid, p_password_hash text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_expires timestamptz := now() + interval '24 hours';
begin
  insert into local_auth.credentials (user_id, password_hash, must_change, expires_at)
  values (p_user_id, p_password_hash, true, v_expires)
  on conflict (user_id) do update
    set password_hash = excluded.password_hash, must_change = true, expires_at = v_expires, updated_at = now();
  delete from local_auth.sessions where user_id = p_user_id;
  perform local_auth.close_password_resets(p_user_id);
  return jsonb_build_object('expires_at', v_expires);
end
$$;

-- A password the owner chose: no longer one-time.
create or replace function local_auth.set_password(p_email text, p_password_hash text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into auth.users (email) values (lower(p_email))
  on conflict ((lower(email))) do update set updated_at = now()
  returning id into v_id;
  insert into local_auth.credentials (user_id, password_hash) values (v_id, p_password_hash)
  on conflict (user_id) do update
    set password_hash = excluded.password_hash, must_change = false, expires_at = null, updated_at = now();
  delete from local_auth.sessions where user_id = v_id;
  perform local_auth.close_password_resets(v_id);
  return jsonb_build_object('id', v_id, 'email', lower(p_email));
end
$$;

create or replace function local_auth.credentials_for(p_email text) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(
    (select jsonb_build_object(
       'id', u.id, 'email', u.email, 'password_hash', c.password_hash,
       'must_change', c.must_change, 'expired', coalesce(c.expires_at <= now(), false))
     from auth.users u join local_auth.credentials c on c.user_id = u.id
     where lower(u.email) = lower(p_email)),
    '{}'::jsonb)
$$;

create or replace function local_auth.session_user(p_token_hash text) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(
    (select jsonb_build_object('id', u.id, 'email', u.email, 'must_change_password', c.must_change)
     from local_auth.sessions s
     join auth.users u on u.id = s.user_id
     join local_auth.credentials c on c.user_id = u.id
     where s.token_hash = p_token_hash and s.expires_at > now()),
    'null'::jsonb)
$$;

-- A link for the account with this address, or {} when there is none, or when three were
-- sent in the last hour (a mailbox is not to be flooded). The caller answers alike in
-- every case, so nobody learns which addresses have accounts. One requester address may
-- ask ten times an hour, whatever the accounts: else a stranger could use up everyone's
-- three links, and their owners would wait for mail that never comes.
create function local_auth.request_password_reset(p_email text, p_token_hash text, p_ip text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_user uuid;
  v_email text;
begin
  -- Requests from one address take turns, so that parallel ones count each other.
  perform pg_advisory_xact_lock(hashtext('tsunagu.reset_requests'), hashtext(p_ip));
  if (select count(*) from local_auth.reset_requests r
      where r.ip = p_ip and r.requested_at > now() - interval '1 hour') >= 10 then
    raise exception using errcode = 'P0001', message = 'too_many_resets';
  end if;
  delete from local_auth.reset_requests where requested_at < now() - interval '1 day';
  insert into local_auth.reset_requests (ip) values (p_ip);
  delete from local_auth.password_resets where created_at < now() - interval '1 day';
  select u.id, u.email into v_user, v_email
  from auth.users u join local_auth.credentials c on c.user_id = u.id
  where lower(u.email) = lower(p_email)
  for update of c;
  if v_user is null then
    return '{}'::jsonb;
  end if;
  if (select count(*) from local_auth.password_resets r
      where r.user_id = v_user and r.created_at > now() - interval '1 hour') >= 3 then
    return '{}'::jsonb;
  end if;
  insert into local_auth.password_resets (token_hash, user_id, expires_at)
  values (p_token_hash, v_user, now() + interval '1 hour');
  return jsonb_build_object('email', v_email);
end
$$;

-- What a link is: usable (with the account's address), used, expired, or unknown.
create function local_auth.password_reset_state(p_token_hash text) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(
    (select jsonb_strip_nulls(jsonb_build_object(
       'state', case when r.used_at is not null then 'used' when r.expires_at <= now() then 'expired' else 'usable' end,
       'email', case when r.used_at is null and r.expires_at > now() then u.email end))
     from local_auth.password_resets r join auth.users u on u.id = r.user_id
     where r.token_hash = p_token_hash),
    '{"state": "unknown"}'::jsonb)
$$;

-- Uses the link once: of two attempts at the same moment, the second waits on the row and
-- then finds it used.
create function local_auth.reset_password(p_token_hash text, p_password_hash text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_user uuid;
  v_email text;
  v_state text;
begin
  update local_auth.password_resets set used_at = now()
  where token_hash = p_token_hash and used_at is null and expires_at > now()
  returning user_id into v_user;
  if v_user is null then
    v_state := local_auth.password_reset_state(p_token_hash) ->> 'state';
    raise exception using errcode = 'P0001',
      message = case v_state when 'used' then 'reset_link_used' when 'expired' then 'reset_link_expired' else 'reset_link_unknown' end;
  end if;
  select u.email into v_email from auth.users u where u.id = v_user;
  return local_auth.set_password(v_email, p_password_hash);
end
$$;

revoke all on all functions in schema local_auth from public;
grant execute on all functions in schema local_auth to service_role;
-- Only for public.issue_one_time_password, which decides who may.
revoke execute on function local_auth.set_one_time_password(uuid, text) from service_role;
