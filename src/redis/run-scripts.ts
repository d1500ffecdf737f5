/**
 * The Lua scripts of durable runs. A run's record is a hash with `status` (queued, running, paused,
 * resuming, completed, failed) and `phase` (0 for the first execution, +1 per approval); each state change is
 * one script, so two workers (or a worker and an `approve()`) can never both move a run on.
 * @module
 */

/** Creates the record unless it exists. KEYS: record. ARGV: agent, session, input, options, now. */
export const ENQUEUE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'agent', ARGV[1], 'session', ARGV[2], 'input', ARGV[3], 'options', ARGV[4],
  'status', 'queued', 'phase', 0, 'attempts', 0, 'endings', 0, 'createdAt', ARGV[5])
return 1
`;

/**
 * Claims a run for one execution of phase ARGV[1]: returns 'run', or why not ('ended', 'paused', 'stale'
 * for a job of an older phase, 'missing'). KEYS: record. ARGV: phase.
 */
export const START_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status == 'completed' or status == 'failed' then return 'ended' end
if redis.call('HGET', KEYS[1], 'phase') ~= ARGV[1] then return 'stale' end
if status == 'paused' then return 'paused' end
redis.call('HSET', KEYS[1], 'status', 'running')
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
return 'run'
`;

/**
 * Ends phase ARGV[2] once: 'completed' or 'failed' end the run, 'paused' parks its state. The outcome goes
 * into the record and, as the phase's last entry, into the event stream. Returns 1, or 0 when the phase had
 * already ended (a duplicate attempt). KEYS: record, events. ARGV: status, phase, outcome, state, retention ms.
 */
export const FINISH_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'running' or redis.call('HGET', KEYS[1], 'phase') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'outcome', ARGV[3])
if ARGV[1] == 'paused' then
  redis.call('HSET', KEYS[1], 'state', ARGV[4])
else
  redis.call('HINCRBY', KEYS[1], 'endings', 1)
end
redis.call('XADD', KEYS[2], '*', 'phase', ARGV[2], 'kind', 'end', 'data', ARGV[3])
local retention = tonumber(ARGV[5])
if ARGV[1] ~= 'paused' and retention > 0 then
  redis.call('PEXPIRE', KEYS[1], retention)
  redis.call('PEXPIRE', KEYS[2], retention)
end
return 1
`;

/**
 * Records decisions on a paused run and opens its next phase. Returns the phase to enqueue, the current one
 * again when the run is already resuming (a repeated approve re-enqueues the same job), or an error reply
 * naming the status. KEYS: record. ARGV: approvals.
 */
export const APPROVE_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return redis.error_reply('missing') end
if status == 'resuming' then return tonumber(redis.call('HGET', KEYS[1], 'phase')) end
if status ~= 'paused' then return redis.error_reply('status:' .. status) end
redis.call('HSET', KEYS[1], 'status', 'resuming', 'approvals', ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'phase', 1)
`;
