-- Bulk import for the seed and for reference data (municipalities of another prefecture).
-- service_role only. Each key of p_data names a table; its value is an array of rows
-- whose keys are column names. Tables are filled in dependency order and existing rows
-- (same primary or unique key) are left as they are, so an import can be repeated.

create function public.import_dataset(p_data jsonb) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_table text;
  v_rows jsonb;
  v_columns text;
  v_count bigint;
  v_counts jsonb := '{}'::jsonb;
  v_order constant text[] := array[
    'prefectures', 'municipalities', 'venues', 'series', 'sessions', 'supporters',
    'supporter_trainings', 'session_staffing', 'participants', 'registrations',
    'attendance', 'targets', 'role_grants', 'role_grant_audit'];
begin
  if exists (select 1 from jsonb_object_keys(p_data) k where k <> all (v_order)) then
    raise exception using errcode = 'P0001', message = 'unknown_table';
  end if;
  foreach v_table in array v_order loop
    v_rows := p_data -> v_table;
    continue when v_rows is null or jsonb_array_length(v_rows) = 0;
    -- Columns named by the first row that the table really has.
    select string_agg(quote_ident(c.column_name), ', ' order by c.ordinal_position) into v_columns
    from information_schema.columns c
    where c.table_schema = 'public' and c.table_name = v_table
      and c.is_generated = 'NEVER' and c.identity_generation is null
      and (v_rows -> 0) ? c.column_name;
    execute format(
      'insert into public.%1$I (%2$s) select %2$s from jsonb_populate_recordset(null::public.%1$I, $1) on conflict do nothing',
      v_table, v_columns) using v_rows;
    get diagnostics v_count = row_count;
    v_counts := v_counts || jsonb_build_object(v_table, v_count);
  end loop;
  return v_counts;
end
$$;

revoke execute on function public.import_dataset(jsonb) from public, anon, authenticated;
grant execute on function public.import_dataset(jsonb) to service_role;

-- Whether the demo data (or any real data) is already there.
create function public.dataset_summary() returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'prefectures', coalesce((select jsonb_agg(code order by code) from public.prefectures), '[]'::jsonb),
    'municipalities', (select count(*) from public.municipalities),
    'sessions', (select count(*) from public.sessions),
    'prefecture_admins', (select count(*) from public.role_grants where role = 'prefecture_admin')
  )
$$;
revoke execute on function public.dataset_summary() from public, anon, authenticated;
grant execute on function public.dataset_summary() to service_role;

create function public.account_id_by_email(p_email text) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('user_id', u.id) from auth.users u where lower(u.email) = lower(trim(p_email))
$$;
revoke execute on function public.account_id_by_email(text) from public, anon, authenticated;
grant execute on function public.account_id_by_email(text) to service_role;
