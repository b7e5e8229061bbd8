-- Staff or a prefecture admin give an account a one-time password when its owner cannot get
-- in (compat/50 stores it). Only someone who could remove every role the account holds,
-- and who manages the town of its supporter profile, may: that is no more power over the
-- account than they have already. So a town's staff cannot take over a prefecture admin
-- who is also staff of that town.

alter table public.role_grant_audit drop constraint role_grant_audit_action_check;
alter table public.role_grant_audit add constraint role_grant_audit_action_check
  check (action in ('grant', 'revoke', 'one_time_password'));
comment on table public.role_grant_audit is 'Every grant, revoke and one-time password: who, whom, what, when. Append-only.';

create function private.covers_account(p_user_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select not exists (
      select 1 from public.role_grants g
      where g.user_id = p_user_id and not private.may_grant(g.role, g.prefecture_code, g.municipality_code))
    and not exists (
      select 1 from public.supporters s
      where s.user_id = p_user_id and not private.can_manage(s.municipality_code))
$$;

-- Named by one of the account's grants, as the roles page lists them. The server hashes
-- the password it made and shows it once; only the hash reaches the database.
create function public.issue_one_time_password(p_grant_id uuid, p_password_hash text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := auth.uid();
  v_grant public.role_grants;
  v_set jsonb;
begin
  if v_actor is null then
    raise exception using errcode = 'P0001', message = 'not_signed_in';
  end if;
  if p_password_hash is null or p_password_hash not like '$argon2id$%' then
    raise exception using errcode = '22023', message = 'password_hash_invalid';
  end if;
  select * into v_grant from public.role_grants g where g.id = p_grant_id;
  if v_grant.id is null then
    raise exception using errcode = 'P0001', message = 'grant_not_found';
  end if;
  -- In turn with grants and revokes, so the caller's authority is the committed one.
  perform private.lock_role_changes(v_grant.prefecture_code);
  select * into v_grant from public.role_grants g where g.id = p_grant_id for share;
  if v_grant.id is null then
    raise exception using errcode = 'P0001', message = 'grant_not_found';
  end if;
  if not private.may_grant(v_grant.role, v_grant.prefecture_code, v_grant.municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if v_grant.user_id = v_actor then
    raise exception using errcode = 'P0001', message = 'own_account';
  end if;
  if not private.covers_account(v_grant.user_id) then
    raise exception using errcode = 'P0001', message = 'account_beyond_scope';
  end if;
  v_set := local_auth.set_one_time_password(v_grant.user_id, p_password_hash);
  insert into public.role_grant_audit (actor_id, subject_id, action, role, prefecture_code, municipality_code)
  values (v_actor, v_grant.user_id, 'one_time_password', v_grant.role, v_grant.prefecture_code, v_grant.municipality_code);
  return jsonb_build_object(
    'email', (select u.email from auth.users u where u.id = v_grant.user_id),
    'expires_at', v_set -> 'expires_at');
end
$$;

grant execute on function public.issue_one_time_password(uuid, text) to authenticated;
