-- A password hashed before NFKC normalization (see src/lib/server/auth/password.ts) is
-- hashed again, normalized, when its owner next signs in with it. Unlike set_password,
-- this keeps the account's other sessions: nothing about the password changed.

create function local_auth.rehash_password(p_user_id uuid, p_password_hash text) returns jsonb
language sql set search_path = '' as $$
  update local_auth.credentials set password_hash = p_password_hash, updated_at = now()
  where user_id = p_user_id;
  select 'null'::jsonb;
$$;

revoke all on function local_auth.rehash_password(uuid, text) from public;
grant execute on function local_auth.rehash_password(uuid, text) to service_role;
