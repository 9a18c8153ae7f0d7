using StackExchange.Redis;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// The store's steps, one Lua script each, so every step is one atomic round trip. A record and its claim share a
/// hash tag, so each script touches one slot and works on Redis Cluster. A claim's value is fingerprint + token,
/// compared whole: only its holder can renew, complete or release it.
/// </summary>
internal static class RedisScripts
{
    /// <summary>Returns {1, record}, or {0} after taking the claim, or {2, claim, remaining lease ms}.</summary>
    public static readonly LuaScript Begin = LuaScript.Prepare("""
        local record = redis.call('GET', @record)
        if record then return {1, record} end
        if redis.call('SET', @claim, @value, 'NX', 'PX', @leaseMs) then return {0} end
        return {2, redis.call('GET', @claim), redis.call('PTTL', @claim)}
        """);

    /// <summary>Returns 1 when the lease was extended, 0 when the claim is no longer held.</summary>
    public static readonly LuaScript Renew = LuaScript.Prepare("""
        if redis.call('GET', @claim) == @value then return redis.call('PEXPIRE', @claim, @leaseMs) end
        return 0
        """);

    /// <summary>
    /// Returns 1 after storing the record and announcing it, 0 when another claim or a record (a tombstone written
    /// while the claim was open) holds the key. A claim that expired with nobody taking its place still completes:
    /// its side effect did happen.
    /// </summary>
    public static readonly LuaScript Complete = LuaScript.Prepare("""
        local holder = redis.call('GET', @claim)
        if holder and holder ~= @value then return 0 end
        if holder then redis.call('DEL', @claim) end
        if redis.call('EXISTS', @record) == 1 then
          if holder then redis.call('PUBLISH', @channel, @id) end
          return 0
        end
        if tonumber(@ttlMs) > 0 then
          redis.call('SET', @record, @blob, 'PX', @ttlMs)
        else
          redis.call('SET', @record, @blob)
        end
        redis.call('PUBLISH', @channel, @id)
        return 1
        """);

    /// <summary>
    /// Ties a record to a resource (a sorted set of record ids scored by their tombstone lifetime) unless the
    /// resource's deletion marker is not older than the record's claim: then returns 1 and the caller records a
    /// tombstone. The index lives as long as its longest-lived record; a lifetime of 0 means until deleted.
    /// </summary>
    public static readonly LuaScript Tie = LuaScript.Prepare("""
        local deleted = redis.call('GET', @deleted)
        if deleted and tonumber(deleted) >= tonumber(@claimedAtMs) then return 1 end
        local existed = redis.call('EXISTS', @records) == 1
        redis.call('ZADD', @records, @tombstoneTtlMs, @id)
        local lifetime = tonumber(@lifetimeMs)
        if lifetime == 0 then
          redis.call('PERSIST', @records)
        else
          local ttl = redis.call('PTTL', @records)
          if not existed or (ttl >= 0 and ttl < lifetime) then redis.call('PEXPIRE', @records, lifetime) end
        end
        return 0
        """);

    /// <summary>
    /// Marks a resource deleted (the marker outlives the tombstones) and hands back, and forgets, the records tied
    /// to it as {id, tombstone ttl ms, …}. The deletion marker and the index share a hash tag: one slot.
    /// </summary>
    public static readonly LuaScript Evict = LuaScript.Prepare("""
        redis.call('SET', @deleted, @deletedAtMs, 'PX', @rememberMs)
        local tied = redis.call('ZRANGE', @records, 0, -1, 'WITHSCORES')
        redis.call('DEL', @records)
        return tied
        """);

    /// <summary>Writes a tombstone in a record's place; a claim still open then fails to complete. Returns 1.</summary>
    public static readonly LuaScript Tombstone = LuaScript.Prepare("""
        redis.call('SET', @record, @blob, 'PX', @ttlMs)
        redis.call('PUBLISH', @channel, @id)
        return 1
        """);

    /// <summary>Returns {1, record, ttl ms}, {2, lease ms} for a claim in flight, or {0}; a ttl of -1 means none.</summary>
    public static readonly LuaScript Inspect = LuaScript.Prepare("""
        local record = redis.call('GET', @record)
        if record then return {1, record, redis.call('PTTL', @record)} end
        local lease = redis.call('PTTL', @claim)
        if lease > 0 then return {2, lease} end
        return {0}
        """);

    /// <summary>Returns how many of record and claim were deleted, after announcing the change.</summary>
    public static readonly LuaScript Delete = LuaScript.Prepare("""
        local deleted = redis.call('DEL', @record, @claim)
        if deleted > 0 then redis.call('PUBLISH', @channel, @id) end
        return deleted
        """);

    /// <summary>Returns 1 after dropping the claim and announcing it, 0 when the claim is no longer held.</summary>
    public static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @claim) == @value then
          redis.call('DEL', @claim)
          redis.call('PUBLISH', @channel, @id)
          return 1
        end
        return 0
        """);
}
