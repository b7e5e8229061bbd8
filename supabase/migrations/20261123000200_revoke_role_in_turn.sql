-- Two prefecture admins revoking each other at the same moment both passed the
-- last-admin check (each locked only the grant it removed) and left none. Whether a
-- revoke is allowed depends on the prefecture's admin grants, so they are locked first,
-- always in the same order: concurrent revokes take turns, and the one that waited
-- decides on what the other committed (it may no longer be an admin at all).

create or replace function public.revoke_role(p_grant_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := auth.uid();
  v_grant public.role_grants;
begin
  if v_actor is null then
    raise exception using errcode = 'P0001', message = 'not_signed_in';
  end if;
  select * into v_grant from public.role_grants g where g.id = p_grant_id;
  if v_grant.id is null then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  perform 1 from public.role_grants g
  where g.role = 'prefecture_admin' and g.prefecture_code = v_grant.prefecture_code
  order by g.id
  for update;
  -- From here each statement sees what a revoke we waited for has committed.
  select * into v_grant from public.role_grants g where g.id = p_grant_id for update;
  if v_grant.id is null
     or not private.may_grant(v_grant.role, v_grant.prefecture_code, v_grant.municipality_code) then
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
