-- Roles through functions only: each grant or revoke is checked and audited in one transaction.

create function public.my_roles() returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'prefecture_admin', coalesce((
      select jsonb_agg(g.prefecture_code order by g.prefecture_code) from public.role_grants g
      where g.user_id = (select auth.uid()) and g.role = 'prefecture_admin'), '[]'::jsonb),
    'municipality_staff', coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name) order by m.code)
      from public.role_grants g join public.municipalities m on m.code = g.municipality_code
      where g.user_id = (select auth.uid()) and g.role = 'municipality_staff'), '[]'::jsonb),
    'supporter', (
      select jsonb_build_object('id', s.id, 'display_name', s.display_name)
      from public.supporters s where s.user_id = (select auth.uid()))
  )
$$;

-- Staff may grant staff of a municipality they manage; only a prefecture admin makes
-- another prefecture admin.
create function private.may_grant(p_role text, p_prefecture_code text, p_municipality_code text)
returns boolean language sql stable security definer set search_path = '' as $$
  select case p_role
    when 'prefecture_admin' then private.is_prefecture_admin_of(p_prefecture_code)
    when 'municipality_staff' then private.can_manage(p_municipality_code)
    else false end
$$;

create function public.grant_role(p_email text, p_role text, p_municipality_code text default null)
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
  if v_prefecture is null or not private.may_grant(p_role, v_prefecture, p_municipality_code) then
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

create function public.revoke_role(p_grant_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := auth.uid();
  v_grant public.role_grants;
begin
  if v_actor is null then
    raise exception using errcode = 'P0001', message = 'not_signed_in';
  end if;
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

-- E-mail of an account, for managers only (auth.users is closed to the API roles).
create function private.account_email(p_user_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select u.email from auth.users u
  where u.id = p_user_id and exists (select private.managed_municipality_codes())
$$;

create function public.list_role_grants() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', g.id,
    'email', private.account_email(g.user_id),
    'role', g.role,
    'prefecture', jsonb_build_object('code', p.code, 'name', p.name),
    'municipality', case when m.code is null then null
                         else jsonb_build_object('code', m.code, 'name', m.name) end,
    'granted_at', g.granted_at
  ) order by g.role, m.code nulls first, g.granted_at), '[]'::jsonb)
  from public.role_grants g
  join public.prefectures p on p.code = g.prefecture_code
  left join public.municipalities m on m.code = g.municipality_code
$$;

create function public.list_role_audit(p_limit integer default 50) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(row_data order by id desc), '[]'::jsonb)
  from (
    select a.id, jsonb_build_object(
      'actor_email', private.account_email(a.actor_id),
      'subject_email', private.account_email(a.subject_id),
      'action', a.action,
      'role', a.role,
      'prefecture', jsonb_build_object('code', p.code, 'name', p.name),
      'municipality', case when m.code is null then null
                           else jsonb_build_object('code', m.code, 'name', m.name) end,
      'at', a.at
    ) as row_data
    from public.role_grant_audit a
    join public.prefectures p on p.code = a.prefecture_code
    left join public.municipalities m on m.code = a.municipality_code
    order by a.id desc
    limit least(greatest(coalesce(p_limit, 50), 1), 500)
  ) recent
$$;

-- Municipalities the caller may grant staff for, for the form's choice list.
create function public.list_managed_municipalities() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name) order by m.code), '[]'::jsonb)
  from public.municipalities m
  where m.code in (select private.managed_municipality_codes())
$$;

-- The first prefecture admin, made from the command line (`npm run admin`), where no
-- account can vouch yet. service_role only; audited with no actor.
create function public.bootstrap_prefecture_admin(p_email text, p_prefecture_code text)
returns jsonb language plpgsql set search_path = '' as $$
declare
  v_subject uuid;
  v_grant_id uuid;
begin
  select u.id into v_subject from auth.users u where lower(u.email) = lower(trim(p_email));
  if v_subject is null then
    raise exception using errcode = 'P0001', message = 'account_not_found';
  end if;
  if not exists (select 1 from public.prefectures p where p.code = p_prefecture_code) then
    raise exception using errcode = 'P0001', message = 'unknown_prefecture';
  end if;
  insert into public.role_grants (user_id, role, prefecture_code)
  values (v_subject, 'prefecture_admin', p_prefecture_code)
  on conflict do nothing
  returning id into v_grant_id;
  if v_grant_id is not null then
    insert into public.role_grant_audit (actor_id, subject_id, action, role, prefecture_code)
    values (null, v_subject, 'grant', 'prefecture_admin', p_prefecture_code);
  end if;
  return jsonb_build_object('user_id', v_subject, 'granted', v_grant_id is not null);
end
$$;
revoke execute on function public.bootstrap_prefecture_admin(text, text) from public, anon, authenticated;
grant execute on function public.bootstrap_prefecture_admin(text, text) to service_role;
