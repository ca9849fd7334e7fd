-- wrk script: POST one new lead per request, each with its own email address (so none is merged).
-- Optional pacing: WRK_DELAY_MS milliseconds between a connection's requests (for a fixed rate).
-- thread_id is a global set by setup(); a local of that name would hide it and give both threads the same ids.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- A seed per run and thread, so a second run on the same database sends new people, not merges.
  math.randomseed(os.time() * 100 + thread_id)
  token = os.getenv("BATON_TOKEN")
  delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
end

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  local id = thread_id .. "-" .. counter .. "-" .. math.random(1, 1000000000)
  local body = '{"fields": {"email": "lead' .. id .. '@firm' .. id .. '.example", "first_name": "Alex", "last_name": "Bench",'
    .. ' "company": "Firm ' .. id .. '", "job_title": "Head of Analytics", "country": "DE", "industry": "Retail",'
    .. ' "company_size": 400, "consent_email": true},'
    .. ' "activities": [{"kind": "pricing_page_visit", "at": "2026-11-20T10:00:00Z"}]}'
  return wrk.format("POST", wrk.path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (token or "")}, body)
end
