-- Supporter rules the first policies left open: any account could make itself an active
-- supporter of any town and offer help at a draft session whose id it knew; a supporter
-- could change minutes_helped (or the session) on their own offer; staff could assign
-- anyone; a prefecture admin could name anyone as certifier, certify supporters of any
-- prefecture, and certify themselves.
--
-- What a row may become depends on what it was, which a policy cannot see; the triggers
-- below can. They apply to signed-in callers acting on the tables directly; security
-- definer functions and service_role check their own rules. A caller counts as a manager
-- of a change only when they manage the town before it and after it.

-- Certified: active, with the basic course confirmed by a prefecture admin.
create function private.is_certified_supporter(p_supporter_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.supporters sp
    join public.supporter_trainings t on t.supporter_id = sp.id
    where sp.id = p_supporter_id and sp.active and t.course = 'basic' and t.certified_at is not null
  )
$$;

create function private.session_still_to_come(p_session_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.sessions s where s.id = p_session_id and s.starts_at > now())
$$;

create function private.may_offer_help(p_session_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.sessions s where s.id = p_session_id and s.status = 'published')
    and private.session_still_to_come(p_session_id)
    and private.is_certified_supporter(private.my_supporter_id())
$$;
comment on function private.may_offer_help(uuid) is 'The caller is a certified supporter, and the session is published and still to come.';

-- Profiles: one an account makes for itself is an application, inactive until staff of
-- its town make it active. The supporter keeps their contact details up to date and may
-- step back; only managers activate them or move them to another town.

alter table public.supporters alter column active set default false;
comment on column public.supporters.active is 'False while applying (and when stepped back); staff of the town make it true.';

drop policy "Accounts create their own supporter profile" on public.supporters;
create policy "Accounts apply as a supporter, inactive" on public.supporters
  for insert to authenticated with check (user_id = (select auth.uid()) and not active);
create policy "Managers change supporters of their municipalities" on public.supporters
  for update to authenticated
  using (municipality_code in (select private.managed_municipality_codes()))
  with check (municipality_code in (select private.managed_municipality_codes()));

create function private.check_supporter_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if new.user_id is distinct from old.user_id
     or ((new.municipality_code <> old.municipality_code or (new.active and not old.active))
         and not (private.can_manage(old.municipality_code) and private.can_manage(new.municipality_code))) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return new;
end
$$;
create trigger check_supporter_change before update on public.supporters
  for each row execute function private.check_supporter_change();

-- Helping at sessions: a certified supporter offers (without minutes: staff record those),
-- staff assign certified supporters, and a supporter withdraws or renews their own offer
-- before the class starts, changing nothing else.

drop policy "Supporters offer help" on public.session_staffing;
create policy "Certified supporters offer help at published sessions" on public.session_staffing
  for insert to authenticated
  with check (
    supporter_id = (select private.my_supporter_id()) and status = 'offered' and minutes_helped is null
    and private.may_offer_help(session_id)
  );

create function private.check_staffing_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    new.updated_at := now();
  end if;
  if current_user <> 'authenticated' then
    return new;
  end if;
  if new.status = 'assigned'
     and (tg_op = 'INSERT' or old.status <> 'assigned' or new.supporter_id <> old.supporter_id)
     and not private.is_certified_supporter(new.supporter_id) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if tg_op = 'INSERT' then
    -- Staff assign; an offer comes only from the supporter themself (its policy says how).
    if new.status not in ('offered', 'assigned')
       or (new.status = 'offered' and new.supporter_id is distinct from private.my_supporter_id()) then
      raise exception using errcode = 'P0001', message = 'not_allowed';
    end if;
    return new;
  end if;
  if private.can_manage(old.municipality_code) and private.can_manage(new.municipality_code) then
    return new;
  end if;
  if (new.session_id, new.municipality_code, new.supporter_id, new.minutes_helped)
       is distinct from (old.session_id, old.municipality_code, old.supporter_id, old.minutes_helped)
     or (old.status, new.status) not in (('offered', 'withdrawn'), ('assigned', 'withdrawn'), ('withdrawn', 'offered'))
     or not private.session_still_to_come(old.session_id)
     or (new.status = 'offered' and not private.may_offer_help(new.session_id)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return new;
end
$$;
create trigger check_staffing_change before insert or update on public.session_staffing
  for each row execute function private.check_staffing_change();

-- Certification: a prefecture admin of the supporter's prefecture, in their own name, and
-- never of their own training.
create function private.administers_supporter(p_supporter_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.supporters s
    join public.municipalities m on m.code = s.municipality_code
    where s.id = p_supporter_id and s.user_id <> (select auth.uid())
      and private.is_prefecture_admin_of(m.prefecture_code)
  )
$$;

drop policy "Prefecture admins certify training" on public.supporter_trainings;
create policy "Prefecture admins certify training of their supporters" on public.supporter_trainings
  for update to authenticated
  using (private.administers_supporter(supporter_id))
  with check (
    private.administers_supporter(supporter_id)
    and (certified_by is null or certified_by = (select auth.uid()))
  );

drop function private.is_prefecture_admin();

grant execute on function
  private.can_manage(text), private.is_certified_supporter(uuid), private.session_still_to_come(uuid),
  private.may_offer_help(uuid), private.administers_supporter(uuid)
  to authenticated;
