/**
 * The Lua scripts of the shared rate limiter: a schedule per model in Redis (generic cell rate algorithm),
 * on the server's clock so workers on machines with skewed clocks still agree.
 * @module
 */

/**
 * Reserves the next request slot of a model and returns how many ms to wait before sending. The slot is the
 * latest of: now, the request schedule (one request per `interval` ms), the end of a fleet-wide back-off,
 * and the point where the tokens already spent fit the per-minute budget again.
 * KEYS: request schedule, token schedule, back-off. ARGV: request interval ms (0 = no request limit).
 */
export const RESERVE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local start = now
local backoff = tonumber(redis.call('GET', KEYS[3]) or '0')
if backoff > start then start = backoff end
local tokens = tonumber(redis.call('GET', KEYS[2]) or '0')
if tokens - 60000 > start then start = tokens - 60000 end
local interval = tonumber(ARGV[1])
if interval > 0 then
  local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
  if tat > start then start = tat end
  redis.call('SET', KEYS[1], start + interval, 'PX', start + interval - now + 1000)
end
return start - now
`;

/**
 * Charges tokens a call used to the per-minute schedule. KEYS: token schedule. ARGV: ms the tokens cost
 * (tokens * 60000 / tokensPerMinute).
 */
export const SPEND_TOKENS_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
tat = tat + tonumber(ARGV[1])
redis.call('SET', KEYS[1], tat, 'PX', tat - now + 60000)
return tat
`;

/** Makes every worker wait until ARGV[1] ms from now (never shortens a longer back-off). KEYS: back-off. */
export const BACK_OFF_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local until_ = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > current then redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 1000) end
return until_
`;
