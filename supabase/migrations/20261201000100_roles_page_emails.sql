-- The roles page asked private.account_email once for every row it showed, and each call
-- worked out the caller's reach again (the towns they manage, the prefectures they
-- administer) and scanned the audit log without an index: about 0.35 ms a row, 40 ms for
-- the page of a prefecture admin with Fukushima's 118 staff (issue 8's bench, /admin/roles),
-- and more every year as the log grows. The reach is now worked out once per page, for all
-- the accounts on it, by the same rule: one's own address, and those of accounts holding a
-- grant, or named in an audit entry, within the caller's reach.
create function private.account_emails(p_user_ids uuid[]) returns table (user_id uuid, email text)
language sql stable security definer set search_path = '' as $$
  with towns as materialized (select private.managed_municipality_codes() as code),
  prefectures as materialized (
    select g.prefecture_code as code from public.role_grants g
    where g.user_id = (select auth.uid()) and g.role = 'prefecture_admin'),
  asked as (select distinct id from unnest(p_user_ids) as asked (id))
  select u.id, u.email from auth.users u join asked on asked.id = u.id
  where u.id = (select auth.uid())
    or exists (
      select 1 from public.role_grants g
      where g.user_id = u.id
        and (g.municipality_code in (select code from towns) or g.prefecture_code in (select code from prefectures)))
    or exists (
      select 1 from public.role_grant_audit a
      where (a.subject_id = u.id or a.actor_id = u.id)
        and (a.municipality_code in (select code from towns) or a.prefecture_code in (select code from prefectures)))
$$;
revoke execute on function private.account_emails(uuid[]) from public;
grant execute on function private.account_emails(uuid[]) to authenticated;

-- Who an audit entry names, found by index instead of reading the whole log.
create index role_grant_audit_subject_id_idx on public.role_grant_audit (subject_id);
create index role_grant_audit_actor_id_idx on public.role_grant_audit (actor_id);

-- Both lists stay security invoker: RLS still decides which rows the caller sees.
create or replace function public.list_role_grants() returns jsonb
language sql stable set search_path = '' as $$
  with visible as (select g.* from public.role_grants g),
  emails as (select e.user_id, e.email from private.account_emails((select array_agg(v.user_id) from visible v)) e)
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', g.id,
    'email', e.email,
    'role', g.role,
    'prefecture', jsonb_build_object('code', p.code, 'name', p.name),
    'municipality', case when m.code is null then null
                         else jsonb_build_object('code', m.code, 'name', m.name) end,
    'granted_at', g.granted_at
  ) order by g.role, m.code nulls first, g.granted_at), '[]'::jsonb)
  from visible g
  join public.prefectures p on p.code = g.prefecture_code
  left join public.municipalities m on m.code = g.municipality_code
  left join emails e on e.user_id = g.user_id
$$;

create or replace function public.list_role_audit(p_limit integer default 50) returns jsonb
language sql stable set search_path = '' as $$
  with recent as (
    select a.* from public.role_grant_audit a
    order by a.id desc
    limit least(greatest(coalesce(p_limit, 50), 1), 500)),
  emails as (
    select e.user_id, e.email
    from private.account_emails((select array_agg(named.id) from recent r, unnest(array[r.actor_id, r.subject_id]) as named (id))) e)
  select coalesce(jsonb_agg(jsonb_build_object(
    'actor_email', actor.email,
    'subject_email', subject.email,
    'action', a.action,
    'role', a.role,
    'prefecture', jsonb_build_object('code', p.code, 'name', p.name),
    'municipality', case when m.code is null then null
                         else jsonb_build_object('code', m.code, 'name', m.name) end,
    'at', a.at
  ) order by a.id desc), '[]'::jsonb)
  from recent a
  join public.prefectures p on p.code = a.prefecture_code
  left join public.municipalities m on m.code = a.municipality_code
  left join emails actor on actor.user_id = a.actor_id
  left join emails subject on subject.user_id = a.subject_id
$$;

drop function private.account_email(uuid);
