-- The roles page of a prefecture admin read every grant and every log entry in the country,
-- asking private.is_prefecture_admin_of once per row: 270 ms for list_role_grants and
-- 240 ms for list_role_audit at national scale (1,741 towns, 3,482 staff; the bench, issue
-- 8), against 4.5 ms for one prefecture. The prefectures the caller administers are now
-- worked out once per statement, as the towns they manage already were.
create function private.administered_prefecture_codes() returns setof text
language sql stable security definer set search_path = '' as $$
  select g.prefecture_code from public.role_grants g
  where g.user_id = (select auth.uid()) and g.role = 'prefecture_admin'
$$;
revoke execute on function private.administered_prefecture_codes() from public;
grant execute on function private.administered_prefecture_codes() to authenticated;

drop policy "Managers see the roles within their reach" on public.role_grants;
create policy "Managers see the roles within their reach" on public.role_grants
  for select to authenticated using (
    municipality_code in (select private.managed_municipality_codes())
    or prefecture_code in (select private.administered_prefecture_codes())
  );

drop policy "Managers see the audit within their reach" on public.role_grant_audit;
create policy "Managers see the audit within their reach" on public.role_grant_audit
  for select to authenticated using (
    municipality_code in (select private.managed_municipality_codes())
    or prefecture_code in (select private.administered_prefecture_codes())
  );

-- The log is read newest first, within a prefecture.
create index role_grant_audit_prefecture_code_id_idx on public.role_grant_audit (prefecture_code, id desc);
