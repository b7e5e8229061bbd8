-- Supporter rules the first policies left open: any account could make itself an active
-- supporter of any town and offer help at a draft session whose id it knew; a supporter
-- could change minutes_helped (or the session) on their own offer; a prefecture admin
-- could name anyone as certifier, and certify supporters of any prefecture.

-- A profile an account makes for itself is an application: inactive until staff of its
-- town make it active. What a row may become depends on what it was, which a policy
-- cannot see; these triggers can. They apply to signed-in callers acting directly on the
-- table; security definer functions and service_role check their own rules.

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
  if new.user_id is distinct from old.user_id then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  -- The supporter themself: contact details and stepping back, not activation or moving.
  if not private.can_manage(old.municipality_code)
     and (new.municipality_code <> old.municipality_code or (new.active and not old.active)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return new;
end
$$;
create trigger check_supporter_change before update on public.supporters
  for each row execute function private.check_supporter_change();

-- Certified: the basic course, confirmed by a prefecture admin.
create function private.may_offer_help(p_session_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
      select 1 from public.sessions s
      where s.id = p_session_id and s.status = 'published' and s.starts_at > now())
    and exists (
      select 1 from public.supporters sp
      join public.supporter_trainings t on t.supporter_id = sp.id
      where sp.user_id = (select auth.uid()) and sp.active
        and t.course = 'basic' and t.certified_at is not null)
$$;
comment on function private.may_offer_help(uuid) is 'The caller is an active, certified supporter, and the session is published and still to come.';

drop policy "Supporters offer help" on public.session_staffing;
create policy "Certified supporters offer help at published sessions" on public.session_staffing
  for insert to authenticated
  with check (
    supporter_id = (select private.my_supporter_id()) and status = 'offered'
    and private.may_offer_help(session_id)
  );

-- A supporter changes only the status of their offer: withdraw it, or offer again.
create function private.check_staffing_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  if current_user <> 'authenticated' or private.can_manage(old.municipality_code) then
    return new;
  end if;
  if (new.session_id, new.municipality_code, new.supporter_id, new.minutes_helped)
       is distinct from (old.session_id, old.municipality_code, old.supporter_id, old.minutes_helped)
     or (old.status, new.status) not in (('offered', 'withdrawn'), ('assigned', 'withdrawn'), ('withdrawn', 'offered'))
     or (new.status = 'offered' and not private.may_offer_help(new.session_id)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return new;
end
$$;
create trigger check_staffing_change before update on public.session_staffing
  for each row execute function private.check_staffing_change();

-- Certification: a prefecture admin of the supporter's prefecture, in their own name.
create function private.administers_supporter(p_supporter_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.supporters s
    join public.municipalities m on m.code = s.municipality_code
    where s.id = p_supporter_id and private.is_prefecture_admin_of(m.prefecture_code)
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

grant execute on function private.can_manage(text), private.may_offer_help(uuid), private.administers_supporter(uuid)
  to authenticated;
