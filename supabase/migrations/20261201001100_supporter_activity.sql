-- After a class, staff confirm which of its assigned supporters came and for how long
-- (issue 10); each supporter's sessions and hours per fiscal year follow from those rows,
-- for their page and their certificate of activity (活動証明).

-- Staff of the class's town, once it has begun: came (with minutes, the class's length
-- unless given) or did not come.
create function public.record_supporter_activity(p_session_id uuid, p_supporter_id uuid, p_attended boolean, p_minutes integer default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session public.sessions;
  v_minutes integer;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if v_session.id is null or not private.can_manage(v_session.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if v_session.starts_at > now() then raise exception using errcode = 'P0001', message = 'session_not_begun'; end if;
  if p_attended is null then raise exception using errcode = 'P0001', message = 'invalid_request'; end if;
  if p_minutes is not null and p_minutes not between 1 and 720 then
    raise exception using errcode = 'P0001', message = 'minutes_invalid';
  end if;
  v_minutes := case when p_attended then coalesce(p_minutes, (extract(epoch from v_session.ends_at - v_session.starts_at) / 60)::integer) end;
  update public.session_staffing st set attended = p_attended, minutes_helped = v_minutes, updated_at = now()
  where st.session_id = p_session_id and st.supporter_id = p_supporter_id and st.status = 'assigned';
  if not found then raise exception using errcode = 'P0001', message = 'offer_not_found'; end if;
  return jsonb_build_object('attended', p_attended, 'minutes_helped', v_minutes);
end
$$;

-- The caller's activity in one fiscal year (April to March, Japan time): each class they
-- came to, with its minutes, and the totals; for their page and their certificate.
create function public.my_activity(p_fiscal_year integer) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.supporters;
begin
  select * into v from public.supporters s where s.user_id = (select auth.uid());
  if v.id is null then raise exception using errcode = 'P0001', message = 'not_a_supporter'; end if;
  if p_fiscal_year is null or p_fiscal_year not between 2000 and 2100 then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  return (
    with done as (
      select s.id, s.title, s.starts_at, s.ends_at, m.name as municipality_name, st.minutes_helped
      from public.session_staffing st
      join public.sessions s on s.id = st.session_id
      join public.municipalities m on m.code = s.municipality_code
      where st.supporter_id = v.id and st.status = 'assigned' and st.attended
        and private.fiscal_year(s.starts_at) = p_fiscal_year)
    select jsonb_build_object(
      'display_name', v.display_name, 'kana', v.kana, 'fiscal_year', p_fiscal_year,
      'sessions', coalesce((select jsonb_agg(to_jsonb(d) order by d.starts_at) from done d), '[]'),
      'count', (select count(*) from done),
      'minutes', coalesce((select sum(d.minutes_helped) from done d), 0)));
end
$$;

revoke execute on function public.record_supporter_activity(uuid, uuid, boolean, integer), public.my_activity(integer) from public;
grant execute on function public.record_supporter_activity(uuid, uuid, boolean, integer), public.my_activity(integer) to authenticated;
