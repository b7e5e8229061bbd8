-- The rules of 20261201001000 for those who write the supporter tables directly (the policies
-- of 20261123000400 still allow a supporter their own row, and their own offers): a
-- supporter's own withdrawal closes at the same deadline as withdraw_help (17:00 the day
-- before), and skills are codes, at most 20.

create function private.skills_well_formed(p_skills text[]) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(cardinality(p_skills), 0) <= 20 and not exists (select 1 from unnest(p_skills) k where k !~ '^[a-z_]{2,30}$')
$$;
alter table public.supporters add constraint supporters_skills_check check (private.skills_well_formed(skills));

create or replace function private.check_staffing_change() returns trigger
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
  if (new.session_id, new.municipality_code, new.supporter_id, new.minutes_helped, new.attended)
       is distinct from (old.session_id, old.municipality_code, old.supporter_id, old.minutes_helped, old.attended)
     or (old.status, new.status) not in (('offered', 'withdrawn'), ('assigned', 'withdrawn'), ('asked', 'withdrawn'), ('withdrawn', 'offered'))
     or not private.session_still_to_come(old.session_id)
     or (new.status = 'withdrawn' and now() >= (select private.withdraw_deadline(s.starts_at) from public.sessions s where s.id = old.session_id))
     or (new.status = 'offered' and not private.may_offer_help(new.session_id)) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return new;
end
$$;

-- Called as the writer: by the check, and by the trigger above.
revoke execute on function private.skills_well_formed(text[]) from public;
grant execute on function private.skills_well_formed(text[]), private.withdraw_deadline(timestamptz) to authenticated, service_role;
