-- Sign-up that does not tell whether an address is taken. 10_local_accounts raised
-- email_taken, and the raise rolled back the row that counts sign-ups per address, so
-- probing for accounts was both answered and free. Now every attempt is counted and
-- committed, and a taken address is left exactly as it was; the caller answers the same
-- either way (the person signs in next, with the password the account really has).

create or replace function local_auth.sign_up(p_email text, p_password_hash text, p_ip text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  -- One address at a time, so parallel sign-ups cannot all pass the limit.
  perform pg_advisory_xact_lock(hashtextextended('local_auth.sign_up:' || p_ip, 0));
  if (local_auth.sign_up_lock(p_ip) ->> 'locked')::boolean then
    raise exception using errcode = 'P0001', message = 'too_many_sign_ups';
  end if;
  delete from local_auth.sign_ups where signed_up_at < now() - interval '1 day';
  insert into local_auth.sign_ups (ip) values (p_ip);
  insert into auth.users (email) values (lower(p_email))
  on conflict ((lower(email))) do nothing
  returning id into v_id;
  if v_id is not null then
    insert into local_auth.credentials (user_id, password_hash) values (v_id, p_password_hash);
  end if;
  -- For the server only (a notice by e-mail, say); never shown to the person signing up.
  return jsonb_build_object('created', v_id is not null);
end
$$;
