-- A code names one party of one or two people. Told so, the planner looks the party's people
-- up by key; left to assume the default of 1,000 rows for a set-returning function, it read
-- every participant to join them (find_registration: 7 ms at 11,800 participants, and in
-- proportion beyond; issue 8).
alter function private.party_by_code(text, text) rows 2;
