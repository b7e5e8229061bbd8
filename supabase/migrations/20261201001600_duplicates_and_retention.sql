-- Duplicate participants (issue 11): records of one senior that automatic matching on phone
-- and reading could not join (a new mobile number, a reading typed two ways). Staff see the
-- likely pairs of their town and merge them, or say they are two people; 実人数 counts a
-- merged record in its survivor (progress, 20261201001500).

-- Pairs staff said are two people, so that they are not suggested again.
create table private.distinct_participants (
  a uuid not null references public.participants (id) on delete cascade,
  b uuid not null references public.participants (id) on delete cascade,
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz not null default now(),
  primary key (a, b),
  check (a < b)
);
alter table private.distinct_participants enable row level security;
revoke all on private.distinct_participants from public, anon, authenticated;
create index participants_municipality_kana_idx on public.participants (municipality_code, match_kana)
  where merged_into is null and match_kana is not null;

-- A name as written, without spaces or width differences: 「福島 花子」 and 「福島花子」 match.
create function private.normalize_name(p_text text) returns text
language sql immutable set search_path = '' as $$
  select nullif(regexp_replace(normalize(p_text, NFKC), '[\s・]', '', 'g'), '')
$$;

-- A record made later with the phone and reading of a merged one (the senior phones in with
-- the old number) joins the same survivor at once, instead of becoming a duplicate again.
create function private.follow_merge() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_survivor public.participants;
begin
  if new.merged_into is null and new.phone is not null and new.name_kana is not null then
    select s.* into v_survivor from public.participants m join public.participants s on s.id = m.merged_into
    where m.municipality_code = new.municipality_code and m.merged_into is not null
      and m.match_phone = private.normalize_phone(new.phone) and m.match_kana = private.normalize_kana(new.name_kana)
    limit 1;
    if v_survivor.id is not null then
      new.merged_into := v_survivor.id;
      new.person_id := v_survivor.person_id;
    end if;
  end if;
  return new;
end
$$;
-- After participants_person_id (triggers fire by name): the survivor's person wins.
create trigger participants_to_survivor before insert on public.participants
  for each row execute function private.follow_merge();

-- Likely pairs in a town: the same reading (a new phone number), or the same name and phone
-- (a reading typed two ways). Neither merged nor erased, and not said to be two people.
create function public.participant_duplicates(p_municipality_code text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_result jsonb;
begin
  if p_municipality_code is null or not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  with live as materialized (
    select p.id, p.full_name, p.name_kana, p.phone, p.age_band, p.created_at, p.match_kana, p.match_phone,
           private.normalize_name(p.full_name) as match_name
    from public.participants p
    where p.municipality_code = p_municipality_code and p.merged_into is null and p.erased_at is null
  ),
  pairs as (
    select x.id as a, y.id as b, 'same_reading' as reason
    from live x join live y on y.match_kana = x.match_kana and x.id < y.id
    union
    select x.id, y.id, 'same_name_and_phone'
    from live x join live y on y.match_phone = x.match_phone and y.match_name = x.match_name and x.id < y.id
    where x.match_kana is distinct from y.match_kana
  ),
  open_pairs as (
    select p.* from pairs p
    where not exists (select 1 from private.distinct_participants d where d.a = p.a and d.b = p.b)
    order by p.a, p.b
    limit 200
  ),
  record as (
    select l.id, jsonb_build_object('id', l.id, 'full_name', l.full_name, 'name_kana', l.name_kana, 'phone', l.phone,
             'age_band', l.age_band, 'created_at', l.created_at,
             'attended', (select count(*) from public.attendance a where a.participant_id = l.id and a.attended),
             'last_class', (select max(s.starts_at) from public.registrations r join public.sessions s on s.id = r.session_id
                            where r.participant_id = l.id and r.status <> 'cancelled')) as card
    from live l where l.id in (select a from open_pairs union select b from open_pairs)
  )
  select coalesce(jsonb_agg(jsonb_build_object('reason', p.reason, 'a', ra.card, 'b', rb.card)
           order by ra.card ->> 'name_kana', p.a, p.b), '[]')
  into v_result
  from open_pairs p join record ra on ra.id = p.a join record rb on rb.id = p.b;
  return v_result;
end
$$;

-- Two records are one senior: p_fold joins p_keep, with what was merged into it before. The
-- folded record keeps its name for the lists it is on; every count takes the survivor. The
-- survivor's person (across towns) becomes that of every record that shared the folded one's.
create function public.merge_participants(p_keep uuid, p_fold uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_keep public.participants;
  v_fold public.participants;
  v_moved integer;
begin
  if p_keep is null or p_fold is null or p_keep = p_fold then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  -- Locked in id order: two staff merging the same pair opposite ways cannot deadlock.
  perform 1 from public.participants p where p.id in (p_keep, p_fold) order by p.id for update;
  select * into v_keep from public.participants p where p.id = p_keep;
  select * into v_fold from public.participants p where p.id = p_fold;
  if v_keep.id is null or v_fold.id is null or v_keep.municipality_code <> v_fold.municipality_code then
    raise exception using errcode = 'P0001', message = 'participant_not_found';
  end if;
  if not private.can_manage(v_keep.municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if v_keep.merged_into is not null or v_fold.merged_into is not null then
    raise exception using errcode = 'P0001', message = 'participant_already_merged';
  end if;
  if v_keep.erased_at is not null or v_fold.erased_at is not null then
    raise exception using errcode = 'P0001', message = 'participant_erased';
  end if;
  update public.participants set merged_into = p_keep where merged_into = p_fold;
  get diagnostics v_moved = row_count;
  update public.participants set merged_into = p_keep where id = p_fold;
  update public.participants set person_id = v_keep.person_id where person_id = v_fold.person_id;
  return jsonb_build_object('kept', p_keep, 'folded', p_fold, 'records', v_moved + 2);
end
$$;

-- Staff say a suggested pair is two people.
create function public.mark_distinct_participants(p_a uuid, p_b uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_town text;
  v_other text;
begin
  if p_a is null or p_b is null or p_a = p_b then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  select municipality_code into v_town from public.participants where id = p_a;
  select municipality_code into v_other from public.participants where id = p_b;
  if v_town is null or v_other is distinct from v_town then
    raise exception using errcode = 'P0001', message = 'participant_not_found';
  end if;
  if not private.can_manage(v_town) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  insert into private.distinct_participants (a, b, decided_by)
  values (least(p_a, p_b), greatest(p_a, p_b), (select auth.uid()))
  on conflict (a, b) do nothing;
  return jsonb_build_object('a', least(p_a, p_b), 'b', greatest(p_a, p_b));
end
$$;

-- A prefecture's name, for the pages that speak of it (public reference data).
create function public.prefecture_details(p_code text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object('code', p.code, 'name', p.name) from public.prefectures p where p.code = p_code
$$;

-- The targets of one year, set together: each as set_target allows, all or none.
create function public.set_targets(p_fiscal_year integer, p_prefecture_code text, p_municipality_code text, p_values jsonb)
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

-- Retention (20261124000300), as issue 11 defines the period: a senior's name and phone go
-- once every class they registered for or came to ended before the fiscal year that follows
-- the one after it (p_years = 1: a class of FY2025 is kept until 31 March 2027). A record
-- with no class goes by when it was made. p_as_of lets the command and the tests ask "as on
-- that day"; the server's daily run uses now.
drop function public.erase_expired_personal_data(integer);
create function public.erase_expired_personal_data(p_years integer default 1, p_as_of timestamptz default null) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_keep_from timestamptz;
  v_people integer;
  v_notes integer;
begin
  if p_years is null or p_years not between 1 and 10 then
    raise exception using errcode = 'P0001', message = 'invalid_retention';
  end if;
  if p_as_of is not null and p_as_of > now() + interval '10 years' then
    raise exception using errcode = 'P0001', message = 'invalid_retention';
  end if;
  v_keep_from := private.fiscal_year_start(private.fiscal_year(coalesce(p_as_of, now())) - p_years);
  with expired as (
    select p.id from public.participants p
    where p.erased_at is null
      and (p.created_at < v_keep_from
           or exists (select 1 from public.registrations r where r.participant_id = p.id)
           or exists (select 1 from public.attendance a where a.participant_id = p.id))
      and not exists (select 1 from public.registrations r join public.sessions s on s.id = r.session_id
                      where r.participant_id = p.id and s.ends_at >= v_keep_from)
      and not exists (select 1 from public.attendance a join public.sessions s on s.id = a.session_id
                      where a.participant_id = p.id and s.ends_at >= v_keep_from)
  ),
  notes as (
    update public.registrations r set staff_note = ''
    where r.participant_id in (select id from expired) and r.staff_note <> ''
    returning 1
  ),
  erased as (
    update public.participants p set full_name = null, name_kana = null, phone = null, erased_at = now()
    where p.id in (select id from expired)
    returning 1
  )
  select (select count(*) from erased), (select count(*) from notes) into v_people, v_notes;
  return jsonb_build_object('participants', v_people, 'notes', v_notes, 'kept_from', v_keep_from);
end
$$;

revoke execute on function private.normalize_name(text), private.follow_merge(),
  public.participant_duplicates(text), public.merge_participants(uuid, uuid), public.mark_distinct_participants(uuid, uuid),
  public.set_targets(integer, text, text, jsonb), public.erase_expired_personal_data(integer, timestamptz),
  public.prefecture_details(text) from public, anon, authenticated;
grant execute on function public.prefecture_details(text) to anon, authenticated;
grant execute on function public.participant_duplicates(text), public.merge_participants(uuid, uuid),
  public.mark_distinct_participants(uuid, uuid), public.set_targets(integer, text, text, jsonb) to authenticated;
grant execute on function public.erase_expired_personal_data(integer, timestamptz) to service_role;
