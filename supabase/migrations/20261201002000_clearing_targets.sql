-- A target can be taken away, not only changed (left out of 20261201001600). The form shows
-- each target in its field, so a field emptied means "no target for this measure"; set_targets
-- takes it as null. The checks of set_target (20261201001500) now stand on their own, so
-- that taking a target away asks exactly what setting one asks.

create function private.check_target(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text, p_metric text) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_municipality_code is null and not private.is_prefecture_admin_of(p_prefecture_code)
     or p_municipality_code is not null and (left(p_municipality_code, 2) is distinct from p_prefecture_code or not private.can_manage(p_municipality_code)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if p_fiscal_year is null or p_fiscal_year not between private.fiscal_year(now()) - 5 and private.fiscal_year(now()) + 1 then
    raise exception using errcode = 'P0001', message = 'fiscal_year_invalid';
  end if;
  if coalesce(p_metric, '') not in ('senior_participants', 'attendances', 'sessions_held', 'municipalities_holding', 'active_supporters')
     or (p_metric = 'municipalities_holding' and p_municipality_code is not null) then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
end
$$;

create or replace function public.set_target(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text, p_metric text, p_value integer)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform private.check_target(p_fiscal_year, p_prefecture_code, p_municipality_code, p_metric);
  if p_value is null or p_value not between 0 and 10000000 then
    raise exception using errcode = 'P0001', message = 'target_invalid';
  end if;
  insert into public.targets as t (fiscal_year, prefecture_code, municipality_code, metric, value, set_by)
  values (p_fiscal_year, p_prefecture_code, p_municipality_code, p_metric, p_value, (select auth.uid()))
  on conflict (fiscal_year, prefecture_code, municipality_code, metric)
    do update set value = excluded.value, set_by = excluded.set_by, set_at = now();
  return jsonb_build_object('metric', p_metric, 'value', p_value);
end
$$;

create function private.clear_target(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text, p_metric text) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform private.check_target(p_fiscal_year, p_prefecture_code, p_municipality_code, p_metric);
  delete from public.targets t
  where t.fiscal_year = p_fiscal_year and t.prefecture_code = p_prefecture_code
    and t.municipality_code is not distinct from p_municipality_code and t.metric = p_metric;
end
$$;

-- The targets of one year, set together: each as set_target allows, a null taken away; all or none.
create or replace function public.set_targets(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text, p_values jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_metric text;
  v_value jsonb;
begin
  if jsonb_typeof(p_values) is distinct from 'object' then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  for v_metric, v_value in select key, value from jsonb_each(p_values) loop
    if jsonb_typeof(v_value) = 'null' then
      perform private.clear_target(p_fiscal_year, p_prefecture_code, p_municipality_code, v_metric);
      continue;
    end if;
    if jsonb_typeof(v_value) <> 'number' or v_value::numeric <> trunc(v_value::numeric) or abs(v_value::numeric) > 100000000 then
      raise exception using errcode = 'P0001', message = 'target_invalid';
    end if;
    perform public.set_target(p_fiscal_year, p_prefecture_code, p_municipality_code, v_metric, v_value::integer);
  end loop;
  return coalesce((select jsonb_object_agg(t.metric, t.value) from public.targets t
    where t.fiscal_year = p_fiscal_year and t.prefecture_code = p_prefecture_code
      and t.municipality_code is not distinct from p_municipality_code), '{}');
end
$$;

revoke execute on function private.check_target(integer, text, text, text), private.clear_target(integer, text, text, text)
  from public, anon, authenticated;
