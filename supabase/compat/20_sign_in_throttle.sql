-- Sign-in throttling that cannot be turned against an account's owner. 10_local_accounts
-- locked an account for everyone after five failures from anywhere; here failures count
-- per account *and* address, with growing delays, plus a cap per address. The right
-- password from an address that has not failed always goes through.
--
-- Checking and recording are one step: an attempt is claimed (and counts as a failure)
-- before the password is verified, under a lock per address, so parallel guesses queue
-- and each sees the others. A success clears the pair's count.

drop function local_auth.record_sign_in_attempt(text, text, boolean);
drop function local_auth.sign_in_lock(text, text);
drop index local_auth.sign_in_attempts_email_idx;
create index sign_in_attempts_pair_idx on local_auth.sign_in_attempts (email, ip, attempted_at);

-- Seconds this address must wait before trying this account again; 0 when it may try now.
--   per pair: 4 failures are free; the 5th makes it wait 1 minute, each one after doubles
--             the wait, up to an hour; failures older than a day or before a success are forgotten.
--   per address: 30 failures within 15 minutes, whatever the accounts.
create function local_auth.sign_in_wait(p_email text, p_ip text) returns integer
language sql stable set search_path = '' as $$
  with pair as (
    select count(*) as failures, max(a.attempted_at) as last_failure
    from local_auth.sign_in_attempts a
    where a.email = lower(p_email) and a.ip = p_ip and not a.succeeded
      and a.attempted_at > now() - interval '1 day'
      and a.attempted_at > coalesce((
        select max(s.attempted_at) from local_auth.sign_in_attempts s
        where s.email = lower(p_email) and s.ip = p_ip and s.succeeded), '-infinity')
  ),
  address as (
    select count(*) as failures, min(a.attempted_at) as oldest
    from local_auth.sign_in_attempts a
    where a.ip = p_ip and not a.succeeded and a.attempted_at > now() - interval '15 minutes'
  )
  select greatest(0,
    case when pair.failures >= 5 then ceil(extract(epoch from
      pair.last_failure + least(interval '1 minute' * 2 ^ least(pair.failures - 5, 6), interval '1 hour') - now()))
    else 0 end,
    case when address.failures >= 30 then ceil(extract(epoch from address.oldest + interval '15 minutes' - now()))
    else 0 end
  )::integer
  from pair, address
$$;

-- Before verifying a password: either a claimed attempt (already counted as a failure)
-- or the wait. A refused attempt is not recorded, so waiting out a delay shortens it.
create function local_auth.claim_sign_in_attempt(p_email text, p_ip text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_wait integer;
  v_id bigint;
begin
  perform pg_advisory_xact_lock(hashtextextended('local_auth.sign_in:' || p_ip, 0));
  v_wait := local_auth.sign_in_wait(p_email, p_ip);
  if v_wait > 0 then
    return jsonb_build_object('allowed', false, 'retry_after', v_wait);
  end if;
  delete from local_auth.sign_in_attempts where attempted_at < now() - interval '1 day';
  insert into local_auth.sign_in_attempts (email, ip, succeeded)
  values (lower(p_email), p_ip, false)
  returning id into v_id;
  return jsonb_build_object('allowed', true, 'attempt_id', v_id);
end
$$;

-- After verifying: a success clears the pair's count; either way, the wait that now applies
-- (so the failure that crosses the line can say so).
create function local_auth.finish_sign_in_attempt(p_attempt_id bigint, p_succeeded boolean) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_attempt local_auth.sign_in_attempts;
begin
  update local_auth.sign_in_attempts set succeeded = p_succeeded
  where id = p_attempt_id
  returning * into v_attempt;
  if v_attempt.id is null then
    raise exception using errcode = 'P0001', message = 'unknown_attempt';
  end if;
  return jsonb_build_object('retry_after',
    case when p_succeeded then 0 else local_auth.sign_in_wait(v_attempt.email, v_attempt.ip) end);
end
$$;

revoke all on function local_auth.sign_in_wait(text, text), local_auth.claim_sign_in_attempt(text, text),
  local_auth.finish_sign_in_attempt(bigint, boolean) from public;
grant execute on function local_auth.sign_in_wait(text, text), local_auth.claim_sign_in_attempt(text, text),
  local_auth.finish_sign_in_attempt(bigint, boolean) to service_role;
