-- Staff cancel a registration on someone's behalf (issue 9): a senior phones to say they
-- cannot come. The whole party goes (a pair registered together is one booking), and the
-- waiting list moves up in the same transaction, by the same rule as cancel_registration
-- (20261124000100): the session row is locked first, as every seat change locks it.
-- Security definer: staff may not write a registration's status themselves (the column
-- grants of 20261124000100), so this checks that the caller manages the session's town.
create function public.cancel_registration_for(p_registration_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_registration public.registrations;
  v_session public.sessions;
  v_ids uuid[];
  v_promoted uuid[] := '{}';
begin
  select * into v_registration from public.registrations r where r.id = p_registration_id;
  if v_registration.id is null or not private.can_manage(v_registration.municipality_code) then
    raise exception using errcode = 'P0001', message = 'registration_not_found';
  end if;
  select * into v_session from public.sessions s where s.id = v_registration.session_id for update;
  if v_session.ends_at <= now() then
    raise exception using errcode = 'P0001', message = 'session_over';
  end if;
  select array_agg(r.id) into v_ids from public.registrations r
  where r.status <> 'cancelled'
    and (r.id = v_registration.id or (v_registration.party_id is not null and r.party_id = v_registration.party_id));
  if v_ids is null then
    return jsonb_build_object('cancelled', 0, 'promoted', 0);
  end if;
  update public.registrations set status = 'cancelled', cancelled_at = now() where id = any (v_ids);
  -- Once a class has begun, a freed seat is no use to someone on the list at home.
  if v_session.status = 'published' and v_session.starts_at > now() then
    v_promoted := private.promote_waiting(v_session.id);
  end if;
  return jsonb_build_object('cancelled', cardinality(v_ids), 'promoted', cardinality(v_promoted), 'promoted_ids', to_jsonb(v_promoted));
end
$$;
comment on function public.cancel_registration_for(uuid) is
  'Staff cancel a party on its behalf; the waiting list moves up in the same transaction.';
revoke execute on function public.cancel_registration_for(uuid) from public;
grant execute on function public.cancel_registration_for(uuid) to authenticated;
