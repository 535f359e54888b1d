using System.Runtime.CompilerServices;
namespace KpiPipeline.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64: small, fast and fully deterministic (no Random.Shared,
/// no clock), so the same options give the same drop on every run. Each child gets its own
/// generator derived from (drop seed, child index), which keeps a child's story independent of
/// how many random numbers earlier children consumed.
/// </summary>
internal sealed class Prng
{
    private ulong _s0, _s1, _s2, _s3;

    public Prng(ulong seed) => Seed(seed);

    private void Seed(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    private static ulong StreamSeed(ulong dropSeed, ulong stream)
    {
        var x = dropSeed ^ (stream * 0xD1B54A32D192ED03UL);
        return SplitMix64(ref x);
    }

    /// <summary>Restarts this generator as stream <paramref name="stream"/> of the drop (same sequence as <see cref="ForStream"/>), without allocating.</summary>
    public void Restart(ulong dropSeed, ulong stream) => Seed(StreamSeed(dropSeed, stream));

    /// <summary>A generator for one stream (e.g. child <paramref name="index"/>) of the drop seeded by <paramref name="dropSeed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Prng ForStream(ulong dropSeed, ulong stream) => new(StreamSeed(dropSeed, stream));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ulong Next()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, max] (both inclusive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Int(int min, int max)
    {
        if (max <= min) return min;
        var range = (ulong)(max - min) + 1;
        return min + (int)(((Next() >> 32) * range) >> 32);
    }

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Exponential with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Whole days from an exponential with the given mean, at least <paramref name="min"/>.</summary>
    public int ExpDays(double mean, int min = 0) => min + (int)Exponential(mean);

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();
}

/// <summary>A fixed discrete distribution (values with relative weights), built once and sampled with one random number.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] items)
    {
        if (items.Length == 0) throw new ArgumentException("at least one item is required", nameof(items));
        _values = new T[items.Length];
        _cumulative = new double[items.Length];
        double total = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Weight < 0) throw new ArgumentException("weights must not be negative", nameof(items));
            total += items[i].Weight;
            _values[i] = items[i].Value;
            _cumulative[i] = total;
        }
        for (var i = 0; i < _cumulative.Length; i++) _cumulative[i] /= total;
        _cumulative[^1] = 1.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T Sample(Prng rng)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (u < _cumulative[i]) return _values[i];
        }
        return _values[^1];
    }
}
