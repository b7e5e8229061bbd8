-- The page a senior opens for their registration shows the class too: found in the same call
-- (issue 8), instead of a second one, each of which costs the server four round trips.
create or replace function public.find_registration(p_code text, p_phone text, p_requester text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_lead public.registrations := private.open_party(p_code, p_phone, p_requester);
begin
  if v_lead.id is null then return jsonb_build_object('found', false); end if;
  return jsonb_build_object(
    'found', true,
    'code', v_lead.confirmation_code,
    'session_id', v_lead.session_id,
    'status', v_lead.status,
    'position', case when v_lead.status = 'waitlisted' then private.waiting_position(v_lead.session_id, v_lead.queue_seq) end,
    'people', (
      select jsonb_agg(jsonb_build_object('name_kana', p.name_kana, 'status', r.status) order by r.queue_seq)
      from private.party_by_code(p_code, p_phone) r join public.participants p on p.id = r.participant_id),
    -- As anyone sees it on the class's page (no draft: null, as there).
    'session', public.session_details(v_lead.session_id));
end
$$;
