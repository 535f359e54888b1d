using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace KpiPipeline.Model;

/// <summary>
/// Foreign keys between records of the same child (referral id, S47 enquiry id, CP plan id...) are
/// only ever compared for equality within one child's rows, so they are stored as a 64-bit hash of the
/// id text instead of strings. 0 means "no link". A collision would need two ids of the same child to
/// hash alike (odds ~1e-19 per pair), which we accept for the memory it saves at national scale.
/// </summary>
public static class LinkKey
{
    public const long None = 0;

    public static long Of(ReadOnlySpan<char> id)
    {
        id = id.Trim();
        if (id.IsEmpty) return None;
        var h = (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id));
        return h == None ? 1 : h;
    }
}
