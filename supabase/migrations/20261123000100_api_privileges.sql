-- Least privilege for the API roles. Supabase's defaults (mirrored by compat/00) give anon
-- and authenticated ALL on every table, sequence and function in public: that includes
-- TRUNCATE, TRIGGER, REFERENCES and MAINTAIN, which RLS does not govern, and setval() on
-- sequences. From here on the API roles hold only what is granted by name, here and in
-- later migrations; tests/db/privileges.test.ts lists every privilege they hold and fails
-- on anything more. service_role keeps Supabase's full grants: it is the server itself.

-- What is created from now on grants nothing to the API roles, nor (functions) to PUBLIC.
-- Per-schema defaults cannot take back a global one, hence the global revoke for PUBLIC.
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke all on functions from anon, authenticated;
alter default privileges revoke execute on functions from public;
alter default privileges in schema private grant execute on functions to service_role;

-- No temporary objects (a temporary function can be made to run inside a trigger or a
-- security definer call) and no new objects in our schemas. Where the migrating role does
-- not own the database (a hosted project), PostgreSQL warns and leaves the grant as it is.
do $$
begin
  execute format('revoke temporary on database %I from public', current_database());
end
$$;
revoke create on schema public from public;

-- Start from nothing on what exists, then grant by name.
revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke all on all functions in schema public from public, anon, authenticated;
revoke all on all functions in schema private from public, anon, authenticated;
grant execute on all functions in schema private to service_role;

-- Reference data and what is published: readable by everyone; managers write venues.
grant select on public.prefectures, public.municipalities, public.topics, public.venues to anon, authenticated;
grant insert, update, delete on public.venues to authenticated;

-- Account ids (created_by, set_by) are not published: reads leave those columns out.
grant select (id, municipality_code, title, description, created_at)
  on public.series to anon, authenticated;
grant select (id, municipality_code, venue_id, series_id, series_part, topic_id, format, title,
              description, starts_at, ends_at, capacity, status, registration_closes_at, fee_yen,
              contact_phone, created_at, updated_at)
  on public.sessions to anon, authenticated;
grant select (id, fiscal_year, prefecture_code, municipality_code, metric, value, set_at)
  on public.targets to anon, authenticated;
grant insert, update, delete on public.series, public.sessions to authenticated;
grant insert, update on public.targets to authenticated;

-- People and roles: signed-in accounts only; RLS narrows every row to the caller's reach.
grant select on public.role_grants, public.role_grant_audit to authenticated;
grant select, insert, update on public.supporters, public.supporter_trainings to authenticated;
grant select, insert, update, delete on public.session_staffing to authenticated;
grant select, insert, update on public.participants, public.registrations, public.attendance to authenticated;

-- The API: what the app calls for a visitor, and for a signed-in account.
grant execute on function public.health_check(), public.list_upcoming_sessions(integer) to anon, authenticated;
grant execute on function
  public.my_roles(), public.grant_role(text, text, text), public.revoke_role(uuid),
  public.list_role_grants(), public.list_role_audit(integer), public.list_managed_municipalities()
  to authenticated;

-- Helpers that policies, generated columns and the invoker functions above call as the
-- caller. Those called only from security definer functions need no grant.
grant execute on function private.session_seats(uuid) to anon, authenticated;
grant execute on function
  private.account_email(uuid), private.is_prefecture_admin(), private.is_prefecture_admin_of(text),
  private.managed_municipality_codes(), private.managed_supporter_ids(),
  private.my_assigned_session_ids(), private.my_supporter_id(),
  private.normalize_kana(text), private.normalize_phone(text)
  to authenticated;
