-- Digital supporters (issue 10): a profile an account makes for itself (applied), made
-- active by the staff of a town it lists, stepped back from by either; training recorded
-- by the prefecture admin or a town's staff (certified when the basic course is there);
-- offers to help at classes, confirmed or declined by staff, who may also ask directly.
--
-- Every change goes through the security definer functions below, each checking who may
-- make it. What a supporter may see of others: nothing; what staff see: the supporters
-- who list one of their towns (home or travel). Registrants' phone numbers stay with staff.

-- The towns a supporter will travel to help in, besides their home town.
create table public.supporter_municipalities (
  supporter_id uuid not null references public.supporters (id) on delete cascade,
  municipality_code text not null references public.municipalities (code),
  primary key (supporter_id, municipality_code)
);
create index supporter_municipalities_municipality_code_idx on public.supporter_municipalities (municipality_code);
alter table public.supporter_municipalities enable row level security;
-- Read by the supporter and by the staff who see them; written only by save_my_supporter_profile.
create policy "Supporters see their own towns" on public.supporter_municipalities
  for select to authenticated using (supporter_id = (select private.my_supporter_id()));
create policy "Managers see the towns of supporters within their reach" on public.supporter_municipalities
  for select to authenticated using (supporter_id in (select private.managed_supporter_ids()));
grant select on public.supporter_municipalities to authenticated;
comment on table public.supporter_municipalities is 'Towns a supporter will travel to, besides their home town; staff of these towns see and assign them.';

-- What a supporter can help with: a device, or a topic (public.topics ids).
create function private.supporter_skill_ok(p_skills text[]) returns boolean
language sql stable set search_path = '' as $$
  select coalesce(cardinality(p_skills), 0) <= 20
    and not exists (select 1 from unnest(p_skills) k where k not in ('iphone', 'android') and k not in (select t.id from public.topics t))
$$;

alter table public.supporters
  add column skills text[] not null default '{}',
  -- Weekday and half day: mon_am … sun_pm.
  add column availability text[] not null default '{}' check (
    availability <@ array['mon_am','mon_pm','tue_am','tue_pm','wed_am','wed_pm','thu_am','thu_pm','fri_am','fri_pm','sat_am','sat_pm','sun_am','sun_pm']),
  add column note text not null default '' check (length(note) <= 500),
  -- Null while applying; set when staff first make the supporter active.
  add column activated_at timestamptz,
  add column updated_at timestamptz not null default now();
update public.supporters set activated_at = created_at where active;
comment on column public.supporters.activated_at is 'When staff first made the supporter active: applied (null, inactive), active, or stepped back (set, inactive).';

-- Courses: the basic and step-up courses, and others a prefecture adds.
create table public.training_courses (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,29}$'),
  name_ja text not null check (length(name_ja) between 1 and 60),
  name_en text not null check (length(name_en) between 1 and 60),
  -- Null for the two every prefecture has.
  prefecture_code text references public.prefectures (code),
  sort_order integer not null default 100
);
insert into public.training_courses (code, name_ja, name_en, sort_order) values
  ('basic', '基礎研修', 'Basic course', 10),
  ('step_up', 'ステップアップ研修', 'Step-up course', 20);
alter table public.training_courses enable row level security;
create policy "Courses are public" on public.training_courses for select to anon, authenticated using (true);
grant select on public.training_courses to anon, authenticated;
alter table public.supporter_trainings drop constraint supporter_trainings_course_check;
alter table public.supporter_trainings add constraint supporter_trainings_course_fkey
  foreign key (course) references public.training_courses (code);

-- Asked by staff (waiting for the supporter's answer) joins the staffing states.
alter table public.session_staffing drop constraint session_staffing_status_check;
alter table public.session_staffing add constraint session_staffing_status_check
  check (status in ('offered', 'asked', 'assigned', 'declined', 'withdrawn'));
-- Whether an assigned supporter came, as staff confirm after the class; minutes_helped with it.
alter table public.session_staffing add column attended boolean;

-- The private address of a supporter's own calendar: not in the supporters table, which
-- staff read; renewed to revoke the old one.
create table private.supporter_calendar_tokens (
  supporter_id uuid primary key references public.supporters (id) on delete cascade,
  token text not null unique check (token ~ '^[A-Za-z0-9_-]{32,64}$')
);
alter table private.supporter_calendar_tokens enable row level security;
revoke all on private.supporter_calendar_tokens from public, anon, authenticated;

-- Supporters a manager may see now include those who list one of their towns.
create or replace function private.managed_supporter_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select s.id from public.supporters s
  where s.municipality_code in (select private.managed_municipality_codes())
  union
  select sm.supporter_id from public.supporter_municipalities sm
  where sm.municipality_code in (select private.managed_municipality_codes())
  union
  select st.supporter_id from public.session_staffing st
  where st.municipality_code in (select private.managed_municipality_codes())
$$;

-- Whether the caller may act for a supporter in a town: they manage that town and the
-- supporter lists it (home or travel). A prefecture admin manages every town of theirs.
create function private.reaches_supporter_in(p_supporter_id uuid, p_municipality_code text) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.can_manage(p_municipality_code)
    and exists (
      select 1 from public.supporters s where s.id = p_supporter_id and s.municipality_code = p_municipality_code
      union all
      select 1 from public.supporter_municipalities sm where sm.supporter_id = p_supporter_id and sm.municipality_code = p_municipality_code)
$$;

-- Whether the caller may act for a supporter in any of the towns they list.
create function private.reaches_supporter(p_supporter_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.supporters s
    where s.id = p_supporter_id and s.user_id is distinct from (select auth.uid())
      and (s.municipality_code in (select private.managed_municipality_codes())
           or exists (select 1 from public.supporter_municipalities sm
                      where sm.supporter_id = s.id and sm.municipality_code in (select private.managed_municipality_codes()))))
$$;

-- Text a person typed: NFKC, trimmed, no control or hidden characters, within a length.
create function private.clean_text(p_text text, p_max integer, p_lines boolean default false) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := btrim(normalize(coalesce(p_text, ''), NFKC));
begin
  if length(coalesce(p_text, '')) > p_max * 2 or length(v) > p_max
     or private.has_hidden_characters(v)
     or (not p_lines and v ~ '[[:cntrl:]]')
     or (p_lines and v ~ '[\x01-\x09\x0b\x0c\x0e-\x1f\x7f]') then
    return null;
  end if;
  return v;
end
$$;

-- The caller's own profile, made or changed: {display_name, kana, municipality_code,
-- travel_codes[], phone, skills[], availability[], note}. A new one is an application.
-- The home town is theirs to choose when applying; after that, staff move it.
create function public.save_my_supporter_profile(p_profile jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_user uuid := (select auth.uid());
  v_me public.supporters;
  v_name text;
  v_kana text;
  v_phone text;
  v_note text;
  v_home text;
  v_travel text[];
  v_skills text[];
  v_availability text[];
begin
  if v_user is null then raise exception using errcode = 'P0001', message = 'not_signed_in'; end if;
  if jsonb_typeof(p_profile) is distinct from 'object'
     or jsonb_typeof(coalesce(p_profile -> 'travel_codes', '[]')) <> 'array'
     or jsonb_typeof(coalesce(p_profile -> 'skills', '[]')) <> 'array'
     or jsonb_typeof(coalesce(p_profile -> 'availability', '[]')) <> 'array' then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  v_name := private.clean_text(p_profile ->> 'display_name', 60);
  if v_name is null then raise exception using errcode = 'P0001', message = 'supporter_name_invalid'; end if;
  if v_name = '' then raise exception using errcode = 'P0001', message = 'name_required'; end if;
  v_kana := private.clean_text(p_profile ->> 'kana', 60);
  if v_kana is null or v_kana = '' or v_kana !~ '^[ぁ-ゖァ-ヺー・ A-Za-z''.-]+$' then
    raise exception using errcode = 'P0001', message = 'invalid_kana';
  end if;
  v_phone := regexp_replace(normalize(coalesce(p_profile ->> 'phone', ''), NFKC), '[‐−ー–—―]', '-', 'g');
  if length(v_phone) > 20 or v_phone !~ '^[0-9-]*$' or (v_phone <> '' and replace(v_phone, '-', '') !~ '^0[0-9]{9,10}$') then
    raise exception using errcode = 'P0001', message = 'invalid_phone';
  end if;
  v_note := private.clean_text(p_profile ->> 'note', 500, true);
  if v_note is null then raise exception using errcode = 'P0001', message = 'text_too_long'; end if;
  select array_agg(distinct value) into v_travel from jsonb_array_elements_text(p_profile -> 'travel_codes');
  select array_agg(distinct value) into v_skills from jsonb_array_elements_text(p_profile -> 'skills');
  select array_agg(distinct value) into v_availability from jsonb_array_elements_text(p_profile -> 'availability');
  v_travel := coalesce(v_travel, '{}');
  v_skills := coalesce(v_skills, '{}');
  v_availability := coalesce(v_availability, '{}');
  if not private.supporter_skill_ok(v_skills) then raise exception using errcode = 'P0001', message = 'invalid_skills'; end if;
  if not v_availability <@ array['mon_am','mon_pm','tue_am','tue_pm','wed_am','wed_pm','thu_am','thu_pm','fri_am','fri_pm','sat_am','sat_pm','sun_am','sun_pm'] then
    raise exception using errcode = 'P0001', message = 'invalid_availability';
  end if;

  select * into v_me from public.supporters s where s.user_id = v_user for update;
  v_home := coalesce(v_me.municipality_code, p_profile ->> 'municipality_code');
  if v_home is null or not exists (select 1 from public.municipalities m where m.code = v_home) then
    raise exception using errcode = 'P0001', message = 'municipality_required';
  end if;
  -- Travel within the home town's prefecture, at most 20 towns.
  if cardinality(v_travel) > 20 or exists (
       select 1 from unnest(v_travel) c
       where not exists (select 1 from public.municipalities m where m.code = c and m.prefecture_code = left(v_home, 2))) then
    raise exception using errcode = 'P0001', message = 'invalid_travel';
  end if;

  if v_me.id is null then
    insert into public.supporters (user_id, municipality_code, display_name, kana, phone, active, skills, availability, note)
    values (v_user, v_home, v_name, v_kana, v_phone, false, v_skills, v_availability, v_note)
    returning * into v_me;
  else
    update public.supporters set display_name = v_name, kana = v_kana, phone = v_phone, skills = v_skills,
      availability = v_availability, note = v_note, updated_at = now()
    where id = v_me.id returning * into v_me;
  end if;
  delete from public.supporter_municipalities sm where sm.supporter_id = v_me.id and sm.municipality_code <> all (v_travel);
  insert into public.supporter_municipalities (supporter_id, municipality_code)
  select v_me.id, c from unnest(v_travel) c where c <> v_home
  on conflict do nothing;
  return jsonb_build_object('id', v_me.id, 'status', private.supporter_status(v_me));
end
$$;

create function private.supporter_status(s public.supporters) returns text
language sql immutable set search_path = '' as $$
  select case when s.active then 'active' when s.activated_at is null then 'applied' else 'inactive' end
$$;

-- The caller steps back (inactive) or, once staff had made them active, comes back.
create function public.set_my_supporter_active(p_active boolean) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.supporters;
begin
  select * into v from public.supporters s where s.user_id = (select auth.uid()) for update;
  if v.id is null then raise exception using errcode = 'P0001', message = 'not_a_supporter'; end if;
  if coalesce(p_active, false) and v.activated_at is null then
    raise exception using errcode = 'P0001', message = 'not_yet_active';
  end if;
  update public.supporters set active = coalesce(p_active, false), updated_at = now() where id = v.id returning * into v;
  if not v.active then
    -- Stepping back withdraws what is still to come, as withdraw_help would: a class past its
    -- deadline (17:00 the day before) stays, and the supporter is told to phone about it.
    update public.session_staffing st set status = 'withdrawn'
    where st.supporter_id = v.id and st.status in ('offered', 'asked', 'assigned')
      and exists (select 1 from public.sessions s where s.id = st.session_id
                  and (now() < private.withdraw_deadline(s.starts_at) or (st.status = 'asked' and s.starts_at > now())));
  end if;
  return jsonb_build_object('status', private.supporter_status(v),
    'kept', (select count(*) from public.session_staffing st join public.sessions s on s.id = st.session_id
             where st.supporter_id = v.id and st.status = 'assigned' and s.starts_at > now()));
end
$$;

-- Staff make a supporter active (or inactive) in a town the supporter lists.
create function public.set_supporter_active(p_supporter_id uuid, p_active boolean) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.supporters;
begin
  if not private.reaches_supporter(p_supporter_id) then
    raise exception using errcode = 'P0001', message = 'supporter_not_found';
  end if;
  update public.supporters set active = coalesce(p_active, false), updated_at = now(),
    activated_at = coalesce(activated_at, case when p_active then now() end)
  where id = p_supporter_id returning * into v;
  if not v.active then
    -- Put on a break: their offers and assignments still to come go, so that classes show the gap.
    update public.session_staffing st set status = 'withdrawn'
    where st.supporter_id = v.id and st.status in ('offered', 'asked', 'assigned')
      and exists (select 1 from public.sessions s where s.id = st.session_id and s.starts_at > now());
  end if;
  return jsonb_build_object('id', v.id, 'status', private.supporter_status(v));
end
$$;

-- A completed course, recorded by the prefecture admin of the supporter's prefecture or
-- by staff of a town the supporter lists; never by the supporter for themselves. Recorded
-- this way it is certified (in the recorder's name).
create function private.record_training_row(p_supporter_id uuid, p_course text, p_completed_on date) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  insert into public.supporter_trainings as t (supporter_id, course, completed_on, certified_at, certified_by)
  values (p_supporter_id, p_course, p_completed_on, now(), (select auth.uid()))
  on conflict (supporter_id, course) do update
    set completed_on = excluded.completed_on, certified_at = excluded.certified_at, certified_by = excluded.certified_by;
end
$$;

create function private.check_training(p_course text, p_completed_on date) returns void
language plpgsql stable set search_path = '' as $$
begin
  if not exists (select 1 from public.training_courses c where c.code = p_course) then
    raise exception using errcode = 'P0001', message = 'course_required';
  end if;
  if p_completed_on is null or p_completed_on > (now() at time zone 'Asia/Tokyo')::date or p_completed_on < date '2000-01-01' then
    raise exception using errcode = 'P0001', message = 'completed_on_invalid';
  end if;
end
$$;

create function public.record_training(p_supporter_id uuid, p_course text, p_completed_on date) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not (private.reaches_supporter(p_supporter_id) or private.administers_supporter(p_supporter_id)) then
    raise exception using errcode = 'P0001', message = 'supporter_not_found';
  end if;
  perform private.check_training(p_course, p_completed_on);
  perform private.record_training_row(p_supporter_id, p_course, p_completed_on);
  return jsonb_build_object('supporter_id', p_supporter_id, 'course', p_course, 'certified', private.is_certified_supporter(p_supporter_id));
end
$$;

-- A course's participant list, pasted or uploaded: [{row, email, name}], each naming one
-- supporter by account e-mail or, failing that, by name (unique among those within reach).
-- Rows that cannot be recorded come back with their number and reason; with
-- p_all_or_nothing, one bad row records none.
create function public.import_training(p_course text, p_completed_on date, p_rows jsonb, p_all_or_nothing boolean) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row jsonb;
  v_number integer;
  v_email text;
  v_name text;
  v_ids uuid[];
  v_found uuid[] := '{}';
  v_seen uuid[] := '{}';
  v_errors jsonb := '[]';
  v_reason text;
begin
  perform private.check_training(p_course, p_completed_on);
  if jsonb_typeof(p_rows) is distinct from 'array' or jsonb_array_length(p_rows) not between 1 and 2000 then
    raise exception using errcode = 'P0001', message = 'import_rows_invalid';
  end if;
  for v_row in select value from jsonb_array_elements(p_rows) loop
    v_number := case when jsonb_typeof(v_row -> 'row') = 'number' then (v_row ->> 'row')::integer end;
    v_email := lower(btrim(normalize(coalesce(v_row ->> 'email', ''), NFKC)));
    v_name := private.clean_text(v_row ->> 'name', 60);
    v_reason := null;
    if jsonb_typeof(v_row) is distinct from 'object' or v_number is null then
      v_reason := 'invalid_row';
    elsif v_email <> '' then
      select array_agg(s.id) into v_ids from public.supporters s join auth.users u on u.id = s.user_id
      where lower(u.email) = v_email;
      if v_ids is null then v_reason := 'no_such_supporter'; end if;
    elsif v_name is null then
      v_reason := 'invalid_row';
    elsif v_name <> '' then
      select array_agg(s.id) into v_ids from public.supporters s
      where replace(s.display_name, ' ', '') = replace(v_name, ' ', '') and private.reaches_supporter(s.id);
      if v_ids is null then v_reason := 'no_such_supporter';
      elsif cardinality(v_ids) > 1 then v_reason := 'ambiguous_name'; end if;
    else
      v_reason := 'email_or_name_required';
    end if;
    if v_reason is null and not (private.reaches_supporter(v_ids[1]) or private.administers_supporter(v_ids[1])) then
      v_reason := 'no_such_supporter';
    end if;
    if v_reason is null and v_ids[1] = any (v_seen) then v_reason := 'duplicate_row'; end if;
    if v_reason is null then
      v_seen := v_seen || v_ids[1];
      v_found := v_found || v_ids[1];
    else
      v_errors := v_errors || jsonb_build_object('row', v_number, 'reason', v_reason);
    end if;
  end loop;
  if p_all_or_nothing and jsonb_array_length(v_errors) > 0 then
    return jsonb_build_object('imported', 0, 'errors', v_errors);
  end if;
  perform private.record_training_row(id, p_course, p_completed_on) from unnest(v_found) id;
  return jsonb_build_object('imported', cardinality(v_found), 'errors', v_errors);
end
$$;

-- The half day a session starts in, as supporters give their availability: tue_pm.
create function private.session_slot(p_starts_at timestamptz) returns text
language sql immutable set search_path = '' as $$
  select (array['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow from p_starts_at at time zone 'Asia/Tokyo')::integer]
    || case when extract(hour from p_starts_at at time zone 'Asia/Tokyo') < 12 then '_am' else '_pm' end
$$;

-- Whether a supporter may lead at a class: certified, with the step-up course too.
create function private.is_lead_supporter(p_supporter_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_certified_supporter(p_supporter_id)
    and exists (select 1 from public.supporter_trainings t where t.supporter_id = p_supporter_id and t.course = 'step_up' and t.certified_at is not null)
$$;

-- The caller's supporter page: profile, towns, courses, and this fiscal year's activity.
create function public.my_supporter() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', s.id, 'display_name', s.display_name, 'kana', s.kana, 'phone', s.phone, 'note', s.note,
    'municipality_code', s.municipality_code, 'municipality_name', m.name,
    'travel_codes', coalesce((select jsonb_agg(sm.municipality_code order by sm.municipality_code) from public.supporter_municipalities sm where sm.supporter_id = s.id), '[]'),
    'skills', to_jsonb(s.skills), 'availability', to_jsonb(s.availability),
    'status', private.supporter_status(s), 'certified', private.is_certified_supporter(s.id),
    'lead', private.is_lead_supporter(s.id),
    'trainings', coalesce((select jsonb_agg(jsonb_build_object('course', t.course, 'name_ja', c.name_ja, 'name_en', c.name_en,
        'completed_on', t.completed_on, 'certified', t.certified_at is not null) order by c.sort_order)
      from public.supporter_trainings t join public.training_courses c on c.code = t.course where t.supporter_id = s.id), '[]'))
  from public.supporters s join public.municipalities m on m.code = s.municipality_code
  where s.user_id = (select auth.uid())
$$;

-- When a supporter may still withdraw: until 17:00 (Japan) the day before the class.
create function private.withdraw_deadline(p_starts_at timestamptz) returns timestamptz
language sql immutable set search_path = '' as $$
  select ((p_starts_at at time zone 'Asia/Tokyo')::date - 1 + time '17:00') at time zone 'Asia/Tokyo'
$$;

-- A session as a supporter sees it: what the class needs, never who the seniors are.
create function private.session_for_supporter(s public.sessions, p_status text, p_skills text[], p_availability text[]) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', s.id, 'title', s.title, 'format', s.format, 'topic_id', s.topic_id, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
    'municipality_code', s.municipality_code, 'municipality_name', (select m.name from public.municipalities m where m.code = s.municipality_code),
    'venue_name', v.name, 'venue_address', v.address, 'device_focus', s.device_focus, 'what_to_bring', s.what_to_bring,
    'registered', s.seats_confirmed, 'capacity', s.capacity, 'status', s.status,
    'supporters_needed', s.supporters_needed,
    'supporters_confirmed', (select count(*) from public.session_staffing st where st.session_id = s.id and st.status = 'assigned'),
    'my_status', p_status, 'withdraw_until', private.withdraw_deadline(s.starts_at),
    'can_withdraw', case when p_status = 'asked' then s.starts_at > now() else now() < private.withdraw_deadline(s.starts_at) end,
    'contact_phone', s.contact_phone,
    'skill_match', s.topic_id = any (p_skills) or s.device_focus = any (p_skills),
    'time_match', private.session_slot(s.starts_at) = any (p_availability),
    -- Notes for supporters, once they are assigned.
    'supporter_notes', case when p_status = 'assigned' then s.supporter_notes else '' end)
  from public.venues v where v.id = s.venue_id
$$;

-- Published classes still to come in the caller's towns that need supporters, those on
-- their topics and at their usual times first, and the caller's own offers and
-- assignments; for an active, certified supporter.
create function public.supporter_sessions() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.supporters;
begin
  select * into v from public.supporters s where s.user_id = (select auth.uid());
  if v.id is null then raise exception using errcode = 'P0001', message = 'not_a_supporter'; end if;
  return jsonb_build_object(
    'mine', coalesce((
      select jsonb_agg(private.session_for_supporter(s, st.status, v.skills, v.availability) order by s.starts_at)
      from public.session_staffing st join public.sessions s on s.id = st.session_id
      where st.supporter_id = v.id and st.status in ('offered', 'asked', 'assigned') and s.ends_at > now()), '[]'),
    'open', case when v.active and private.is_certified_supporter(v.id) then coalesce((
      select jsonb_agg(private.session_for_supporter(s, null, v.skills, v.availability)
        order by (s.topic_id = any (v.skills) or s.device_focus = any (v.skills)) desc,
                 private.session_slot(s.starts_at) = any (v.availability) desc, s.starts_at)
      from public.sessions s
      where s.status = 'published' and s.starts_at > now() and s.starts_at < now() + interval '120 days'
        and (s.municipality_code = v.municipality_code
             or s.municipality_code in (select sm.municipality_code from public.supporter_municipalities sm where sm.supporter_id = v.id))
        and s.supporters_needed > (select count(*) from public.session_staffing st where st.session_id = s.id and st.status = 'assigned')
        and not exists (select 1 from public.session_staffing st where st.session_id = s.id and st.supporter_id = v.id
                        and st.status in ('offered', 'asked', 'assigned', 'declined'))), '[]') else '[]' end);
end
$$;

-- A certified, active supporter offers to help at a published class still to come in one
-- of their towns; accepting staff's request assigns them at once.
create function public.offer_help(p_session_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.supporters;
  v_session public.sessions;
  v_staffing public.session_staffing;
begin
  select * into v from public.supporters s where s.user_id = (select auth.uid());
  if v.id is null then raise exception using errcode = 'P0001', message = 'not_a_supporter'; end if;
  if not v.active or not private.is_certified_supporter(v.id) then
    raise exception using errcode = 'P0001', message = 'not_certified';
  end if;
  select * into v_session from public.sessions s where s.id = p_session_id for update;
  if v_session.id is null or v_session.status <> 'published'
     or not (v_session.municipality_code = v.municipality_code
             or exists (select 1 from public.supporter_municipalities sm where sm.supporter_id = v.id and sm.municipality_code = v_session.municipality_code)) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if v_session.starts_at <= now() then raise exception using errcode = 'P0001', message = 'session_started'; end if;
  select * into v_staffing from public.session_staffing st where st.session_id = p_session_id and st.supporter_id = v.id for update;
  -- A class that asks for no supporters takes offers only when staff asked.
  if v_session.supporters_needed = 0 and coalesce(v_staffing.status, '') <> 'asked' then
    raise exception using errcode = 'P0001', message = 'no_supporters_needed';
  end if;
  if v_staffing.status = 'declined' then raise exception using errcode = 'P0001', message = 'offer_declined'; end if;
  if v_staffing.status in ('offered', 'assigned') then return jsonb_build_object('status', v_staffing.status); end if;
  insert into public.session_staffing as st (session_id, municipality_code, supporter_id, status)
  values (p_session_id, v_session.municipality_code, v.id, 'offered')
  on conflict (session_id, supporter_id) do update
    set status = case when st.status = 'asked' then 'assigned' else 'offered' end, updated_at = now()
  returning * into v_staffing;
  return jsonb_build_object('status', v_staffing.status);
end
$$;

-- The supporter withdraws an offer or an assignment, until the deadline.
create function public.withdraw_help(p_session_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_staffing public.session_staffing;
  v_starts timestamptz;
begin
  select st.* into v_staffing from public.session_staffing st
  where st.session_id = p_session_id and st.supporter_id = private.my_supporter_id() for update;
  if v_staffing.session_id is null or v_staffing.status not in ('offered', 'asked', 'assigned') then
    raise exception using errcode = 'P0001', message = 'offer_not_found';
  end if;
  select s.starts_at into v_starts from public.sessions s where s.id = p_session_id;
  -- A request not yet accepted may be turned down until the class starts.
  if (v_staffing.status = 'asked' and now() >= v_starts) or (v_staffing.status <> 'asked' and now() >= private.withdraw_deadline(v_starts)) then
    raise exception using errcode = 'P0001', message = 'withdraw_closed';
  end if;
  update public.session_staffing set status = 'withdrawn', updated_at = now()
  where session_id = p_session_id and supporter_id = v_staffing.supporter_id;
  return jsonb_build_object('status', 'withdrawn');
end
$$;

-- Staff answer an offer (assigned or declined) or ask a supporter directly, for a session
-- of their town; only a certified, active supporter who lists the town may be assigned or asked.
create function public.staff_supporter(p_session_id uuid, p_supporter_id uuid, p_action text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session public.sessions;
  v_staffing public.session_staffing;
  v_status text;
begin
  select * into v_session from public.sessions s where s.id = p_session_id for update;
  if v_session.id is null or not private.can_manage(v_session.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  if coalesce(p_action, '') not in ('assign', 'decline', 'ask', 'remove') then
    raise exception using errcode = 'P0001', message = 'invalid_request';
  end if;
  if not private.reaches_supporter_in(p_supporter_id, v_session.municipality_code) then
    raise exception using errcode = 'P0001', message = 'supporter_not_found';
  end if;
  if v_session.status = 'cancelled' then raise exception using errcode = 'P0001', message = 'session_cancelled'; end if;
  -- Once it has begun, who helped is recorded (record_supporter_activity), not changed.
  if v_session.starts_at <= now() then raise exception using errcode = 'P0001', message = 'session_started'; end if;
  if p_action in ('assign', 'ask')
     and not (private.is_certified_supporter(p_supporter_id)) then
    raise exception using errcode = 'P0001', message = 'not_certified';
  end if;
  select * into v_staffing from public.session_staffing st where st.session_id = p_session_id and st.supporter_id = p_supporter_id for update;
  v_status := case p_action when 'assign' then 'assigned' when 'decline' then 'declined' when 'remove' then 'withdrawn'
    else case when v_staffing.status in ('offered', 'assigned') then 'assigned' else 'asked' end end;
  if p_action = 'decline' and coalesce(v_staffing.status, '') <> 'offered' then
    raise exception using errcode = 'P0001', message = 'offer_not_found';
  end if;
  if p_action = 'assign' and coalesce(v_staffing.status, '') not in ('offered', 'assigned') then
    -- Staff assign someone who offered; anyone else they ask, and the supporter accepts.
    raise exception using errcode = 'P0001', message = 'offer_not_found';
  end if;
  insert into public.session_staffing as st (session_id, municipality_code, supporter_id, status)
  values (p_session_id, v_session.municipality_code, p_supporter_id, v_status)
  on conflict (session_id, supporter_id) do update set status = excluded.status, updated_at = now();
  return jsonb_build_object('status', v_status,
    'supporters_confirmed', (select count(*) from public.session_staffing st where st.session_id = p_session_id and st.status = 'assigned'));
end
$$;

-- A session's supporters for its staff: who offered, was asked, is assigned or declined;
-- then suggestions among the certified, active supporters who list the town, ranked by
-- skill match, whether the class is at a time they usually help, how seldom they helped in
-- the last 90 days (to spread the load), and distance from their home town's office to the venue.
create function public.session_supporters(p_session_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_session public.sessions;
  v_lat double precision;
  v_lng double precision;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if v_session.id is null or not private.can_manage(v_session.municipality_code) then
    raise exception using errcode = 'P0001', message = 'session_not_found';
  end if;
  select coalesce(vn.lat, m.office_lat), coalesce(vn.lng, m.office_lng) into v_lat, v_lng
  from public.venues vn join public.municipalities m on m.code = vn.municipality_code where vn.id = v_session.venue_id;
  return jsonb_build_object(
    'needed', v_session.supporters_needed,
    'staffing', coalesce((
      select jsonb_agg(jsonb_build_object('supporter_id', sp.id, 'display_name', sp.display_name, 'kana', sp.kana, 'phone', sp.phone,
          'status', st.status, 'certified', private.is_certified_supporter(sp.id), 'lead', private.is_lead_supporter(sp.id),
          'attended', st.attended, 'minutes_helped', st.minutes_helped)
        order by case st.status when 'assigned' then 0 when 'offered' then 1 when 'asked' then 2 else 3 end, sp.kana)
      from public.session_staffing st join public.supporters sp on sp.id = st.supporter_id
      where st.session_id = p_session_id), '[]'),
    'suggestions', coalesce((
      select jsonb_agg(jsonb_build_object('supporter_id', c.id, 'display_name', c.display_name, 'kana', c.kana,
          'municipality_name', c.municipality_name, 'skill_match', c.skill_match, 'time_match', c.time_match,
          'lead', private.is_lead_supporter(c.id), 'distance_km', round(c.distance_km::numeric, 1),
          'recent_sessions', c.recent) order by c.skill_match desc, c.time_match desc, c.recent, c.distance_km nulls last, c.kana)
      from (
        select sp.id, sp.display_name, sp.kana, hm.name as municipality_name,
          (v_session.topic_id = any (sp.skills) or v_session.device_focus = any (sp.skills)) as skill_match,
          private.session_slot(v_session.starts_at) = any (sp.availability) as time_match,
          private.distance_km(hm.office_lat, hm.office_lng, v_lat, v_lng) as distance_km,
          (select count(*) from public.session_staffing x join public.sessions xs on xs.id = x.session_id
           where x.supporter_id = sp.id and x.status = 'assigned' and xs.starts_at > now() - interval '90 days')::integer as recent
        from public.supporters sp join public.municipalities hm on hm.code = sp.municipality_code
        where sp.active and private.is_certified_supporter(sp.id)
          and (sp.municipality_code = v_session.municipality_code
               or exists (select 1 from public.supporter_municipalities sm where sm.supporter_id = sp.id and sm.municipality_code = v_session.municipality_code))
          and not exists (select 1 from public.session_staffing st where st.session_id = p_session_id and st.supporter_id = sp.id)
        limit 200) c), '[]'));
end
$$;

-- A town's supporters for its staff: status, courses, home, and when they last helped.
create function public.town_supporters(p_municipality_code text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.can_manage(p_municipality_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', sp.id, 'display_name', sp.display_name, 'kana', sp.kana, 'phone', sp.phone,
        'municipality_code', sp.municipality_code, 'municipality_name', m.name, 'home', sp.municipality_code = p_municipality_code,
        'status', private.supporter_status(sp), 'skills', to_jsonb(sp.skills), 'availability', to_jsonb(sp.availability), 'note', sp.note,
        'courses', coalesce((select jsonb_agg(t.course order by t.course) from public.supporter_trainings t where t.supporter_id = sp.id and t.certified_at is not null), '[]'),
        'certified', private.is_certified_supporter(sp.id), 'lead', private.is_lead_supporter(sp.id),
        'last_helped', (select max(s.starts_at) from public.session_staffing st join public.sessions s on s.id = st.session_id
                        where st.supporter_id = sp.id and st.status = 'assigned' and s.starts_at <= now()))
      order by sp.kana, sp.id)
    from public.supporters sp join public.municipalities m on m.code = sp.municipality_code
    where sp.municipality_code = p_municipality_code
       or exists (select 1 from public.supporter_municipalities sm where sm.supporter_id = sp.id and sm.municipality_code = p_municipality_code)), '[]');
end
$$;

-- A course of the prefecture's own (besides the basic and step-up courses), added by its admin.
create function public.add_training_course(p_prefecture_code text, p_name_ja text, p_name_en text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ja text := private.clean_text(p_name_ja, 60);
  v_en text := private.clean_text(coalesce(nullif(btrim(p_name_en), ''), p_name_ja), 60);
  v_code text := 'c' || left(replace(gen_random_uuid()::text, '-', ''), 12);
begin
  if not private.is_prefecture_admin_of(p_prefecture_code) then
    raise exception using errcode = 'P0001', message = 'not_allowed';
  end if;
  if v_ja is null or v_ja = '' or v_en is null or v_ja ~ '<[a-zA-Z!/?]' or v_en ~ '<[a-zA-Z!/?]' then
    raise exception using errcode = 'P0001', message = 'course_name_invalid';
  end if;
  if exists (select 1 from public.training_courses c where c.name_ja = v_ja and (c.prefecture_code is null or c.prefecture_code = p_prefecture_code)) then
    raise exception using errcode = 'P0001', message = 'course_exists';
  end if;
  insert into public.training_courses (code, name_ja, name_en, prefecture_code, sort_order) values (v_code, v_ja, v_en, p_prefecture_code, 100);
  return jsonb_build_object('code', v_code);
end
$$;

-- The courses, for the forms that record them.
create function public.list_training_courses() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('code', c.code, 'name_ja', c.name_ja, 'name_en', c.name_en) order by c.sort_order, c.code), '[]')
  from public.training_courses c
$$;

-- The address of the caller's own calendar feed (made on first use), or a new one.
create function public.my_calendar_token(p_renew boolean default false) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid := private.my_supporter_id();
  v_token text := translate(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'), '+/=', '-_');
begin
  if v_id is null then raise exception using errcode = 'P0001', message = 'not_a_supporter'; end if;
  insert into private.supporter_calendar_tokens as t (supporter_id, token) values (v_id, v_token)
  on conflict (supporter_id) do update set token = case when p_renew then excluded.token else t.token end
  returning token into v_token;
  return v_token;
end
$$;

-- A supporter's assigned classes from a month ago to a year ahead, for the feed at their
-- private address; the server calls it (service_role), as a calendar app has no session.
create function public.supporter_calendar(p_token text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  if not private.called_by_server() then raise exception using errcode = 'P0001', message = 'not_allowed'; end if;
  select t.supporter_id into v_id from private.supporter_calendar_tokens t where t.token = p_token and length(p_token) <= 64;
  if v_id is null then return null; end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', s.id, 'title', s.title, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
        'status', s.status, 'venue_name', v.name, 'venue_address', v.address, 'description', s.supporter_notes) order by s.starts_at)
    from public.session_staffing st join public.sessions s on s.id = st.session_id join public.venues v on v.id = s.venue_id
    where st.supporter_id = v_id and st.status = 'assigned'
      and s.starts_at > now() - interval '31 days' and s.starts_at < now() + interval '366 days'), '[]');
end
$$;

revoke execute on function
  private.supporter_skill_ok(text[]), private.reaches_supporter_in(uuid, text), private.reaches_supporter(uuid),
  private.clean_text(text, integer, boolean), private.supporter_status(public.supporters),
  private.record_training_row(uuid, text, date), private.check_training(text, date), private.withdraw_deadline(timestamptz),
  private.session_for_supporter(public.sessions, text, text[], text[]),
  public.save_my_supporter_profile(jsonb), public.set_my_supporter_active(boolean), public.set_supporter_active(uuid, boolean),
  public.record_training(uuid, text, date), public.import_training(text, date, jsonb, boolean), public.my_supporter(),
  public.supporter_sessions(), public.offer_help(uuid), public.withdraw_help(uuid), public.staff_supporter(uuid, uuid, text),
  public.session_supporters(uuid), public.town_supporters(text), public.my_calendar_token(boolean), public.supporter_calendar(text),
  public.list_training_courses(), public.add_training_course(text, text, text), private.session_slot(timestamptz),
  private.is_lead_supporter(uuid)
  from public;
grant execute on function
  public.save_my_supporter_profile(jsonb), public.set_my_supporter_active(boolean), public.set_supporter_active(uuid, boolean),
  public.record_training(uuid, text, date), public.import_training(text, date, jsonb, boolean), public.my_supporter(),
  public.supporter_sessions(), public.offer_help(uuid), public.withdraw_help(uuid), public.staff_supporter(uuid, uuid, text),
  public.session_supporters(uuid), public.town_supporters(text), public.my_calendar_token(boolean), public.list_training_courses(),
  public.add_training_course(text, text, text)
  to authenticated;
grant execute on function public.supporter_calendar(text) to service_role;
