using System.Runtime.CompilerServices;

namespace KpiPipeline.Model;

/// <summary>
/// Large arrays handed back for the next partition of the same read to use again.
/// <para>Why: every partition of a split drop builds its tables anew — each table's rows twice (as parsed, then grouped
/// by child) and an index per table — all large-object-heap arrays, ~6 GB of them over a national drop. Each such
/// allocation counts towards the budget that triggers a full, blocking collection: measured at scale 50, 49 of the
/// run's 64 full collections, 1.5 s of its 2.4 s of pauses. Partitions are about the same size, so the arrays one
/// frees fit the next.</para>
/// <para>Only arrays of at least <see cref="MinBytes"/> are kept (smaller ones are cheap to allocate), at most
/// <see cref="KeptPerType"/> per element type, the largest kept. A rented array may be longer than asked and is not
/// cleared (callers track their own length), except that arrays of types holding references are cleared when
/// returned, so they keep nothing alive. Thread-safe.</para>
/// </summary>
public sealed class ArrayRecycler
{
    /// <summary>The large-object-heap threshold: smaller arrays are collected young and cheaply.</summary>
    public const int MinBytes = 85_000;
    public const int KeptPerType = 6;

    private readonly Lock _lock = new();
    private readonly Dictionary<Type, List<Array>> _free = new();

    /// <summary>An array of at least <paramref name="length"/> elements, with stale contents; new ones get 1/8 spare room.</summary>
    public T[] Rent<T>(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!IsKept<T>(length)) return new T[length];
        lock (_lock)
        {
            if (_free.TryGetValue(typeof(T), out var free))
            {
                var best = -1;
                for (var i = 0; i < free.Count; i++)
                    if (free[i].Length >= length && (best < 0 || free[i].Length < free[best].Length)) best = i;
                if (best >= 0)
                {
                    var found = (T[])free[best];
                    free.RemoveAt(best);
                    return found;
                }
            }
        }
        return GC.AllocateUninitializedArray<T>((int)Math.Min(Array.MaxLength, length + (long)length / 8));
    }

    /// <summary>Hands <paramref name="array"/> back; the caller must not use it again.</summary>
    public void Return<T>(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (!IsKept<T>(array.Length)) return;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(array);
        lock (_lock)
        {
            if (!_free.TryGetValue(typeof(T), out var free)) _free[typeof(T)] = free = new List<Array>();
            free.Add(array);
            if (free.Count > KeptPerType)
            {
                var smallest = 0;
                for (var i = 1; i < free.Count; i++)
                    if (free[i].Length < free[smallest].Length) smallest = i;
                free.RemoveAt(smallest);
            }
        }
    }

    /// <summary>Lets go of every kept array (the read is over: they would only hold memory).</summary>
    public void Clear()
    {
        lock (_lock) _free.Clear();
    }

    /// <summary>Arrays kept now, of every type (tests).</summary>
    internal int Kept
    {
        get
        {
            lock (_lock) return _free.Values.Sum(f => f.Count);
        }
    }

    private static bool IsKept<T>(int length) => (long)length * Unsafe.SizeOf<T>() >= MinBytes;
}
