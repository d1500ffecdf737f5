/**
 * The Lua scripts of `RedisStore`. Each runs atomically on the server, so a read-check-write is one round
 * trip and no other client can interleave with it.
 * @module
 */

/**
 * Reads a session: returns `{ rev, turn1, turn2, ... }`.
 * KEYS: turns, meta.
 */
export const LOAD_SCRIPT = `
local rev = redis.call('HGET', KEYS[2], 'rev') or '0'
local turns = redis.call('LRANGE', KEYS[1], 0, -1)
table.insert(turns, 1, rev)
return turns
`;

/**
 * Commits one turn. Returns `{ outcome, rev }` with outcome `committed`, `duplicate` (the turn id was
 * committed before) or `conflict` (the revision moved on; nothing stored).
 * KEYS: turns, meta, ids, index. ARGV: expected rev ('' = any), turn id ('' = none), ttl ms ('0' = none),
 * now ms, session id, the turn's JSON.
 */
export const COMMIT_SCRIPT = `
local rev = redis.call('HGET', KEYS[2], 'rev') or '0'
if ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[3], ARGV[2]) == 1 then return {'duplicate', rev} end
if ARGV[1] ~= '' and rev ~= ARGV[1] then return {'conflict', rev} end
local index = redis.call('RPUSH', KEYS[1], ARGV[6]) - 1
rev = tostring(redis.call('HINCRBY', KEYS[2], 'rev', 1))
if ARGV[2] ~= '' then redis.call('HSET', KEYS[3], ARGV[2], index) end
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  redis.call('PEXPIRE', KEYS[3], ttl)
end
return {'committed', rev}
`;

/**
 * Forgets a session but keeps counting its revision, so a turn computed before the clear cannot commit after
 * it. KEYS: turns, meta, ids, index. ARGV: session id, ttl ms ('0' = none).
 */
export const CLEAR_SCRIPT = `
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'rev', 1)
  local ttl = tonumber(ARGV[2])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
end
return 1
`;

/**
 * The turn a turn id committed, or nil. KEYS: turns, ids. ARGV: turn id.
 */
export const COMMITTED_TURN_SCRIPT = `
local index = redis.call('HGET', KEYS[2], ARGV[1])
if not index then return false end
return redis.call('LINDEX', KEYS[1], tonumber(index))
`;
