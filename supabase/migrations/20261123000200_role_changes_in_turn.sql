-- Two prefecture admins revoking each other at the same moment both passed the
-- last-admin check (each locked only the grant it removed) and left none; and an admin
-- being revoked could still grant, unseen, while the revoke was under way. Whether a
-- grant or a revoke is allowed depends on the prefecture's admin grants, so both lock them
-- first, always in the same order: changes to a prefecture's roles take turns, and the one
-- that waited decides on what the other committed (its caller may no longer hold a role).

create function private.lock_role_changes(p_prefecture_code text) returns void
language plpgsql set search_path = '' as $$
begin
  perform 1 from public.role_grants g
  where g.role = 'prefecture_admin' and g.prefecture_code = p_prefecture_code
  order by g.id
  for update;
end
$$;

create or replace function public.grant_role(p_email text, p_role text, p_municipality_code text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := auth.uid();
  v_subject uuid;
  v_prefecture text;
  v_grant public.role_grants;
begin
  if v_actor is null then
    raise exception using errcode = 'P0001', message = 'not_signed_in';
  end if;
  if p_role not in ('prefecture_admin', 'municipality_staff') then
    raise exception using errcode = 'P0001', message = 'invalid_role';
  end if;
  if p_role = 'municipality_staff' then
    select m.prefecture_code into v_prefecture from public.municipalities m where m.code = p_municipality_code;
    if v_prefecture is null then
      raise exception using errcode = 'P0001', message = 'unknown_municipality';
    end if;
  else
    -- A prefecture admin grants admin of their own prefecture.
    select g.prefecture_code into v_prefecture from public.role_grants g
    where g.user_id = v_actor and g.role = 'prefecture_admin' order by g.prefecture_code limit 1;
    p_municipality_code := null;
  end if;
  if v_prefecture is null then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  perform private.lock_role_changes(v_prefecture);
  -- From here each statement sees what a role change we waited for has committed.
  if not private.may_grant(p_role, v_prefecture, p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  select u.id into v_subject from auth.users u where lower(u.email) = lower(trim(p_email));
  if v_subject is null then
    raise exception using errcode = 'P0001', message = 'account_not_found';
  end if;
  insert into public.role_grants (user_id, role, prefecture_code, municipality_code, granted_by)
  values (v_subject, p_role, v_prefecture, p_municipality_code, v_actor)
  on conflict do nothing
  returning * into v_grant;
  if v_grant.id is null then
    raise exception using errcode = 'P0001', message = 'already_granted';
  end if;
  insert into public.role_grant_audit (actor_id, subject_id, action, role, prefecture_code, municipality_code)
  values (v_actor, v_subject, 'grant', p_role, v_prefecture, p_municipality_code);
  return jsonb_build_object('id', v_grant.id);
end
$$;

create or replace function public.revoke_role(p_grant_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := auth.uid();
  v_grant public.role_grants;
begin
  if v_actor is null then
    raise exception using errcode = 'P0001', message = 'not_signed_in';
  end if;
  -- A grant already gone (someone else removed it first) is said so, not 'not allowed'.
  select * into v_grant from public.role_grants g where g.id = p_grant_id;
  if v_grant.id is null then
    raise exception using errcode = 'P0001', message = 'grant_not_found';
  end if;
  perform private.lock_role_changes(v_grant.prefecture_code);
  -- From here each statement sees what a role change we waited for has committed.
  select * into v_grant from public.role_grants g where g.id = p_grant_id for update;
  if v_grant.id is null then
    raise exception using errcode = 'P0001', message = 'grant_not_found';
  end if;
  if not private.may_grant(v_grant.role, v_grant.prefecture_code, v_grant.municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if v_grant.role = 'prefecture_admin' and (
    select count(*) from public.role_grants g
    where g.role = 'prefecture_admin' and g.prefecture_code = v_grant.prefecture_code) = 1 then
    raise exception using errcode = 'P0001', message = 'last_prefecture_admin';
  end if;
  delete from public.role_grants where id = v_grant.id;
  insert into public.role_grant_audit (actor_id, subject_id, action, role, prefecture_code, municipality_code)
  values (v_actor, v_grant.user_id, 'revoke', v_grant.role, v_grant.prefecture_code, v_grant.municipality_code);
  return jsonb_build_object('id', v_grant.id);
end
$$;
